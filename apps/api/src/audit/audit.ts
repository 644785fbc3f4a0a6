import { sql, type Kysely } from 'kysely';
import type { AuditEntry, AuditQuery } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { BadRequestError } from '../http/errors.js';

/** A moment from a query: an ISO date-time, or a date (`end` of day for an upper bound). */
function moment(value: string, field: string, end: boolean): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0))
    : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new BadRequestError(`${field} is not a date`, {
      errors: [{ field, message: 'must be a date (YYYY-MM-DD) or a date-time' }],
    });
  }
  return date;
}

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
  | 'observation_deleted'
  | 'photo_hidden'
  | 'photo_unhidden'
  | 'photo_deleted'
  | 'program_created'
  | 'program_updated'
  | 'program_badge_settings_updated'
  | 'project_created'
  | 'site_type_created'
  | 'site_type_updated'
  | 'site_type_deleted'
  | 'site_settings_updated'
  | 'areas_imported'
  | 'area_kind_deleted'
  | 'settings_updated'
  | 'page_saved'
  | 'page_deleted'
  // The catalogue: taxonomy, species lists, badges
  | 'taxonomy_imported'
  | 'species_list_created'
  | 'species_list_updated'
  | 'species_list_deleted'
  | 'species_list_imported'
  | 'species_list_picture_set'
  | 'species_list_picture_removed'
  | 'sensitivity_imported'
  | 'sensitivity_set'
  | 'sensitivity_cleared'
  | 'badge_rule_created'
  | 'badge_rule_updated'
  | 'badge_rule_deleted'
  | 'badges_recomputed';

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

    /** Writes an event and returns its id, for a count kept up to date with `setCount`. */
    async recordCounted(record: AuditRecord): Promise<number> {
      const { id } = await db
        .insertInto('audit_log')
        .values({
          event: record.event,
          user_id: record.userId ?? null,
          actor_id: record.actorId ?? null,
          ip: record.ip ?? null,
          details: JSON.stringify({ ...record.details, count: 1 }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(id);
    },

    async setCount(id: number, count: number) {
      await db
        .updateTable('audit_log')
        .set({ details: sql`jsonb_set(details, '{count}', to_jsonb(${count}::integer))` })
        .where('id', '=', id)
        .execute();
    },

    /** Newest first; `nextBefore` pages on to older entries. */
    async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
      let select = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .leftJoin('users as actor', 'actor.id', 'a.actor_id')
        .select([
          'a.id',
          'a.at',
          'a.event',
          'a.user_id',
          'u.username',
          'a.actor_id',
          'actor.username as actor_name',
          'a.ip',
          'a.details',
        ])
        .orderBy('a.id', 'desc')
        .limit(query.limit + 1);
      if (query.userId !== undefined) select = select.where('a.user_id', '=', query.userId);
      if (query.actorId !== undefined) select = select.where('a.actor_id', '=', query.actorId);
      const events = (query.event ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      if (events.length > 0) select = select.where('a.event', 'in', events);
      if (query.from) select = select.where('a.at', '>=', moment(query.from, 'from', false));
      if (query.to) select = select.where('a.at', '<', moment(query.to, 'to', true));
      if (query.before !== undefined) select = select.where('a.id', '<', query.before);
      const rows = await select.execute();
      const more = rows.length > query.limit;
      const items = rows.slice(0, query.limit).map((row) => ({
        id: Number(row.id),
        at: new Date(row.at).toISOString(),
        event: row.event,
        userId: row.user_id === null ? null : Number(row.user_id),
        username: row.username,
        actorId: row.actor_id === null ? null : Number(row.actor_id),
        actorName: row.actor_name,
        ip: row.ip,
        details: (row.details ?? {}) as Record<string, unknown>,
      }));
      return { items, nextBefore: more ? items.at(-1)!.id : null };
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
