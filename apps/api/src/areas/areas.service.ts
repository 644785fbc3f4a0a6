import { sql, type Kysely } from 'kysely';
import {
  AREA_CODE_PROPERTIES,
  AREA_NAME_PROPERTIES,
  type AreaImportReport,
  type AreaKindSummary,
} from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors.js';
import { parseArea } from '../programs/area-input.js';
import { areaSql } from '../programs/programs.repository.js';

type Feature = { properties?: Record<string, unknown> | null; geometry?: unknown };

export type AreaImportOptions = {
  /** The feature property holding each area's code; by default the first of AREA_CODE_PROPERTIES the first feature has. */
  codeProperty?: string | undefined;
  /** The feature property holding each area's name; by default the first of AREA_NAME_PROPERTIES the first feature has. */
  nameProperty?: string | undefined;
};

const present = (value: unknown) =>
  value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '');

/**
 * Imports administrative areas (municipalities and others) from a GeoJSON FeatureCollection:
 * each feature needs a code and a name property. Areas are matched on (kind, code), so a second
 * import updates them. Either every feature is imported or none is.
 */
export function createAreasService(db: Kysely<DB>) {
  return {
    async importGeoJson(
      kind: string,
      text: string,
      options: AreaImportOptions = {},
    ): Promise<AreaImportReport> {
      if (!/^[a-z][a-z_]*$/.test(kind) || kind.length > 50)
        throw new BadRequestError('kind must be lower-case letters, e.g. municipality');
      let collection: { type?: string; features?: Feature[] };
      try {
        collection = JSON.parse(text) as typeof collection;
      } catch {
        throw new BadRequestError('The file is not JSON');
      }
      if (
        typeof collection !== 'object' ||
        collection === null ||
        collection.type !== 'FeatureCollection' ||
        !Array.isArray(collection.features)
      ) {
        throw new BadRequestError('The file must be a GeoJSON FeatureCollection');
      }
      const features = collection.features;
      if (features.length === 0) throw new BadRequestError('The file has no features');
      const first = features[0]?.properties ?? {};
      const pick = (given: string | undefined, candidates: string[], what: string) => {
        const name = given?.trim();
        if (name) return name;
        const found = candidates.find((key) => present(first[key]));
        if (!found) {
          throw new BadRequestError(
            `Feature 1 has no ${what} property (${candidates.join(', ')}); name the property that holds it`,
          );
        }
        return found;
      };
      const codeProperty = pick(options.codeProperty, AREA_CODE_PROPERTIES, 'code');
      const nameProperty = pick(options.nameProperty, AREA_NAME_PROPERTIES, 'name');

      const seen = new Map<string, number>();
      const rows = features.map((feature, i) => {
        const where = `Feature ${i + 1}`;
        const properties = feature?.properties ?? {};
        const code = properties[codeProperty];
        const name = properties[nameProperty];
        if (!present(code) || typeof code === 'object')
          throw new BadRequestError(`${where} has no code in its property "${codeProperty}"`);
        if (!present(name) || typeof name === 'object')
          throw new BadRequestError(`${where} has no name in its property "${nameProperty}"`);
        const key = String(code).trim();
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          throw new BadRequestError(
            `${where} has the code "${key}" of feature ${earlier}: codes must be unique`,
          );
        }
        seen.set(key, i + 1);
        let geometry: object;
        try {
          geometry = parseArea({ type: 'Feature', geometry: feature.geometry } as object);
        } catch (error) {
          throw new BadRequestError(`${where} (${String(name)}): ${(error as Error).message}`);
        }
        return { code: key, name: String(name).trim(), geojson: JSON.stringify(geometry) };
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
        return { kind, inserted, updated: rows.length - inserted, codeProperty, nameProperty };
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

    /** Each kind of area with its number of areas and the last change. */
    async kinds(): Promise<AreaKindSummary[]> {
      const rows = await db
        .selectFrom('areas')
        .select([
          'kind',
          sql<number>`count(*)::int`.as('count'),
          sql<Date>`max(updated_at)`.as('updated_at'),
        ])
        .groupBy('kind')
        .orderBy('kind')
        .execute();
      return rows.map((r) => ({
        kind: r.kind,
        count: Number(r.count),
        updatedAt: new Date(r.updated_at).toISOString(),
      }));
    },

    /** Deletes every area of a kind (observations keep the municipality they were given). */
    async removeKind(kind: string): Promise<number> {
      const ruled = await db
        .selectFrom('sensitivity_rules as r')
        .innerJoin('areas as a', 'a.id', 'r.area_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('a.kind', '=', kind)
        .executeTakeFirstOrThrow();
      if (ruled.n > 0) {
        throw new ConflictError(
          `${ruled.n} sensitivity rule${ruled.n === 1 ? '' : 's'} apply inside areas of kind "${kind}": remove or re-import them first`,
        );
      }
      const result = await db.deleteFrom('areas').where('kind', '=', kind).executeTakeFirst();
      const deleted = Number(result.numDeletedRows);
      if (deleted === 0) throw new NotFoundError(`There are no areas of kind "${kind}"`);
      return deleted;
    },
  };
}

export type AreasService = ReturnType<typeof createAreasService>;
