import type { Role } from '../db/schema.js';
import type { GncUser } from './gnc-source.repository.js';
import type { ImportContext, ImportedUser } from './import-context.js';

const PASSLIB_PBKDF2 = /^\$pbkdf2-sha256\$\d+\$[A-Za-z0-9./]*\$[A-Za-z0-9./]{43}$/;

/**
 * Accounts: username, e-mail, role, active flag and the password hash as it is (passlib
 * pbkdf2_sha256, which login verifies and replaces with argon2id). An address that already has
 * a Citizen account is linked to that account, which is left as it is. First and last names are
 * not imported: GeoNature-citizen never published them, and Citizen has no private field for
 * them. Returns every imported account (this run's and earlier runs'), and the avatars to copy
 * once the accounts have committed.
 */
export async function importUsers(ctx: ImportContext): Promise<{
  users: Map<number, ImportedUser>;
  avatars: { userId: number; gncId: number; filename: string }[];
}> {
  const { source, repository, trx, report } = ctx;
  const rows = await source.users();
  report.read('t_users', rows.length);
  const mapped = await repository.mapped(
    trx,
    't_users',
    rows.map((u) => u.id_user),
  );
  const byEmail = await repository.accountsByEmail(
    trx,
    rows.filter((u) => !mapped.has(String(u.id_user))).map((u) => u.email.trim()),
  );
  const users = new Map<number, ImportedUser>();
  const avatars: { userId: number; gncId: number; filename: string }[] = [];
  const remembered: [number, number][] = [];

  for (const user of rows) {
    const earlier = mapped.get(String(user.id_user));
    if (earlier) {
      users.set(user.id_user, { id: Number(earlier), username: user.username });
      report.alreadyImported('t_users');
      continue;
    }
    const email = user.email.trim();
    if (email.indexOf('@') < 1) {
      report.skip('t_users', user.id_user, `e-mail "${email}" is not an address`);
      continue;
    }
    const existing = byEmail.get(email.toLowerCase());
    if (existing !== undefined) {
      report.note(
        't_users',
        user.id_user,
        `${email} already had a Citizen account: linked to it, left unchanged`,
      );
      users.set(user.id_user, { id: existing, username: user.username });
      remembered.push([user.id_user, existing]);
      report.imported('t_users');
      continue;
    }
    const username = await freeUsername(ctx, user);
    const id = await repository.insertUser(trx, {
      username,
      email,
      password_hash: passwordHashOf(ctx, user),
      role: roleOf(user),
      is_active: user.active === true,
      // GeoNature-citizen activates an account when its address is confirmed.
      email_confirmed_at: user.active ? user.created_at : null,
      created_at: user.created_at,
    });
    users.set(user.id_user, { id, username });
    remembered.push([user.id_user, id]);
    byEmail.set(email.toLowerCase(), id);
    if (user.avatar?.trim())
      avatars.push({ userId: id, gncId: user.id_user, filename: user.avatar.trim() });
    report.imported('t_users');
  }
  await repository.remember(trx, 't_users', remembered);
  return { users, avatars };
}

function roleOf(user: GncUser): Role {
  if (user.admin) return 'admin';
  return user.validator ? 'validator' : 'observer';
}

function passwordHashOf(ctx: ImportContext, user: GncUser): string | null {
  if (PASSLIB_PBKDF2.test(user.password)) return user.password;
  ctx.report.note(
    't_users',
    user.id_user,
    'password not kept: not a pbkdf2_sha256 hash; the user sets a new one with "forgot password"',
  );
  return null;
}

/** The GeoNature-citizen username when Citizen accepts it and it is free, else a close one. */
async function freeUsername(ctx: ImportContext, user: GncUser): Promise<string> {
  const wanted = user.username.trim().slice(0, 60);
  const candidates = [wanted, `${wanted.slice(0, 48)}-gnc${user.id_user}`];
  for (const candidate of candidates) {
    if (candidate.length < 2 || (await ctx.repository.usernameTaken(ctx.trx, candidate))) continue;
    if (candidate !== user.username) {
      ctx.report.note('t_users', user.id_user, `username "${user.username}" became "${candidate}"`);
    }
    return candidate;
  }
  throw new Error(`No free username for GeoNature-citizen user ${user.id_user}`);
}
