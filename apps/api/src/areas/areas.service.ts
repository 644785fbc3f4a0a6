import {
  AREA_CODE_PROPERTIES,
  AREA_NAME_PROPERTIES,
  type AreaImportReport,
  type AreaKindSummary,
} from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { parseArea } from '../programs/area-input.js';
import type { AreasRepository } from './areas.repository.js';

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
export function createAreasService(repository: AreasRepository) {
  return {
    async importGeoJson(
      kind: string,
      text: string,
      options: AreaImportOptions = {},
    ): Promise<AreaImportReport> {
      if (!/^[a-z][a-z_]*$/.test(kind) || kind.length > 50)
        throw new DomainError('area.badKind', {}, { field: 'kind' });
      let collection: { type?: string; features?: Feature[] };
      try {
        collection = JSON.parse(text) as typeof collection;
      } catch {
        throw new DomainError('area.notJson');
      }
      if (
        typeof collection !== 'object' ||
        collection === null ||
        collection.type !== 'FeatureCollection' ||
        !Array.isArray(collection.features)
      ) {
        throw new DomainError('area.notFeatureCollection');
      }
      const features = collection.features;
      if (features.length === 0) throw new DomainError('area.noFeatures');
      const first = features[0]?.properties ?? {};
      const pick = (
        given: string | undefined,
        candidates: string[],
        missing: 'area.noCodeProperty' | 'area.noNameProperty',
      ) => {
        const name = given?.trim();
        if (name) return name;
        const found = candidates.find((key) => present(first[key]));
        if (!found) throw new DomainError(missing, { candidates: candidates.join(', ') });
        return found;
      };
      const codeProperty = pick(options.codeProperty, AREA_CODE_PROPERTIES, 'area.noCodeProperty');
      const nameProperty = pick(options.nameProperty, AREA_NAME_PROPERTIES, 'area.noNameProperty');

      const seen = new Map<string, number>();
      const rows = features.map((feature, i) => {
        const at = i + 1;
        const properties = feature?.properties ?? {};
        const code = properties[codeProperty];
        const name = properties[nameProperty];
        if (!present(code) || typeof code === 'object')
          throw new DomainError('area.featureWithoutCode', { feature: at, property: codeProperty });
        if (!present(name) || typeof name === 'object')
          throw new DomainError('area.featureWithoutName', { feature: at, property: nameProperty });
        const key = String(code).trim();
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          throw new DomainError('area.duplicateCode', { feature: at, code: key, earlier });
        }
        seen.set(key, at);
        let geometry: object;
        try {
          geometry = parseArea({ type: 'Feature', geometry: feature.geometry } as object);
        } catch (error) {
          const detail = (error as Error).message;
          throw new DomainError('area.badGeometry', { feature: at, name: String(name), detail });
        }
        return { code: key, name: String(name).trim(), geojson: JSON.stringify(geometry) };
      });

      return repository.transaction().execute(async (trx) => {
        let inserted = 0;
        for (const row of rows) {
          if (await repository.upsert(trx, { kind, ...row })) inserted += 1;
        }
        return { kind, inserted, updated: rows.length - inserted, codeProperty, nameProperty };
      });
    },

    list(kind?: string) {
      return repository.list(kind);
    },

    /** Each kind of area with its number of areas and the last change. */
    async kinds(): Promise<AreaKindSummary[]> {
      const rows = await repository.kinds();
      return rows.map((r) => ({
        kind: r.kind,
        count: Number(r.count),
        updatedAt: new Date(r.updated_at).toISOString(),
      }));
    },

    /** Deletes every area of a kind (observations keep the municipality they were given). */
    async removeKind(kind: string): Promise<number> {
      const ruled = await repository.sensitivityRulesOn(kind);
      if (ruled > 0) {
        throw new DomainError('area.kindHasSensitivityRules', { count: ruled, kind });
      }
      const deleted = await repository.deleteKind(kind);
      if (deleted === 0) throw new DomainError('area.kindNotFound', { kind });
      return deleted;
    },
  };
}

export type AreasService = ReturnType<typeof createAreasService>;
