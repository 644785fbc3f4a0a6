import type {
  AdminBadgeRule,
  BadgeRule,
  BadgeRuleInput,
  BadgeRulePatch,
  BadgeTaxonGroupQuery,
  BadgeTaxonGroups,
} from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { toRule } from './badge-views.js';
import type { BadgesRepository, RuleRow } from './badges.repository.js';
import type { BadgesService } from './badges.service.js';

/** Administrators' badge rules: checked, stored, and awarded again after each change. */
export function createBadgeRulesService({
  repository,
  badges,
}: {
  repository: BadgesRepository;
  badges: Pick<BadgesService, 'requireEnabled' | 'recomputeRules'>;
}) {
  async function findRule(id: number): Promise<RuleRow> {
    const row = await repository.findRule(id);
    if (!row) throw new DomainError('badge.notFound', { id });
    return row;
  }

  async function adminView(id: number): Promise<AdminBadgeRule> {
    const row = await findRule(id);
    return {
      ...toRule(row),
      pictureMediaId: row.picture_media_id,
      holders: await repository.holders(id),
    };
  }

  /** Checks a rule as it will be stored (after a patch is merged). */
  async function checkRule(rule: {
    kind: BadgeRule['kind'];
    programId: number | null;
    taxonRank: BadgeRule['taxonRank'];
    taxonName: string | null;
    threshold: number;
    pictureMediaId: string | null;
    pictureUrl: string | null;
  }) {
    if (rule.kind === 'program_observations' && rule.programId === null)
      throw new DomainError('badge.programRequired', {}, { field: 'programId' });
    if (
      (rule.kind === 'total_observations' || rule.kind === 'seniority') &&
      rule.programId !== null
    )
      throw new DomainError('badge.programNotAllowed', { kind: rule.kind }, { field: 'programId' });
    if (rule.kind === 'taxon_species' && (!rule.taxonRank || !rule.taxonName))
      throw new DomainError('badge.taxonRequired', {}, { field: 'taxonName' });
    if (rule.kind !== 'taxon_species' && (rule.taxonRank || rule.taxonName))
      throw new DomainError('badge.taxonNotAllowed', {}, { field: 'taxonRank' });
    if (rule.kind !== 'seniority' && rule.threshold < 1)
      throw new DomainError('badge.thresholdTooLow', {}, { field: 'threshold' });
    if (rule.pictureMediaId && rule.pictureUrl)
      throw new DomainError('badge.pictureTwice', {}, { field: 'pictureUrl' });
    if (rule.programId !== null) {
      if (!(await repository.programExists(rule.programId))) {
        throw new DomainError(
          'badge.unknownProgram',
          { id: rule.programId },
          { field: 'programId' },
        );
      }
    }
    if (rule.pictureMediaId) {
      if (!(await repository.mediaExists(rule.pictureMediaId)))
        throw new DomainError('badge.unknownPicture', {}, { field: 'pictureMediaId' });
    }
  }

  return {
    async listRules(): Promise<AdminBadgeRule[]> {
      const rows = await repository.rulesWithHolders();
      return rows.map((r) => ({
        ...toRule(r),
        pictureMediaId: r.picture_media_id,
        holders: Number(r.holders),
      }));
    },

    async publicRules(): Promise<BadgeRule[]> {
      badges.requireEnabled();
      return (await repository.activeRules()).map(toRule);
    },

    getRule: adminView,

    async createRule(input: BadgeRuleInput): Promise<AdminBadgeRule> {
      const rule = {
        kind: input.kind,
        programId: input.programId ?? null,
        taxonRank: input.taxonRank ?? null,
        taxonName: input.taxonName?.trim() ?? null,
        threshold: input.threshold,
        pictureMediaId: input.pictureMediaId ?? null,
        pictureUrl: input.pictureUrl ?? null,
      };
      await checkRule(rule);
      const id = await repository.insertRule({
        kind: rule.kind,
        program_id: rule.programId,
        taxon_rank: rule.taxonRank,
        taxon_name: rule.taxonName,
        threshold: rule.threshold,
        level: input.level ?? 1,
        name: JSON.stringify(input.name),
        description: JSON.stringify(input.description ?? {}),
        picture_media_id: rule.pictureMediaId,
        picture_url: rule.pictureUrl,
        is_active: input.active ?? true,
      });
      await badges.recomputeRules([id]);
      return adminView(id);
    },

    async updateRule(id: number, patch: BadgeRulePatch): Promise<AdminBadgeRule> {
      const current = await findRule(id);
      const merged = {
        kind: patch.kind ?? current.kind,
        programId: patch.programId !== undefined ? patch.programId : current.program_id,
        taxonRank: patch.taxonRank !== undefined ? patch.taxonRank : current.taxon_rank,
        taxonName:
          patch.taxonName !== undefined ? (patch.taxonName?.trim() ?? null) : current.taxon_name,
        threshold: patch.threshold ?? current.threshold,
        pictureMediaId:
          patch.pictureMediaId !== undefined ? patch.pictureMediaId : current.picture_media_id,
        pictureUrl: patch.pictureUrl !== undefined ? patch.pictureUrl : current.picture_url,
      };
      // Setting one kind of picture replaces the other.
      if (patch.pictureUrl && patch.pictureMediaId === undefined) merged.pictureMediaId = null;
      if (patch.pictureMediaId && patch.pictureUrl === undefined) merged.pictureUrl = null;
      await checkRule(merged);
      await repository.updateRule(id, {
        kind: merged.kind,
        program_id: merged.programId,
        taxon_rank: merged.taxonRank,
        taxon_name: merged.taxonName,
        threshold: merged.threshold,
        picture_media_id: merged.pictureMediaId,
        picture_url: merged.pictureUrl,
        ...(patch.level !== undefined && { level: patch.level }),
        ...(patch.name !== undefined && { name: JSON.stringify(patch.name) }),
        ...(patch.description !== undefined && {
          description: JSON.stringify(patch.description),
        }),
        ...(patch.active !== undefined && { is_active: patch.active }),
      });
      await badges.recomputeRules([id]);
      return adminView(id);
    },

    async deleteRule(id: number): Promise<void> {
      if (!(await repository.deleteRule(id))) throw new DomainError('badge.notFound', { id });
    },

    /** Stores an uploaded picture (in `trx`, from photos.saveWith) as the rule's picture. */
    setPicture: repository.setPicture,

    findRule,

    /** The taxonomy's classes, orders or families starting with `q`, with their species. */
    async taxonGroups(query: BadgeTaxonGroupQuery): Promise<BadgeTaxonGroups['items']> {
      return repository.taxonGroups(query);
    },
  };
}

export type BadgeRulesService = ReturnType<typeof createBadgeRulesService>;
