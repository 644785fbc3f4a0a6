import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type MediaLink = 'site_media' | 'visit_media';

export type PhotoRow = {
  owner_id: number;
  id: string;
  width: number | null;
  height: number | null;
  licence: string | null;
  author: string | null;
};

/** Deletes sites' or visits' photos (media rows); returns their storage keys. */
export async function deleteMediaOf(
  trx: Executor,
  link: MediaLink,
  ownerIds: number[],
  only?: string[],
) {
  if (ownerIds.length === 0 || only?.length === 0) return [];
  const column = link === 'site_media' ? 'site_id' : 'visit_id';
  const { rows } = await sql<{ storage_key: string }>`
    delete from media
    where id in (select media_id from ${sql.table(link)}
        where ${sql.ref(column)} in (${sql.join(ownerIds)}))
      ${only ? sql`and id in (${sql.join(only.map((m) => sql`${m}::uuid`))})` : sql``}
    returning storage_key`.execute(trx);
  return rows.map((r) => r.storage_key);
}

/** The photos of sites and of visits: each kind in its link table, in order. */
export function createSitePhotosRepository(db: Kysely<DB>) {
  return {
    deleteMediaOf,

    async linkPhotos(trx: Executor, link: MediaLink, ownerId: number, mediaIds: string[]) {
      if (mediaIds.length === 0) return;
      const column = link === 'site_media' ? 'site_id' : 'visit_id';
      const { rows } = await sql<{ next: number }>`
        select coalesce(max(position) + 1, 0)::int as next from ${sql.table(link)}
        where ${sql.ref(column)} = ${ownerId}`.execute(trx);
      const first = rows[0]?.next ?? 0;
      await sql`insert into ${sql.table(link)} (${sql.ref(column)}, media_id, position)
        values ${sql.join(mediaIds.map((m, i) => sql`(${ownerId}, ${m}::uuid, ${first + i})`))}`.execute(
        trx,
      );
    },

    async photoIds(link: MediaLink, ownerId: number, executor: Executor = db) {
      const column = link === 'site_media' ? 'site_id' : 'visit_id';
      const { rows } = await sql<{ media_id: string }>`
        select media_id from ${sql.table(link)} where ${sql.ref(column)} = ${ownerId}`.execute(
        executor,
      );
      return rows.map((r) => r.media_id);
    },

    async photos(link: MediaLink, ownerIds: number[]): Promise<Map<number, PhotoRow[]>> {
      const byOwner = new Map<number, PhotoRow[]>();
      if (ownerIds.length === 0) return byOwner;
      const column = link === 'site_media' ? 'site_id' : 'visit_id';
      const { rows } = await sql<PhotoRow>`
        select l.${sql.ref(column)} as owner_id, m.id, m.width, m.height, m.licence, m.author
        from ${sql.table(link)} l join media m on m.id = l.media_id
        where l.${sql.ref(column)} in (${sql.join(ownerIds)})
        order by l.position, m.created_at, m.id`.execute(db);
      for (const row of rows) {
        const key = Number(row.owner_id);
        byOwner.set(key, [...(byOwner.get(key) ?? []), row]);
      }
      return byOwner;
    },

    /** The first photo of each site, else of its latest visit with photos. */
    async coverPhotos(siteIds: number[]): Promise<Map<number, PhotoRow>> {
      const covers = new Map<number, PhotoRow>();
      if (siteIds.length === 0) return covers;
      const { rows } = await sql<PhotoRow>`
        select distinct on (owner_id) owner_id, id, width, height, licence, author from (
          select sm.site_id as owner_id, m.id, m.width, m.height, m.licence, m.author,
            0 as rank, null::date as visited_on, sm.position
          from site_media sm join media m on m.id = sm.media_id
          where sm.site_id in (${sql.join(siteIds)})
          union all
          select v.site_id, m.id, m.width, m.height, m.licence, m.author, 1, v.visited_on, vm.position
          from visits v join visit_media vm on vm.visit_id = v.id join media m on m.id = vm.media_id
          where v.site_id in (${sql.join(siteIds)})
        ) c
        order by owner_id, rank, visited_on desc nulls last, position`.execute(db);
      for (const row of rows) covers.set(Number(row.owner_id), row);
      return covers;
    },
  };
}

export type SitePhotosRepository = ReturnType<typeof createSitePhotosRepository>;
