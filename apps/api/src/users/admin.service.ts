import { sql, type Kysely } from 'kysely';
import type {
  AccountContributions,
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  AdminUserPatch,
  AdminUserQuery,
} from '@citizen/shared';
import type { AuditLog } from '../audit/audit.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Sessions } from '../auth/sessions.js';
import type { DB } from '../db/schema.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { canChangeAccount, canManageUsers } from '../policies/users.policy.js';
import { toAdminUser } from './account-view.js';
import { ACCOUNT_COLUMNS, type AccountRow, type UsersRepository } from './users.repository.js';

/** Administrators' view of accounts: search, and the only way to grant roles or (de)activate. */
export function createUserAdminService(deps: {
  db: Kysely<DB>;
  users: UsersRepository;
  sessions: Sessions;
  audit: AuditLog;
}) {
  const { db, users, sessions, audit } = deps;

  /** Observations recorded by each of these accounts. */
  async function observationCounts(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('observations')
      .select(['observer_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('observer_id', 'in', ids)
      .groupBy('observer_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.observer_id), Number(r.n)]));
  }

  async function withCount(row: AccountRow): Promise<AdminUser> {
    return toAdminUser(row, (await observationCounts([row.id])).get(row.id) ?? 0);
  }

  async function contributions(id: number): Promise<AccountContributions> {
    const [statuses, summary, photos, given, programs] = await Promise.all([
      db
        .selectFrom('observations')
        .select(['validation_status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('observer_id', '=', id)
        .groupBy('validation_status')
        .execute(),
      db
        .selectFrom('observations')
        .select([
          sql<string>`count(*) filter (where hidden_at is not null)`.as('hidden'),
          sql<string | null>`min(observed_on)::text`.as('first'),
          sql<string | null>`max(observed_on)::text`.as('last'),
        ])
        .where('observer_id', '=', id)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('observation_media as om')
        .innerJoin('observations as o', 'o.id', 'om.observation_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('o.observer_id', '=', id)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('observation_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('actor_id', '=', id)
        .where('kind', 'in', ['validated', 'reidentified'])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('observations as o')
        .innerJoin('programs as p', 'p.id', 'o.program_id')
        .select(['p.id', 'p.title', (eb) => eb.fn.countAll<string>().as('n')])
        .where('o.observer_id', '=', id)
        .groupBy(['p.id', 'p.title'])
        .orderBy('n', 'desc')
        .orderBy('p.id')
        .execute(),
    ]);
    const byStatus = Object.fromEntries(statuses.map((r) => [r.validation_status, Number(r.n)]));
    return {
      observations: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
      hiddenObservations: Number(summary.hidden),
      photos: Number(photos.n),
      validationsGiven: Number(given.n),
      firstObservedOn: summary.first,
      lastObservedOn: summary.last,
      programs: programs.map((p) => ({ id: p.id, title: p.title, observations: Number(p.n) })),
    };
  }

  return {
    async list(actor: CurrentUser, query: AdminUserQuery): Promise<AdminUserList> {
      if (!canManageUsers(actor)) throw new ForbiddenError('Only an admin may list accounts');
      let select = db.selectFrom('users');
      if (query.q?.trim()) {
        const like = `%${query.q
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, '\\$&')}%`;
        select = select.where((eb) =>
          eb.or([
            eb(sql`lower(username)`, 'like', like),
            eb(sql`lower(email)`, 'like', like),
            eb(sql`lower(coalesce(display_name, ''))`, 'like', like),
          ]),
        );
      }
      if (query.role) select = select.where('role', '=', query.role);
      if (query.active !== undefined) select = select.where('is_active', '=', query.active);
      const { total } = await select
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = await select
        .select(ACCOUNT_COLUMNS)
        .orderBy(sql`lower(username)`)
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const counts = await observationCounts(rows.map((r) => r.id));
      return {
        total: Number(total),
        items: rows.map((row) => toAdminUser(row, counts.get(row.id) ?? 0)),
      };
    },

    /** One account, with what it contributed. */
    async detail(actor: CurrentUser, id: number): Promise<AdminUserDetail> {
      if (!canManageUsers(actor)) throw new ForbiddenError('Only an admin may read accounts');
      const row = await users.findById(id);
      if (!row) throw new NotFoundError(`No account ${id}`);
      return { ...(await withCount(row)), contributions: await contributions(id) };
    },

    /** Changes a role or the active flag; deactivating ends the account's sessions at once. */
    async change(
      actor: CurrentUser,
      targetId: number,
      patch: AdminUserPatch,
      ip: string,
    ): Promise<AdminUser> {
      if (!canManageUsers(actor)) throw new ForbiddenError('Only an admin may change accounts');
      const target = await users.findById(targetId);
      if (!target) throw new NotFoundError(`No account ${targetId}`);
      if (!canChangeAccount(actor, target, patch)) {
        throw new ForbiddenError(
          'An admin cannot remove their own admin role nor deactivate their own account',
        );
      }
      const updated = await db.transaction().execute(async (trx) => {
        const changes: Parameters<UsersRepository['update']>[1] = {};
        if (patch.role !== undefined && patch.role !== target.role) changes.role = patch.role;
        if (patch.active !== undefined && patch.active !== target.is_active) {
          changes.is_active = patch.active;
        }
        if (Object.keys(changes).length === 0) return target;
        const row = await users.update(targetId, changes, trx);
        if (changes.role) {
          await audit.record(
            {
              event: 'role_changed',
              userId: targetId,
              actorId: actor.id,
              ip,
              details: { from: target.role, to: changes.role },
            },
            trx,
          );
        }
        if (changes.is_active !== undefined) {
          if (!changes.is_active) await sessions.revokeAll(targetId, 'deactivated', trx);
          await audit.record(
            {
              event: changes.is_active ? 'account_activated' : 'account_deactivated',
              userId: targetId,
              actorId: actor.id,
              ip,
            },
            trx,
          );
        }
        return row!;
      });
      return withCount(updated);
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
