import type { Locale, TaxonDetail, TaxonHit, TaxonName } from '@citizen/shared';
import { DomainError } from '../http/errors.js';
import { LruCache } from './lru-cache.js';
import type { TaxonomySource } from './source.js';

/**
 * The taxonomy of a TaxHub v2 server (PnX-SI/TaxHub, used by GeoNature), for deployments that
 * keep their taxonomy there. Only these read-only routes of its API are used:
 *
 * - `taxref/allnamebylist/<id_liste>?search_name=&limit=`: autocomplete (-1: every name);
 * - `taxref/<cd_nom>`: one name, with `synonymes`;
 * - `taxref?id_liste=&fields=medias&limit=`: the taxa of a list, with their media.
 *
 * Answers are cached in memory (LRU with a time to live). TaxHub has French and English
 * vernacular names only (nom_vern, nom_vern_eng) and no sensitivity levels (0 here).
 */
export type TaxHubOptions = {
  /** The API root, e.g. https://example.org/taxhub/api */
  url: string;
  cacheSeconds: number;
  /** The TaxHub list a Citizen species list stands for (species_lists.taxhub_list_id). */
  taxhubListOf: (listId: number) => Promise<number | null>;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** The fields of a TaxHub taxref row this adapter reads. */
type TaxrefRow = {
  cd_nom: number;
  cd_ref: number;
  lb_nom?: string | null;
  lb_auteur?: string | null;
  nom_complet?: string | null;
  nom_valide?: string | null;
  nom_vern?: string | null;
  nom_vern_eng?: string | null;
  id_rang?: string | null;
  regne?: string | null;
  phylum?: string | null;
  classe?: string | null;
  ordre?: string | null;
  famille?: string | null;
  group2_inpn?: string | null;
  synonymes?: { cd_nom: number; nom_complet?: string | null }[];
  medias?: { id_media?: number; media_url?: string | null; url?: string | null }[];
};

export function createTaxHubSource(options: TaxHubOptions): TaxonomySource {
  const base = options.url.replace(/\/+$/, '');
  const cache = new LruCache<Promise<unknown>>(5000, options.cacheSeconds * 1000);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;

  /** GET a TaxHub route as JSON; null for 404. Identical requests share one answer. */
  function get<T>(route: string, params: Record<string, string | number> = {}): Promise<T | null> {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const url = `${base}/${route}${query ? `?${query}` : ''}`;
    const cached = cache.get(url);
    if (cached) return cached as Promise<T | null>;
    const pending = (async () => {
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DomainError('taxhub.unreachable', { detail: (error as Error).message });
      }
      if (response.status === 404) return null;
      if (!response.ok) {
        throw new DomainError('taxhub.badAnswer', { status: response.status, route });
      }
      return (await response.json()) as T;
    })();
    cache.set(url, pending);
    pending.catch(() => cache.delete(url));
    return pending;
  }

  async function taxhubList(listId: number): Promise<number> {
    const id = await options.taxhubListOf(listId);
    if (id === null) {
      throw new DomainError('taxhub.listNotLinked', { id: listId });
    }
    return id;
  }

  const detail = (cdNom: number) => get<TaxrefRow>(`taxref/${cdNom}`);

  /**
   * The full row of `row`'s accepted taxon. An autocomplete row lacks the authority and the
   * classification: its accepted taxon is always fetched (and cached).
   */
  async function accepted(row: TaxrefRow, complete: boolean): Promise<TaxrefRow> {
    if (complete && row.cd_nom === row.cd_ref) return row;
    return (await detail(row.cd_ref)) ?? row;
  }

  async function pictures(listId: number | null): Promise<Map<number, string>> {
    if (listId === null) return new Map();
    const rows = await listRows(await taxhubList(listId));
    const map = new Map<number, string>();
    for (const row of rows) {
      const media = row.medias?.find((m) => m.media_url || m.url);
      const url = media?.media_url ?? media?.url;
      if (url && !map.has(row.cd_ref)) map.set(row.cd_ref, url);
    }
    return map;
  }

  async function listRows(taxhubId: number): Promise<TaxrefRow[]> {
    const answer = await get<{ items: TaxrefRow[] } | TaxrefRow[]>('taxref', {
      id_liste: taxhubId,
      fields: 'medias',
      limit: 10000,
    });
    if (!answer) throw new DomainError('taxhub.noList', { id: taxhubId });
    return Array.isArray(answer) ? answer : answer.items;
  }

  function hit(
    row: TaxrefRow,
    lang: Locale,
    matched: string | null,
    picture: string | null,
  ): TaxonHit {
    return {
      cdNom: row.cd_nom,
      cdRef: row.cd_ref,
      scientificName: row.lb_nom ?? row.nom_complet ?? String(row.cd_nom),
      authority: authorityOf(row),
      rank: row.id_rang ?? 'ES',
      vernacularName: vernacular(row, lang)[0] ?? null,
      family: row.famille ?? null,
      observerGroup: row.group2_inpn ?? null,
      pictureUrl: picture,
      thumbnailUrl: picture,
      matchedName: matched && matched !== row.lb_nom ? matched : null,
    };
  }

  return {
    kind: 'taxhub',

    async search(query, lang, listId, limit) {
      const taxhubId = listId === null ? -1 : await taxhubList(listId);
      const [rows, pictureOf] = await Promise.all([
        get<TaxrefRow[]>(`taxref/allnamebylist/${taxhubId}`, {
          search_name: query,
          limit: limit * 3,
        }),
        pictures(listId),
      ]);
      // TaxHub gives one row per matching name: keep each accepted taxon once, in its order.
      const firsts = new Map<number, TaxrefRow>();
      for (const row of rows ?? []) if (!firsts.has(row.cd_ref)) firsts.set(row.cd_ref, row);
      const chosen = [...firsts.values()].slice(0, limit);
      const taxa = await Promise.all(chosen.map((row) => accepted(row, false)));
      return taxa.map((taxon, i) =>
        hit(
          taxon,
          lang,
          chosen[i]!.cd_nom !== taxon.cd_nom ? (chosen[i]!.lb_nom ?? null) : null,
          pictureOf.get(taxon.cd_nom) ?? null,
        ),
      );
    },

    async get(cdNom, lang) {
      const row = await detail(cdNom);
      if (!row) return null;
      const acceptedRow = row.cd_ref === row.cd_nom ? null : await detail(row.cd_ref);
      const named = acceptedRow ?? row;
      const vernacularNames = (['fr', 'en'] as const).flatMap((l) =>
        vernacular(named, l).map((name, i) => ({ lang: l, name, preferred: i === 0 })),
      );
      const name = (r: TaxrefRow): TaxonName => ({
        cdNom: r.cd_nom,
        scientificName: r.lb_nom ?? r.nom_complet ?? String(r.cd_nom),
        authority: authorityOf(r),
        rank: r.id_rang ?? 'ES',
      });
      return {
        cdNom: row.cd_nom,
        cdRef: row.cd_ref,
        scientificName: row.lb_nom ?? row.nom_complet ?? String(row.cd_nom),
        authority: authorityOf(row),
        rank: row.id_rang ?? 'ES',
        vernacularName: vernacular(named, lang)[0] ?? null,
        vernacularNames,
        classification: {
          kingdom: row.regne ?? null,
          phylum: row.phylum ?? null,
          class: row.classe ?? null,
          order: row.ordre ?? null,
          family: row.famille ?? null,
        },
        observerGroup: row.group2_inpn ?? null,
        sensitivity: 0,
        taxrefVersion: null,
        accepted: acceptedRow
          ? name(acceptedRow)
          : row.cd_ref !== row.cd_nom
            ? name({ cd_nom: row.cd_ref, cd_ref: row.cd_ref, nom_complet: row.nom_valide ?? null })
            : null,
        synonyms:
          row.cd_ref === row.cd_nom
            ? (row.synonymes ?? [])
                .filter((s) => s.cd_nom !== row.cd_nom)
                .map((s) => ({
                  cdNom: s.cd_nom,
                  scientificName: s.nom_complet ?? String(s.cd_nom),
                  authority: null,
                  rank: 'ES',
                }))
            : [],
      } satisfies TaxonDetail;
    },

    async listTaxa(listId, lang) {
      const rows = await listRows(await taxhubList(listId));
      const seen = new Set<number>();
      const hits: TaxonHit[] = [];
      for (const row of rows) {
        if (seen.has(row.cd_ref)) continue;
        seen.add(row.cd_ref);
        const taxon = await accepted(row, true);
        const media = row.medias?.find((m) => m.media_url || m.url);
        hits.push(
          hit(
            taxon,
            lang,
            row.cd_nom !== taxon.cd_nom ? (row.lb_nom ?? null) : null,
            media?.media_url ?? media?.url ?? null,
          ),
        );
      }
      return hits;
    },
  };
}

/** TaxHub's nom_vern lists several French names separated by commas, the usual one first. */
function vernacular(row: TaxrefRow, lang: Locale): string[] {
  const value = lang === 'fr' ? row.nom_vern : lang === 'en' ? row.nom_vern_eng : null;
  return (value ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

function authorityOf(row: TaxrefRow): string | null {
  if (row.lb_auteur) return row.lb_auteur;
  const full = row.nom_complet ?? (row.cd_nom === row.cd_ref ? row.nom_valide : null);
  if (full && row.lb_nom && full.startsWith(`${row.lb_nom} `)) {
    return full.slice(row.lb_nom.length + 1).trim() || null;
  }
  return null;
}
