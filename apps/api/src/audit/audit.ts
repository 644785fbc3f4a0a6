import { sql, type Kysely } from 'kysely';
import type { AuditEntry, AuditQuery } from '@citizen/shared';
import type { DB } from '../db/schema.js';

/** Security events worth keeping; the audit log never holds a password, token or e-mail. */
export type AuditEvent =
  | 'account_registered'
  | 'email_confirmed'
  | 'login_succeeded'
  | 'login_failed'
  | 'login_refused_locked'
  | 'account_locked'
  | 'session_refreshed_reuse_detected'
  | 'logout'
  | 'logout_all'
  | 'password_reset_requested'
  | 'password_reset'
  | 'password_changed'
  | 'email_change_requested'
  | 'email_changed'
  | 'profile_updated'
  | 'avatar_changed'
  | 'personal_data_exported'
  | 'account_deleted'
  | 'role_changed'
  | 'account_activated'
  | 'account_deactivated'
  | 'rate_limited'
  | 'csrf_refused'
  // Validators' and admins' work on content
  | 'observation_validated'
  | 'observation_reidentified'
  | 'observation_question'
  | 'observation_hidden'
  | 'observation_unhidden'
  | 'program_created'
  | 'program_updated'
  | 'areas_imported'
  | 'settings_updated'
  | 'page_saved'
  | 'page_deleted';

export type AuditRecord = {
  event: AuditEvent;
  userId?: number | null;
  actorId?: number | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

export function createAuditLog(db: Kysely<DB>) {
  return {
    /** Writes an event, in the caller's transaction when given one. */
    async record(record: AuditRecord, executor: Kysely<DB> = db) {
      await executor
        .insertInto('audit_log')
        .values({
          event: record.event,
          user_id: record.userId ?? null,
          actor_id: record.actorId ?? null,
          ip: record.ip ?? null,
          details: JSON.stringify(record.details ?? {}),
        })
        .execute();
    },

    async list(query: AuditQuery): Promise<AuditEntry[]> {
      let select = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select([
          'a.id',
          'a.at',
          'a.event',
          'a.user_id',
          'u.username',
          'a.actor_id',
          'a.ip',
          'a.details',
        ])
        .orderBy('a.id', 'desc')
        .limit(query.limit);
      if (query.userId !== undefined) select = select.where('a.user_id', '=', query.userId);
      if (query.event !== undefined) select = select.where('a.event', '=', query.event);
      if (query.before !== undefined) select = select.where('a.id', '<', query.before);
      const rows = await select.execute();
      return rows.map((row) => ({
        id: row.id,
        at: new Date(row.at).toISOString(),
        event: row.event,
        userId: row.user_id,
        username: row.username,
        actorId: row.actor_id,
        ip: row.ip,
        details: (row.details ?? {}) as Record<string, unknown>,
      }));
    },

    /** Events about one user, for their personal-data export. */
    async forUser(userId: number) {
      return db
        .selectFrom('audit_log')
        .select(['at', 'event', 'ip'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();
    },

    /** Deletes events older than the retention period (they hold IP addresses). */
    async prune(retentionDays: number) {
      await db
        .deleteFrom('audit_log')
        .where('at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
        .execute();
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
