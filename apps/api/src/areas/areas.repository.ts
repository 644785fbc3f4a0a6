import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { areaSql } from '../programs/programs.repository.js';

/** Administrative areas (municipalities and other kinds), matched on (kind, code). */
export function createAreasRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** Inserts or updates one area; true when it was new. */
    async upsert(
      trx: Transaction<DB>,
      area: { kind: string; code: string; name: string; geojson: string },
    ): Promise<boolean> {
      const { rows } = await sql<{ inserted: boolean }>`
        insert into areas (kind, code, name, geom)
        values (${area.kind}, ${area.code}, ${area.name}, ${areaSql(area.geojson)})
        on conflict (kind, code) do update
          set name = excluded.name, geom = excluded.geom, updated_at = now()
        returning (xmax = 0) as inserted`.execute(trx);
      return rows[0]?.inserted ?? false;
    },

    list(kind?: string) {
      return db
        .selectFrom('areas')
        .select(['id', 'kind', 'code', 'name'])
        .$if(kind !== undefined, (q) => q.where('kind', '=', kind!))
        .orderBy('kind')
        .orderBy('name')
        .execute();
    },

    kinds() {
      return db
        .selectFrom('areas')
        .select([
          'kind',
          sql<number>`count(*)::int`.as('count'),
          sql<Date>`max(updated_at)`.as('updated_at'),
        ])
        .groupBy('kind')
        .orderBy('kind')
        .execute();
    },

    /** How many sensitivity rules are limited to an area of this kind. */
    async sensitivityRulesOn(kind: string): Promise<number> {
      const { n } = await db
        .selectFrom('sensitivity_rules as r')
        .innerJoin('areas as a', 'a.id', 'r.area_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('a.kind', '=', kind)
        .executeTakeFirstOrThrow();
      return n;
    },

    async deleteKind(kind: string): Promise<number> {
      const result = await db.deleteFrom('areas').where('kind', '=', kind).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type AreasRepository = ReturnType<typeof createAreasRepository>;
