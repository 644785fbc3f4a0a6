import type {
  AccountContributions,
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  AdminUserPatch,
  AdminUserQuery,
} from '@citizen/shared';
import type { AuditLog } from '../audit/audit-log.repository.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Sessions } from '../auth/sessions.js';
import { DomainError } from '../http/errors.js';
import { canChangeAccount, canManageUsers } from '../policies/users.policy.js';
import { toAdminUser } from './account-view.js';
import type { AccountRow, UsersRepository } from './users.repository.js';

/** Administrators' view of accounts: search, and the only way to grant roles or (de)activate. */
export function createUserAdminService(deps: {
  users: UsersRepository;
  sessions: Sessions;
  audit: AuditLog;
}) {
  const { users, sessions, audit } = deps;

  async function withCount(row: AccountRow): Promise<AdminUser> {
    return toAdminUser(row, (await users.observationCounts([row.id])).get(row.id) ?? 0);
  }

  async function contributions(id: number): Promise<AccountContributions> {
    const { statuses, summary, photos, given, programs } = await users.contributions(id);
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
      if (!canManageUsers(actor)) throw new DomainError('auth.adminOnly');
      const { total, rows } = await users.search(query);
      const counts = await users.observationCounts(rows.map((r) => r.id));
      return {
        total,
        items: rows.map((row) => toAdminUser(row, counts.get(row.id) ?? 0)),
      };
    },

    /** One account, with what it contributed. */
    async detail(actor: CurrentUser, id: number): Promise<AdminUserDetail> {
      if (!canManageUsers(actor)) throw new DomainError('auth.adminOnly');
      const row = await users.findById(id);
      if (!row) throw new DomainError('account.notFound', { id });
      return { ...(await withCount(row)), contributions: await contributions(id) };
    },

    /** Changes a role or the active flag; deactivating ends the account's sessions at once. */
    async change(
      actor: CurrentUser,
      targetId: number,
      patch: AdminUserPatch,
      ip: string,
    ): Promise<AdminUser> {
      if (!canManageUsers(actor)) throw new DomainError('auth.adminOnly');
      const target = await users.findById(targetId);
      if (!target) throw new DomainError('account.notFound', { id: targetId });
      if (!canChangeAccount(actor, target, patch)) {
        throw new DomainError('account.ownAdminRights');
      }
      const updated = await users.transaction().execute(async (trx) => {
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
