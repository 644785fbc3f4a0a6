import { sql, type Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { DB } from '../db/schema.js';
import { BadRequestError } from '../http/errors.js';
import { parseArea } from '../programs/area-input.js';
import { areaSql } from '../programs/programs.repository.js';

export const AreaImportReport = Type.Object({
  kind: Type.String(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
});
export type AreaImportReport = Static<typeof AreaImportReport>;

const CODE_KEYS = ['code', 'insee', 'code_insee', 'INSEE_COM', 'INSEE', 'id'];
const NAME_KEYS = ['name', 'nom', 'NOM', 'NOM_COM', 'libelle'];

type Feature = { properties?: Record<string, unknown> | null; geometry?: unknown };

/**
 * Imports administrative areas (municipalities and others) from a GeoJSON FeatureCollection:
 * each feature needs a code and a name property. Areas are matched on (kind, code), so a second
 * import updates them. Either every feature is imported or none is.
 */
export function createAreasService(db: Kysely<DB>) {
  return {
    async importGeoJson(kind: string, text: string): Promise<AreaImportReport> {
      if (!/^[a-z][a-z_]*$/.test(kind))
        throw new BadRequestError('kind must be lower-case letters, e.g. municipality');
      let collection: { type?: string; features?: Feature[] };
      try {
        collection = JSON.parse(text) as typeof collection;
      } catch {
        throw new BadRequestError('The file is not JSON');
      }
      if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
        throw new BadRequestError('The file must be a GeoJSON FeatureCollection');
      }
      const rows = collection.features.map((feature, i) => {
        const where = `Feature ${i + 1}`;
        const properties = feature.properties ?? {};
        const code = CODE_KEYS.map((k) => properties[k]).find(
          (v) => v !== undefined && v !== null && v !== '',
        );
        const name = NAME_KEYS.map((k) => properties[k]).find(
          (v) => typeof v === 'string' && v.trim(),
        );
        if (code === undefined)
          throw new BadRequestError(`${where} has no code property (${CODE_KEYS.join(', ')})`);
        if (name === undefined)
          throw new BadRequestError(`${where} has no name property (${NAME_KEYS.join(', ')})`);
        let geometry: object;
        try {
          geometry = parseArea({ type: 'Feature', geometry: feature.geometry } as object);
        } catch (error) {
          throw new BadRequestError(`${where} (${String(name)}): ${(error as Error).message}`);
        }
        return { code: String(code), name: String(name).trim(), geojson: JSON.stringify(geometry) };
      });

      return db.transaction().execute(async (trx) => {
        let inserted = 0;
        for (const row of rows) {
          const { rows: result } = await sql<{ inserted: boolean }>`
            insert into areas (kind, code, name, geom)
            values (${kind}, ${row.code}, ${row.name}, ${areaSql(row.geojson)})
            on conflict (kind, code) do update
              set name = excluded.name, geom = excluded.geom, updated_at = now()
            returning (xmax = 0) as inserted`.execute(trx);
          if (result[0]?.inserted) inserted += 1;
        }
        return { kind, inserted, updated: rows.length - inserted };
      });
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
  };
}

export type AreasService = ReturnType<typeof createAreasService>;
