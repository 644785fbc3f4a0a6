import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

/** The columns the accounts domain reads; `password_hash` never leaves the service layer. */
export const ACCOUNT_COLUMNS = [
  'id',
  'username',
  'email',
  'display_name',
  'password_hash',
  'role',
  'is_active',
  'email_confirmed_at',
  'locale',
  'avatar_key',
  'notify_by_email',
  'terms_accepted_at',
  'failed_login_count',
  'locked_until',
  'last_login_at',
  'created_at',
] as const;

export function createUsersRepository(db: Kysely<DB>) {
  const lower = (value: string) => value.trim().toLowerCase();

  return {
    findByUsernameOrEmail(username: string, email: string) {
      return db
        .selectFrom('users')
        .select(['id', 'username', 'email'])
        .where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['username']), '=', username.toLowerCase()),
            eb(eb.fn('lower', ['email']), '=', email.toLowerCase()),
          ]),
        )
        .executeTakeFirst();
    },

    insert(user: {
      username: string;
      email: string;
      passwordHash: string;
      role: Role;
      active: boolean;
    }) {
      return db
        .insertInto('users')
        .values({
          username: user.username,
          email: user.email,
          password_hash: user.passwordHash,
          role: user.role,
          is_active: user.active,
          email_confirmed_at: user.active ? new Date() : null,
        })
        .returning(['id', 'username', 'email', 'role'])
        .executeTakeFirstOrThrow();
    },

    /** An account by its e-mail address or username, whichever `login` is. */
    findByLogin(login: string, executor: Kysely<DB> = db) {
      return executor
        .selectFrom('users')
        .select(ACCOUNT_COLUMNS)
        .where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['email']), '=', lower(login)),
            eb(eb.fn('lower', ['username']), '=', lower(login)),
          ]),
        )
        .orderBy(sql`lower(email) = ${lower(login)}`, 'desc')
        .executeTakeFirst();
    },

    findByEmail(email: string, executor: Kysely<DB> = db) {
      return executor
        .selectFrom('users')
        .select(ACCOUNT_COLUMNS)
        .where(sql<boolean>`lower(email) = ${lower(email)}`)
        .executeTakeFirst();
    },

    findByUsername(username: string, executor: Kysely<DB> = db) {
      return executor
        .selectFrom('users')
        .select(ACCOUNT_COLUMNS)
        .where(sql<boolean>`lower(username) = ${lower(username)}`)
        .executeTakeFirst();
    },

    findById(id: number, executor: Kysely<DB> = db) {
      return executor
        .selectFrom('users')
        .select(ACCOUNT_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** A new self-registered account: always an observer, never pre-confirmed. */
    register(
      executor: Kysely<DB>,
      user: {
        username: string;
        email: string;
        passwordHash: string;
        displayName: string | null;
        locale: string;
      },
    ) {
      return executor
        .insertInto('users')
        .values({
          username: user.username,
          email: user.email,
          password_hash: user.passwordHash,
          display_name: user.displayName,
          locale: user.locale,
          role: 'observer',
          is_active: true,
          email_confirmed_at: null,
          terms_accepted_at: new Date(),
        })
        .returning(['id', 'username', 'email', 'locale'])
        .executeTakeFirstOrThrow();
    },

    async recordLogin(id: number, newHash: string | null) {
      await db
        .updateTable('users')
        .set({
          failed_login_count: 0,
          locked_until: null,
          last_login_at: new Date(),
          ...(newHash ? { password_hash: newHash } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    update(
      id: number,
      values: Partial<{
        display_name: string | null;
        locale: string;
        notify_by_email: boolean;
        avatar_key: string | null;
        password_hash: string;
        email: string;
        email_confirmed_at: Date;
        failed_login_count: number;
        locked_until: Date | null;
        role: Role;
        is_active: boolean;
      }>,
      executor: Kysely<DB> = db,
    ) {
      return executor
        .updateTable('users')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .returning(ACCOUNT_COLUMNS)
        .executeTakeFirst();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
export type AccountRow = NonNullable<Awaited<ReturnType<UsersRepository['findById']>>>;
