import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';

export function createUsersRepository(db: Kysely<DB>) {
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
  };
}
