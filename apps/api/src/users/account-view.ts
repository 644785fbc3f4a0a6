import type { AdminUser, Locale, Me, PublicProfile } from '@citizen/shared';
import { safeObserverName } from './public-name.js';
import type { AccountRow } from './users.repository.js';

/** The URL of a user's avatar; the key changes with each upload, so caches never go stale. */
export function avatarUrl(row: { username: string; avatar_key: string | null }): string | null {
  if (!row.avatar_key) return null;
  const version = row.avatar_key.split('/').pop();
  return `/api/users/${encodeURIComponent(row.username)}/avatar?v=${version}`;
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

export function toMe(row: AccountRow): Me {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale as Locale,
    notifications: row.notify_by_email,
    avatarUrl: avatarUrl(row),
    emailConfirmed: row.email_confirmed_at !== null,
    createdAt: iso(row.created_at)!,
  };
}

/** Built field by field from a public whitelist: an e-mail address cannot slip in. */
export function toPublicProfile(row: AccountRow, observationCount: number): PublicProfile {
  return {
    username: row.username,
    displayName: safeObserverName(row.display_name),
    role: row.role,
    avatarUrl: avatarUrl(row),
    memberSince: iso(row.created_at)!.slice(0, 10),
    observationCount,
  };
}

export function toAdminUser(row: AccountRow, observationCount: number): AdminUser {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.is_active,
    emailConfirmed: row.email_confirmed_at !== null,
    lastLoginAt: iso(row.last_login_at),
    createdAt: iso(row.created_at)!,
    observationCount,
  };
}
