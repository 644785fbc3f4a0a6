import { sql, type Kysely } from 'kysely';
import type { AdminUser, AdminUserList, AdminUserPatch, AdminUserQuery } from '@citizen/shared';
import type { AuditLog } from '../audit/audit.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Sessions } from '../auth/sessions.js';
import type { DB } from '../db/schema.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { canChangeAccount, canManageUsers } from '../policies/users.policy.js';
import { toAdminUser } from './account-view.js';
import { ACCOUNT_COLUMNS, type UsersRepository } from './users.repository.js';

/** Administrators' view of accounts: search, and the only way to grant roles or (de)activate. */
export function createUserAdminService(deps: {
  db: Kysely<DB>;
  users: UsersRepository;
  sessions: Sessions;
  audit: AuditLog;
}) {
  const { db, users, sessions, audit } = deps;

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
      const { total } = await select
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = await select
        .select(ACCOUNT_COLUMNS)
        .orderBy(sql`lower(username)`)
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return { total: Number(total), items: rows.map(toAdminUser) };
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
      return toAdminUser(updated);
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
