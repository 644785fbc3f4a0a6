import { createHash } from 'node:crypto';
import type {
  Contributor,
  ExploreStats,
  Locale,
  ObservationStats,
  PlatformStats,
  ProgramCharts,
} from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import type { Viewer } from '../observations/filters.js';
import type { DataVersions } from './data-versions.repository.js';
import { safeObserverName } from '../users/public-name.js';
import type { Counts, ObserverCount, StatsRepository } from './stats.repository.js';

/** Charts show at most the last ten years; the species curve still counts what came before. */
export const CHART_MONTHS = 120;
const TOP = 10;
/** Top observers are counted ahead of who may be listed: this many, to fill a top ten. */
const TOP_COUNTED = 50;

/**
 * Public counts per programme and over the active programmes. Each takes a scan of the
 * observations, so each result is kept until the data version changes; requests arriving while it
 * is computed wait for the same computation.
 */
export function createStatsService(repository: StatsRepository, versions: DataVersions) {
  const cache = new Map<string, { version: string; value: Promise<unknown> }>();

  function cached<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit?.version === version) return hit.value as Promise<T>;
    const value = compute();
    cache.set(key, { version, value });
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  }

  const programCounts = (programId: number, version: string): Promise<Counts> =>
    cached(`program:${programId}`, version, () => repository.programCounts(programId));

  /** The first `TOP` of `counts` who accept to be listed, by their public name. */
  async function listed(counts: ObserverCount[]): Promise<Contributor[]> {
    const users = new Map(
      (await repository.listedUsers(counts.map((c) => c.user_id))).map((u) => [u.id, u]),
    );
    return counts
      .flatMap((count) => {
        const user = users.get(count.user_id);
        if (!user) return [];
        const name = safeObserverName(user.display_name) ?? user.username;
        return [{ name, observations: count.observations, species: count.species }];
      })
      .slice(0, TOP);
  }

  async function platformVersion(): Promise<string> {
    const all = await versions.active();
    return createHash('sha256').update(all).digest('base64url').slice(0, 16);
  }

  return {
    async program(programId: number, viewer: Viewer): Promise<ObservationStats> {
      const state = await versions.program(programId);
      if (!state || (viewer.kind !== 'expert' && !state.isActive)) {
        throw new DomainError('program.notActive', { id: programId });
      }
      return { ...(await programCounts(programId, state.version)), dataVersion: state.version };
    },

    /** The counts of each programme of `ids` that exists, whether active or not. */
    async programs(ids: number[]): Promise<Map<number, Counts>> {
      const states = await versions.programs(ids);
      const entries = await Promise.all(
        [...states].map(
          async ([id, state]) => [id, await programCounts(id, state.version)] as const,
        ),
      );
      return new Map(entries);
    },

    /** Observations per month, the species accumulation curve and the top observers (opt-in). */
    async programCharts(programId: number, viewer: Viewer): Promise<ProgramCharts> {
      const state = await versions.program(programId);
      if (!state || (viewer.kind !== 'expert' && !state.isActive)) {
        throw new DomainError('program.notActive', { id: programId });
      }
      const value = await cached(`charts:${programId}`, state.version, async () => {
        const [months, observers] = await Promise.all([
          repository.programMonths(programId),
          repository.programTopObservers(programId, TOP_COUNTED),
        ]);
        return {
          months: months.slice(-CHART_MONTHS).map((m) => ({
            month: m.month,
            observations: m.observations,
            speciesSoFar: m.species_so_far,
          })),
          observers,
        };
      });
      const { observers, ...charts } = value;
      return { ...charts, topObservers: await listed(observers), dataVersion: state.version };
    },

    /** Over the active programmes: the most observed species and the top contributors (opt-in). */
    async explore(lang: Locale): Promise<ExploreStats> {
      const version = await platformVersion();
      const value = await cached(`explore:${lang}`, version, async () => {
        const [species, people] = await Promise.all([
          repository.activeTopSpecies(lang, TOP),
          repository.activeTopObservers(TOP_COUNTED),
        ]);
        return {
          topSpecies: species.map((s) => ({
            cdNom: s.cd_nom,
            scientificName: s.scientific_name,
            name: s.name,
            observations: s.observations,
          })),
          people,
        };
      });
      const { people, ...explore } = value;
      return { ...explore, contributors: await listed(people), dataVersion: version };
    },

    async platform(): Promise<PlatformStats> {
      const version = await platformVersion();
      const value = await cached('platform', version, () => repository.activeCounts());
      return { ...value, dataVersion: version };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
