import type { SpeciesStats } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import type { SpeciesRepository } from './species.repository.js';

export function createSpeciesService(repository: SpeciesRepository) {
  return {
    /** The public counts of a species (a synonym counts as its accepted taxon). */
    async stats(cdNom: number): Promise<SpeciesStats> {
      const cdRef = await repository.acceptedOf(cdNom);
      if (cdRef === undefined) throw new DomainError('taxon.notFound', { cdNom });
      const [months, span, programs] = await Promise.all([
        repository.months(cdRef),
        repository.span(cdRef),
        repository.programs(cdRef),
      ]);
      const perMonth = Array.from({ length: 12 }, () => 0);
      for (const row of months) perMonth[row.month - 1] = row.observations;
      return {
        cdRef,
        observations: perMonth.reduce((sum, n) => sum + n, 0),
        months: perMonth,
        firstObservedOn: span.first,
        lastObservedOn: span.last,
        programs,
      };
    },
  };
}

export type SpeciesService = ReturnType<typeof createSpeciesService>;
