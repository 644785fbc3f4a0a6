import { sql, type Kysely } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { displayName } from '../taxonomy/names.js';

export function createObservationsRepository(db: Kysely<DB>) {
  return {
    /** The newest `limit` observations of a programme, located as the public may see them. */
    listPublicByProgram(programId: number, lang: Locale, limit: number) {
      return db
        .selectFrom('observations as o')
        .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
        .select([
          'o.id',
          'o.cd_nom',
          'o.observed_on',
          'o.count',
          't.scientific_name',
          displayName(sql.ref('o.cd_nom'), sql.ref('t.scientific_name'), lang).as('taxon_name'),
          sql<string>`ST_AsGeoJSON(public_point(o.geom, t.sensitivity), 6)`.as('point'),
        ])
        .where('o.program_id', '=', programId)
        .orderBy('o.observed_on', 'desc')
        .orderBy('o.id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type ObservationsRepository = ReturnType<typeof createObservationsRepository>;
