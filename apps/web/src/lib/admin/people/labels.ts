import type { Role, ValidationStatus } from '@citizen/shared';
import type { MessageKey } from '$lib/i18n';

/** Message keys for values the API sends, so that the type checker sees every label. */

const ROLE_KEYS: Record<Role, MessageKey> = {
  observer: 'adminPeople.role.observer',
  validator: 'adminPeople.role.validator',
  admin: 'adminPeople.role.admin',
};

export const roleKey = (role: Role): MessageKey => ROLE_KEYS[role];

const STATUS_KEYS: Record<ValidationStatus, MessageKey> = {
  pending: 'adminPeople.status.pending',
  certain: 'adminPeople.status.certain',
  probable: 'adminPeople.status.probable',
  doubtful: 'adminPeople.status.doubtful',
  invalid: 'adminPeople.status.invalid',
  not_assessable: 'adminPeople.status.not_assessable',
};

export const statusKey = (status: string): MessageKey | undefined =>
  STATUS_KEYS[status as ValidationStatus];
