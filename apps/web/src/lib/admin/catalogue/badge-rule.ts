import type { AdminBadgeRule, BadgeKind, BadgeRuleInput, BadgeTaxonRank } from '@citizen/shared';

export const LANGUAGES = ['fr', 'en', 'de'] as const;
type Language = (typeof LANGUAGES)[number];

/** A badge rule's form as the page edits it: text inputs, empty strings for nothing. */
export type RuleForm = {
  kind: BadgeKind;
  threshold: string;
  level: string;
  /** A programme id, or '' for none (every programme). */
  programId: string;
  taxonRank: BadgeTaxonRank;
  taxonName: string;
  name: Record<Language, string>;
  description: Record<Language, string>;
  pictureUrl: string;
  active: boolean;
};

/** Which fields a kind of rule uses. */
export function fieldsOf(kind: BadgeKind): {
  program: 'required' | 'optional' | null;
  taxon: boolean;
} {
  return {
    program:
      kind === 'program_observations'
        ? 'required'
        : kind === 'taxon_species' || kind === 'site_visits'
          ? 'optional'
          : null,
    taxon: kind === 'taxon_species',
  };
}

export function emptyForm(): RuleForm {
  return {
    kind: 'total_observations',
    threshold: '10',
    level: '1',
    programId: '',
    taxonRank: 'class',
    taxonName: '',
    name: { fr: '', en: '', de: '' },
    description: { fr: '', en: '', de: '' },
    pictureUrl: '',
    active: true,
  };
}

/** The form for an existing rule. */
export function formOf(rule: AdminBadgeRule): RuleForm {
  const texts = (value: Partial<Record<Language, string>>) =>
    Object.fromEntries(LANGUAGES.map((l) => [l, value[l] ?? ''])) as Record<Language, string>;
  return {
    kind: rule.kind,
    threshold: String(rule.threshold),
    level: String(rule.level),
    programId: rule.programId === null ? '' : String(rule.programId),
    taxonRank: rule.taxonRank ?? 'class',
    taxonName: rule.taxonName ?? '',
    name: texts(rule.name),
    description: texts(rule.description),
    // An uploaded picture is kept as it is; only a URL is edited here.
    pictureUrl: rule.pictureMediaId ? '' : (rule.pictureUrl ?? ''),
    active: rule.active,
  };
}

export type RuleProblem = {
  field: 'threshold' | 'level' | 'programId' | 'taxonName' | 'name' | 'pictureUrl';
  problem: 'integer' | 'min' | 'required' | 'url';
};

const WHOLE = /^\d{1,7}$/;

/**
 * The API body for the form, or what is wrong with it. `keepPicture`: the rule has an uploaded
 * picture that an empty URL field leaves in place.
 */
export function ruleInput(
  form: RuleForm,
  { keepPicture = false } = {},
): { input: BadgeRuleInput; problems: [] } | { input: null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const fields = fieldsOf(form.kind);
  const threshold = form.threshold.trim();
  if (!WHOLE.test(threshold) || Number(threshold) > 1_000_000) {
    problems.push({ field: 'threshold', problem: 'integer' });
  } else if (form.kind !== 'seniority' && Number(threshold) < 1) {
    problems.push({ field: 'threshold', problem: 'min' });
  }
  const level = form.level.trim();
  if (!WHOLE.test(level) || Number(level) < 1 || Number(level) > 100) {
    problems.push({ field: 'level', problem: 'integer' });
  }
  if (fields.program === 'required' && !form.programId) {
    problems.push({ field: 'programId', problem: 'required' });
  }
  if (fields.taxon && !form.taxonName.trim()) {
    problems.push({ field: 'taxonName', problem: 'required' });
  }
  const name = Object.fromEntries(
    LANGUAGES.flatMap((l) => (form.name[l].trim() ? [[l, form.name[l].trim()]] : [])),
  );
  if (Object.keys(name).length === 0) problems.push({ field: 'name', problem: 'required' });
  const pictureUrl = form.pictureUrl.trim();
  if (pictureUrl && !/^(https?:\/\/|\/(?!\/))\S+$/.test(pictureUrl)) {
    problems.push({ field: 'pictureUrl', problem: 'url' });
  }
  if (problems.length > 0) return { input: null, problems };

  const description = Object.fromEntries(
    LANGUAGES.flatMap((l) => (form.description[l].trim() ? [[l, form.description[l].trim()]] : [])),
  );
  const input: BadgeRuleInput = {
    kind: form.kind,
    threshold: Number(threshold),
    level: Number(level),
    programId: fields.program && form.programId ? Number(form.programId) : null,
    taxonRank: fields.taxon ? form.taxonRank : null,
    taxonName: fields.taxon ? form.taxonName.trim() : null,
    name,
    description,
    active: form.active,
  };
  if (pictureUrl) input.pictureUrl = pictureUrl;
  else if (!keepPicture) {
    input.pictureUrl = null;
    input.pictureMediaId = null;
  }
  return { input, problems: [] };
}

/** A rule's name in the page's language, else in another. */
export function ruleName(rule: Pick<AdminBadgeRule, 'name'>, locale: string): string {
  const names = rule.name as Partial<Record<string, string>>;
  return names[locale] ?? LANGUAGES.map((l) => names[l]).find((n): n is string => Boolean(n)) ?? '';
}
