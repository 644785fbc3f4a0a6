import { sql, type Kysely, type Transaction } from 'kysely';
import type { AdminUserQuery } from '@citizen/shared';
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
  'last_login_at',
  'created_at',
] as const;

export function createUsersRepository(db: Kysely<DB>) {
  const lower = (value: string) => value.trim().toLowerCase();

  return {
    transaction: () => db.transaction(),

    /** Marks the account's address as proven (once: a second confirmation changes nothing). */
    async confirmEmail(trx: Transaction<DB>, id: number) {
      await trx
        .updateTable('users')
        .set({ email_confirmed_at: new Date(), updated_at: new Date() })
        .where('id', '=', id)
        .where('email_confirmed_at', 'is', null)
        .execute();
    },

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
          last_login_at: new Date(),
          ...(newHash ? { password_hash: newHash } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Accounts matching an administrator's search (username, e-mail, display name), a page of them. */
    async search(query: AdminUserQuery) {
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
      return { total: Number(total), rows };
    },

    /** Observations recorded by each of these accounts. */
    async observationCounts(ids: number[]): Promise<Map<number, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('observations')
        .select(['observer_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('observer_id', 'in', ids)
        .groupBy('observer_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.observer_id), Number(r.n)]));
    },

    /** What an account contributed: its observations by status, photos, validations, programmes. */
    async contributions(id: number) {
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
      return { statuses, summary, photos, given, programs };
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
