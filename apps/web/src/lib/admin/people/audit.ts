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
    label: 'adminPeople.audit.group.site',
    events: [
      'settings_updated',
      'page_saved',
      'page_deleted',
      'program_created',
      'program_updated',
      'areas_imported',
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
  areas_imported: 'adminPeople.audit.event.areas_imported',
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
  | { kind: 'settings' };

/** One line of what an entry's details say (label and value), for the "details" column. */
export type AuditDetail = { label: MessageKey; value: string; role?: boolean };

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

const ROLE_VALUES: readonly Role[] = ['observer', 'validator', 'admin'];

/** What to show of an entry's details, and what it links to. */
export function readEntry(entry: AuditEntry): { details: AuditDetail[]; link?: AuditLink } {
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
  add('adminPeople.audit.detail.reason', d.reason);
  add('adminPeople.audit.detail.status', d.status);
  add('adminPeople.audit.detail.taxon', d.scientificName);
  add('adminPeople.audit.detail.observedOn', d.observedOn);
  if (typeof d.photos === 'number') add('adminPeople.audit.detail.photos', d.photos);
  if (Array.isArray(d.fields)) add('adminPeople.audit.detail.fields', d.fields.join(', '));
  add('adminPeople.audit.detail.page', d.slug);

  let link: AuditLink | undefined;
  if (typeof d.observationId === 'string' && entry.event !== 'observation_deleted') {
    link = { kind: 'observation', id: d.observationId };
  } else if (typeof d.slug === 'string' && entry.event === 'page_saved') {
    link = { kind: 'page', slug: d.slug };
  } else if (typeof d.programId === 'number' && entry.event.startsWith('program_')) {
    link = { kind: 'program', id: d.programId };
  } else if (entry.event === 'settings_updated') {
    link = { kind: 'settings' };
  }
  return { details, link };
}
