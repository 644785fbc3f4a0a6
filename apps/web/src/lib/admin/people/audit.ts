import type { AuditEntry, Role } from '@citizen/shared';
import type { MessageKey } from '$lib/i18n';

/**
 * The audit log's events as people read them: a sentence per event, the details that matter
 * (reason, role change, fields...) and a link to the object acted on.
 */

/** The events by group, in the order of the filter's list. */
export const EVENT_GROUPS: { label: MessageKey; events: string[] }[] = [
  {
    label: 'adminPeople.audit.group.moderation',
    events: [
      'observation_hidden',
      'observation_unhidden',
      'observation_deleted',
      'photo_hidden',
      'photo_unhidden',
      'photo_deleted',
    ],
  },
  {
    label: 'adminPeople.audit.group.validation',
    events: ['observation_validated', 'observation_reidentified', 'observation_question'],
  },
  {
    label: 'adminPeople.audit.group.accounts',
    events: ['role_changed', 'account_activated', 'account_deactivated'],
  },
  {
    label: 'adminPeople.audit.group.programs',
    events: [
      'program_created',
      'program_updated',
      'project_created',
      'site_type_created',
      'site_type_updated',
      'site_type_deleted',
      'site_settings_updated',
      'program_badge_settings_updated',
    ],
  },
  {
    label: 'adminPeople.audit.group.catalogue',
    events: [
      'taxonomy_imported',
      'species_list_created',
      'species_list_updated',
      'species_list_deleted',
      'species_list_imported',
      'species_list_picture_set',
      'species_list_picture_removed',
      'sensitivity_imported',
      'sensitivity_set',
      'sensitivity_cleared',
      'badge_rule_created',
      'badge_rule_updated',
      'badge_rule_deleted',
      'badges_recomputed',
    ],
  },
  {
    label: 'adminPeople.audit.group.site',
    events: [
      'settings_updated',
      'page_saved',
      'page_deleted',
      'areas_imported',
      'area_kind_deleted',
    ],
  },
  {
    label: 'adminPeople.audit.group.security',
    events: [
      'account_registered',
      'email_confirmed',
      'login_succeeded',
      'login_failed',
      'login_refused_locked',
      'account_locked',
      'session_refreshed_reuse_detected',
      'logout',
      'logout_all',
      'password_reset_requested',
      'password_reset',
      'password_changed',
      'email_change_requested',
      'email_changed',
      'profile_updated',
      'avatar_changed',
      'personal_data_exported',
      'account_deleted',
      'rate_limited',
      'csrf_refused',
    ],
  },
];

const EVENT_KEYS: Record<string, MessageKey> = {
  observation_hidden: 'adminPeople.audit.event.observation_hidden',
  observation_unhidden: 'adminPeople.audit.event.observation_unhidden',
  observation_deleted: 'adminPeople.audit.event.observation_deleted',
  photo_hidden: 'adminPeople.audit.event.photo_hidden',
  photo_unhidden: 'adminPeople.audit.event.photo_unhidden',
  photo_deleted: 'adminPeople.audit.event.photo_deleted',
  observation_validated: 'adminPeople.audit.event.observation_validated',
  observation_reidentified: 'adminPeople.audit.event.observation_reidentified',
  observation_question: 'adminPeople.audit.event.observation_question',
  role_changed: 'adminPeople.audit.event.role_changed',
  account_activated: 'adminPeople.audit.event.account_activated',
  account_deactivated: 'adminPeople.audit.event.account_deactivated',
  settings_updated: 'adminPeople.audit.event.settings_updated',
  page_saved: 'adminPeople.audit.event.page_saved',
  page_deleted: 'adminPeople.audit.event.page_deleted',
  program_created: 'adminPeople.audit.event.program_created',
  program_updated: 'adminPeople.audit.event.program_updated',
  project_created: 'adminPeople.audit.event.project_created',
  site_type_created: 'adminPeople.audit.event.site_type_created',
  site_type_updated: 'adminPeople.audit.event.site_type_updated',
  site_type_deleted: 'adminPeople.audit.event.site_type_deleted',
  site_settings_updated: 'adminPeople.audit.event.site_settings_updated',
  program_badge_settings_updated: 'adminPeople.audit.event.program_badge_settings_updated',
  taxonomy_imported: 'adminPeople.audit.event.taxonomy_imported',
  species_list_created: 'adminPeople.audit.event.species_list_created',
  species_list_updated: 'adminPeople.audit.event.species_list_updated',
  species_list_deleted: 'adminPeople.audit.event.species_list_deleted',
  species_list_imported: 'adminPeople.audit.event.species_list_imported',
  species_list_picture_set: 'adminPeople.audit.event.species_list_picture_set',
  species_list_picture_removed: 'adminPeople.audit.event.species_list_picture_removed',
  sensitivity_imported: 'adminPeople.audit.event.sensitivity_imported',
  sensitivity_set: 'adminPeople.audit.event.sensitivity_set',
  sensitivity_cleared: 'adminPeople.audit.event.sensitivity_cleared',
  badge_rule_created: 'adminPeople.audit.event.badge_rule_created',
  badge_rule_updated: 'adminPeople.audit.event.badge_rule_updated',
  badge_rule_deleted: 'adminPeople.audit.event.badge_rule_deleted',
  badges_recomputed: 'adminPeople.audit.event.badges_recomputed',
  areas_imported: 'adminPeople.audit.event.areas_imported',
  area_kind_deleted: 'adminPeople.audit.event.area_kind_deleted',
  account_registered: 'adminPeople.audit.event.account_registered',
  email_confirmed: 'adminPeople.audit.event.email_confirmed',
  login_succeeded: 'adminPeople.audit.event.login_succeeded',
  login_failed: 'adminPeople.audit.event.login_failed',
  login_refused_locked: 'adminPeople.audit.event.login_refused_locked',
  account_locked: 'adminPeople.audit.event.account_locked',
  session_refreshed_reuse_detected: 'adminPeople.audit.event.session_refreshed_reuse_detected',
  logout: 'adminPeople.audit.event.logout',
  logout_all: 'adminPeople.audit.event.logout_all',
  password_reset_requested: 'adminPeople.audit.event.password_reset_requested',
  password_reset: 'adminPeople.audit.event.password_reset',
  password_changed: 'adminPeople.audit.event.password_changed',
  email_change_requested: 'adminPeople.audit.event.email_change_requested',
  email_changed: 'adminPeople.audit.event.email_changed',
  profile_updated: 'adminPeople.audit.event.profile_updated',
  avatar_changed: 'adminPeople.audit.event.avatar_changed',
  personal_data_exported: 'adminPeople.audit.event.personal_data_exported',
  account_deleted: 'adminPeople.audit.event.account_deleted',
  rate_limited: 'adminPeople.audit.event.rate_limited',
  csrf_refused: 'adminPeople.audit.event.csrf_refused',
};

/** The event's label, or its code for an event this page does not know yet. */
export function eventLabel(event: string, t: (key: MessageKey) => string): string {
  const key = EVENT_KEYS[event];
  return key ? t(key) : event;
}

export type AuditLink =
  | { kind: 'observation'; id: string }
  | { kind: 'page'; slug: string }
  | { kind: 'program'; id: number }
  | { kind: 'speciesList'; id: number }
  | { kind: 'settings' | 'taxonomy' | 'badges' | 'areas' };

/**
 * One line of what an entry's details say (label and value), for the "details" column. `role`:
 * the value is a role; `text`: the value is shown as this message (yes, no, who may visit...).
 */
export type AuditDetail = { label: MessageKey; value: string; role?: boolean; text?: MessageKey };

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** A name as recorded: a string, or a text per language (badges), read in `locale` if it can. */
function nameOf(value: unknown, locale: string | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  const texts = value as Record<string, unknown>;
  const own = locale ? texts[locale] : undefined;
  if (typeof own === 'string' && own) return own;
  return Object.values(texts).find((v): v is string => typeof v === 'string' && v !== '');
}

const ROLE_VALUES: readonly Role[] = ['observer', 'validator', 'admin'];

/** Counts an entry may give, in the order shown. */
const COUNTS: [string, MessageKey][] = [
  ['taxa', 'adminPeople.audit.detail.taxa'],
  ['areas', 'adminPeople.audit.detail.areas'],
  ['inserted', 'adminPeople.audit.detail.inserted'],
  ['updated', 'adminPeople.audit.detail.updated'],
  ['unchanged', 'adminPeople.audit.detail.unchanged'],
  ['removed', 'adminPeople.audit.detail.removed'],
  ['errorCount', 'adminPeople.audit.detail.errorCount'],
  ['holders', 'adminPeople.audit.detail.holders'],
  ['awarded', 'adminPeople.audit.detail.awarded'],
  ['withdrawn', 'adminPeople.audit.detail.withdrawn'],
  ['held', 'adminPeople.audit.detail.held'],
  ['users', 'adminPeople.audit.detail.users'],
];

/** Switches an entry may give (programme badge settings, a list made by an import). */
const SWITCHES: [string, MessageKey][] = [
  ['created', 'adminPeople.audit.detail.created'],
  ['badgesEnabled', 'adminPeople.audit.detail.badgesEnabled'],
  ['leaderboardEnabled', 'adminPeople.audit.detail.leaderboardEnabled'],
];

/** Events about what a programme holds: they link to the programme. */
const PROGRAM_EVENTS = new Set([
  'program_created',
  'program_updated',
  'site_type_created',
  'site_type_updated',
  'site_type_deleted',
  'site_settings_updated',
  'program_badge_settings_updated',
]);

/**
 * What to show of an entry's details, and what it links to; `locale` picks a name given in
 * several languages (a badge's).
 */
export function readEntry(
  entry: AuditEntry,
  locale?: string,
): { details: AuditDetail[]; link?: AuditLink } {
  const d = entry.details;
  const details: AuditDetail[] = [];
  const add = (label: MessageKey, value: unknown) => {
    const shown = text(value);
    if (shown !== undefined && shown !== '') details.push({ label, value: shown });
  };
  if (entry.event === 'role_changed') {
    for (const [label, value] of [
      ['adminPeople.audit.detail.from', d.from],
      ['adminPeople.audit.detail.to', d.to],
    ] as const) {
      if (ROLE_VALUES.includes(value as Role))
        details.push({ label, value: String(value), role: true });
    }
  }
  add('adminPeople.audit.detail.name', nameOf(d.name, locale) ?? d.title);
  add('adminPeople.audit.detail.previousName', d.previousName);
  add('adminPeople.audit.detail.reason', d.reason);
  add('adminPeople.audit.detail.status', d.status);
  add('adminPeople.audit.detail.taxon', d.scientificName ?? d.cdNom);
  add('adminPeople.audit.detail.observedOn', d.observedOn);
  if (typeof d.photos === 'number') add('adminPeople.audit.detail.photos', d.photos);
  if (Array.isArray(d.fields)) add('adminPeople.audit.detail.fields', d.fields.join(', '));
  add('adminPeople.audit.detail.page', d.slug);
  add('adminPeople.audit.detail.kind', d.kind);
  add('adminPeople.audit.detail.format', d.format);
  add('adminPeople.audit.detail.file', d.fileName);
  add('adminPeople.audit.detail.version', d.version);
  add('adminPeople.audit.detail.picture', d.url);
  if (d.visitsBy === 'anyone' || d.visitsBy === 'creator') {
    details.push({
      label: 'adminPeople.audit.detail.visitsBy',
      value: d.visitsBy,
      text:
        d.visitsBy === 'anyone'
          ? 'adminPeople.audit.visitsBy.anyone'
          : 'adminPeople.audit.visitsBy.creator',
    });
  }
  for (const [key, label] of SWITCHES) {
    const value = d[key];
    if (typeof value === 'boolean') {
      details.push({
        label,
        value: String(value),
        text: value ? 'adminPeople.audit.yes' : 'adminPeople.audit.no',
      });
    }
  }
  for (const [key, label] of COUNTS) {
    const value = d[key];
    if (typeof value === 'number' && !(key === 'errorCount' && value === 0)) add(label, value);
  }

  let link: AuditLink | undefined;
  if (typeof d.observationId === 'string' && entry.event !== 'observation_deleted') {
    link = { kind: 'observation', id: d.observationId };
  } else if (typeof d.slug === 'string' && entry.event === 'page_saved') {
    link = { kind: 'page', slug: d.slug };
  } else if (typeof d.programId === 'number' && PROGRAM_EVENTS.has(entry.event)) {
    link = { kind: 'program', id: d.programId };
  } else if (typeof d.speciesListId === 'number' && entry.event !== 'species_list_deleted') {
    link = { kind: 'speciesList', id: d.speciesListId };
  } else if (entry.event === 'settings_updated') {
    link = { kind: 'settings' };
  } else if (entry.event === 'taxonomy_imported') {
    link = { kind: 'taxonomy' };
  } else if (entry.event.startsWith('badge')) {
    link = { kind: 'badges' };
  } else if (entry.event === 'areas_imported' || entry.event === 'area_kind_deleted') {
    link = { kind: 'areas' };
  }
  return { details, link };
}
