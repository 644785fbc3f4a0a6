import { randomBytes } from 'node:crypto';
import type { Me, PublicProfile, UpdateMeRequest } from '@citizen/shared';
import type { AuditLog } from '../audit/audit-log.repository.js';
import { DomainError } from '../http/errors.js';
import type { MediaStore, StoredFile } from '../media/media-store.js';
import { decode, inspectPhoto, WEB_FORMATS } from '../media/photo-processing.js';
import { toMe, toPublicProfile } from './account-view.js';
import type { UsersRepository } from './users.repository.js';

/** Avatars are stored as one square WebP; the upload itself is not kept. */
export const AVATAR_SIZE = 256;
export const AVATAR_MAX_BYTES = 8_000_000;
const AVATAR_FILE = { variant: 'display', extension: 'webp' } as const;

export function createProfileService(deps: {
  users: UsersRepository;
  mediaStore: MediaStore;
  audit: AuditLog;
}) {
  const { users, mediaStore, audit } = deps;

  async function account(userId: number) {
    const row = await users.findById(userId);
    // The session outlived the account (deleted meanwhile): the client must log in again.
    if (!row) throw new DomainError('auth.accountGone');
    return row;
  }

  return {
    async me(userId: number): Promise<Me> {
      return toMe(await account(userId));
    },

    /** Only the fields listed here can change: role, active flag and the like are not among them. */
    async update(userId: number, input: UpdateMeRequest, ip: string): Promise<Me> {
      const changes: Parameters<UsersRepository['update']>[1] = {};
      if (input.displayName !== undefined) changes.display_name = input.displayName?.trim() || null;
      if (input.locale !== undefined) changes.locale = input.locale;
      if (input.notifications !== undefined) changes.notify_by_email = input.notifications;
      if (Object.keys(changes).length === 0) return this.me(userId);
      const row = await users.update(userId, changes);
      if (!row) throw new DomainError('auth.accountGone');
      await audit.record({
        event: 'profile_updated',
        userId,
        ip,
        details: { fields: Object.keys(changes) },
      });
      return toMe(row);
    },

    /**
     * Resizes the image (JPEG, PNG or WebP, by its content) to a square WebP without metadata,
     * then swaps it in: the new file is published once the row names it, the old one removed.
     */
    async setAvatar(userId: number, bytes: Buffer, ip: string): Promise<Me> {
      const before = await account(userId);
      await inspectPhoto(bytes, 'Avatar', WEB_FORMATS);
      let webp: Buffer;
      try {
        webp = await decode(bytes)
          .rotate()
          .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' })
          .webp({ quality: 80 })
          .toBuffer();
      } catch {
        throw new DomainError('image.undecodable', { label: 'Avatar' });
      }
      const key = `avatars/${userId}/${randomBytes(8).toString('hex')}`;
      const staged = await mediaStore.stage(key, { [`${AVATAR_FILE.variant}.webp`]: webp });
      let row: Awaited<ReturnType<UsersRepository['update']>>;
      try {
        row = await users.update(userId, { avatar_key: key });
      } catch (error) {
        await mediaStore.discard(staged);
        throw error;
      }
      await mediaStore.publish(staged);
      if (before.avatar_key) await mediaStore.remove(before.avatar_key);
      await audit.record({ event: 'avatar_changed', userId, ip });
      return toMe(row!);
    },

    async removeAvatar(userId: number, ip: string) {
      const before = await account(userId);
      if (!before.avatar_key) return;
      await users.update(userId, { avatar_key: null });
      await mediaStore.remove(before.avatar_key);
      await audit.record({ event: 'avatar_changed', userId, ip, details: { removed: true } });
    },

    /** The file of a user's avatar, or a 404. */
    async avatarFile(username: string): Promise<StoredFile> {
      const row = await users.findByUsername(username);
      if (!row?.avatar_key || !row.is_active) throw new DomainError('user.noAvatar', { username });
      const file = await mediaStore.open(
        row.avatar_key,
        `${AVATAR_FILE.variant}.${AVATAR_FILE.extension}`,
      );
      if (!file) throw new DomainError('user.noAvatar', { username });
      return file;
    },

    /** What anyone may see: no e-mail address, only accounts that can be active. */
    async publicProfile(username: string): Promise<PublicProfile> {
      const row = await users.findByUsername(username);
      if (!row || !row.is_active) throw new DomainError('user.notFound', { username });
      const counts = await users.observationCounts([row.id]);
      return toPublicProfile(row, counts.get(row.id) ?? 0);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
