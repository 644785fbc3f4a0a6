import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { PersonalDataSource } from '../users/personal-data.service.js';

/** Deletes the media rows of `mediaIds` (a subquery); returns their storage keys, for the files. */
async function deleteLinkedMedia(trx: Kysely<DB>, mediaIds: RawBuilder<unknown>) {
  const { rows } = await sql<{ storage_key: string }>`
    delete from media where id in (${mediaIds}) returning storage_key`.execute(trx);
  return rows.map((r) => r.storage_key);
}

/** A user's sites and visits in their data export; erased or anonymised with their account. */
export function sitesPersonalData(db: Kysely<DB>): PersonalDataSource {
  return {
    name: 'sitesAndVisits',

    async export(userId) {
      const sites = await db
        .selectFrom('sites')
        .select([
          'uuid',
          'program_id',
          'name',
          sql<string>`ST_AsGeoJSON(geom, 7)`.as('location'),
          'custom_data',
          'created_at',
        ])
        .where('creator_id', '=', userId)
        .orderBy('id')
        .execute();
      const visits = await db
        .selectFrom('visits as v')
        .innerJoin('sites as s', 's.id', 'v.site_id')
        .select([
          'v.uuid',
          's.uuid as site',
          'v.visited_on',
          'v.visited_time',
          'v.comment',
          'v.custom_data',
          'v.created_at',
        ])
        .where('v.observer_id', '=', userId)
        .orderBy('v.id')
        .execute();
      return {
        sites: sites.map((s) => ({ ...s, location: JSON.parse(s.location) as unknown })),
        visits,
      };
    },

    async erase(trx, userId, choice) {
      const keys: string[] = [];
      if (choice === 'delete') {
        // The user's visits go with their photos and the species recorded during them.
        keys.push(
          ...(await deleteLinkedMedia(
            trx,
            sql`select vm.media_id from visit_media vm join visits v on v.id = vm.visit_id where v.observer_id = ${userId}
                union select om.media_id from observation_media om join observations o on o.id = om.observation_id
                  join visits v on v.id = o.visit_id where v.observer_id = ${userId}`,
          )),
        );
        await trx.deleteFrom('visits').where('observer_id', '=', userId).execute();
        // Their sites go too, unless someone else has visited them: those stay, without a name.
        const lonely = sql`select s.id from sites s where s.creator_id = ${userId}
          and not exists (select 1 from visits v where v.site_id = s.id)`;
        keys.push(
          ...(await deleteLinkedMedia(
            trx,
            sql`select sm.media_id from site_media sm where sm.site_id in (${lonely})`,
          )),
        );
        await trx
          .deleteFrom('sites')
          .where(sql<boolean>`id in (${lonely})`)
          .execute();
      }
      await trx
        .updateTable('visits')
        .set({ observer_name: null })
        .where('observer_id', '=', userId)
        .execute();
      await trx
        .updateTable('sites')
        .set({ creator_name: null })
        .where('creator_id', '=', userId)
        .execute();
      return keys;
    },
  };
}

/** A user's badges, and the questions and answers they wrote about observations, in their export. */
export function badgesAndCommentsPersonalData(db: Kysely<DB>): PersonalDataSource {
  return {
    name: 'badgesAndComments',
    async export(userId) {
      const badges = await sql<{ rule_id: number; awarded_at: Date }>`
        select rule_id, awarded_at from user_badges where user_id = ${userId} order by awarded_at`.execute(
        db,
      );
      const comments = await db
        .selectFrom('observation_events')
        .select(['observation_id', 'kind', 'comment', 'created_at'])
        .where('actor_id', '=', userId)
        .where('kind', 'in', ['question', 'answer'])
        .orderBy('id')
        .execute();
      return { badges: badges.rows, comments };
    },
    // Badges go with the account (cascade); comments stay in observations' histories, unsigned.
    async erase() {
      return [];
    },
  };
}
