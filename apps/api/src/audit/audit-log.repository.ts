import { sql, type Kysely } from 'kysely';
import type { AuditEntry, AuditQuery } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { invalidField } from '../http/errors.js';
import type { AuditRecord } from './audit.js';

/** A moment from a query: an ISO date-time, or a date (`end` of day for an upper bound). */
function moment(value: string, field: string, end: boolean): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0))
    : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw invalidField(field, 'field.format', { format: 'date' });
  }
  return date;
}

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
