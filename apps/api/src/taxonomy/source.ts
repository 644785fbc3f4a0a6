import type { Locale, TaxonDetail, TaxonHit } from '@citizen/shared';

/**
 * Where the platform reads its taxonomy from: its own tables (the default), or a TaxHub server
 * for deployments that keep their taxonomy there. Routes and services only see this interface,
 * never TaxHub's routes.
 *
 * `listId` is a Citizen species list (species_lists.id); null means the whole taxonomy.
 */
export interface TaxonomySource {
  readonly kind: 'local' | 'taxhub';

  /**
   * Autocomplete: accepted taxa whose vernacular name (in `lang`) or scientific name matches
   * `query` by prefix, then by word prefix, then approximately; synonyms give their accepted
   * taxon, once.
   */
  search(query: string, lang: Locale, listId: number | null, limit: number): Promise<TaxonHit[]>;

  /** One name (accepted or synonym) with its names and classification; null when unknown. */
  get(cdNom: number, lang: Locale): Promise<TaxonDetail | null>;

  /** The accepted taxa of a species list, in list order, with the list's pictures. */
  listTaxa(listId: number, lang: Locale): Promise<TaxonHit[]>;
}
