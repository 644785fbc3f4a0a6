import type { Generated } from 'kysely';
import type { Timestamp, RequiredTimestamp, Json, JsonWithDefault } from './columns.js';

/** Accounts, sessions and their limits, mail, jobs, the audit log, media, settings and pages, notifications, the GeoNature-citizen import map. */

export type Role = 'observer' | 'validator' | 'admin';

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  role: Generated<Role>;
  is_active: Generated<boolean>;
  email_confirmed_at: Date | null;
  locale: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  avatar_key: string | null;
  notify_by_email: Generated<boolean>;
  terms_accepted_at: Timestamp | null;
  last_login_at: Timestamp | null;
  /** Migration 0007: left out of every leaderboard. */
  hide_from_leaderboards: Generated<boolean>;
  /** Migration 0021: mail a validator's question (on by default) and a new badge (off). */
  mail_on_question: Generated<boolean>;
  mail_on_badge: Generated<boolean>;
}

export type SessionTransport = 'cookie' | 'bearer';

export interface SessionsTable {
  id: Generated<string>;
  user_id: number;
  transport: SessionTransport;
  user_agent: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
}

export interface SessionTokensTable {
  token_hash: string;
  session_id: string;
  kind: 'access' | 'refresh';
  expires_at: RequiredTimestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export type AccountTokenPurpose = 'confirm_email' | 'reset_password' | 'change_email';

export interface AccountTokensTable {
  token_hash: string;
  user_id: number;
  purpose: AccountTokenPurpose;
  new_email: string | null;
  expires_at: RequiredTimestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  failed_at: Timestamp | null;
}

/** Migration 0019: rate-limit windows shared by every API process. */
export interface RateLimitCountersTable {
  key: string;
  hits: number;
  resets_at: RequiredTimestamp;
}

/** Migration 0019: when each background job last ran, across the replicas. */
export interface JobRunsTable {
  name: string;
  last_started_at: RequiredTimestamp;
  last_finished_at: Timestamp | null;
}

/** Migration 0020: an Idempotency-Key and what its first request created. */
export interface IdempotencyKeysTable {
  /** Null for an anonymous request. */
  user_id: number | null;
  key: string;
  operation: string;
  fingerprint: string;
  resource_id: string;
  created_at: Timestamp;
}

/** Migration 0016: wrong passwords per login and source (client address or known device). */
export interface LoginFailuresTable {
  login: string;
  source: string;
  failures: number;
  blocked_until: Timestamp | null;
  last_failed_at: Timestamp;
}

/** Migration 0016: devices that logged in to an account (their cookie token's hash). */
export interface LoginDevicesTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

export type AccountMailKind = 'reset_password' | 'confirm_email';

/** Migrations 0016, 0027: account mails asked for by address, waiting for the background worker. */
export interface AccountMailRequestsTable {
  id: Generated<number>;
  kind: AccountMailKind;
  email: string;
  ip: string | null;
  requested_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  event: string;
  user_id: number | null;
  actor_id: number | null;
  ip: string | null;
  details: JsonWithDefault;
}

export interface MediaTable {
  id: Generated<string>;
  storage_key: string;
  mime_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  author: string | null;
  licence: string | null;
  uploaded_by: number | null;
  original_name: string | null;
  taken_at: Date | null;
  variants: Generated<string[]>;
  created_at: Timestamp;
  /** Moderation (0013): hidden from every list, served only to the observer and experts. */
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: number | null;
}

export interface SiteSettingsTable {
  id: Generated<boolean>;
  value: JsonWithDefault;
  updated_at: Timestamp;
}

export interface CustomPagesTable {
  slug: string;
  title: Json;
  body: Json;
  in_menu: Generated<boolean>;
  position: Generated<number>;
  updated_at: Timestamp;
}

// Migration 0007: site protocols and badges.

export type NotificationKind = 'validated' | 'reidentified' | 'question' | 'badge';

/** Migration 0021: what a user is told in the app (observations judged or asked about, badges). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  observation_id: string | null;
  badge_rule_id: number | null;
  status: string | null;
  comment: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** Migration 0018: which Citizen row each row imported from GeoNature-citizen became. */
export interface GncImportMapTable {
  gnc_table: string;
  gnc_id: string;
  citizen_id: string;
  imported_at: Timestamp;
}
