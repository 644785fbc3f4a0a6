import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Locale, TaxonDetail, TaxonHit } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import { photoUrls } from '../media/photos.service.js';
import { LruCache } from './lru-cache.js';
import type { TaxonomySource } from './source.js';

/** Candidates each way of matching may bring, before ranking; bounds the work of short queries. */
const CANDIDATES = 200;
const FUZZY_CANDIDATES = 200;
/** Dictionary words a word prefix stands for ("mer" -> merle, merula, meridionalis…). */
const WORD_PREFIXES = 50;
/** Close spellings kept per word of the query. */
const CORRECTIONS = 5;
/** Word prefixes and typos are looked for from this many characters on. */
const FUZZY_FROM = 3;
/** A name sharing only some words with the query must be at least this similar to it. */
const MIN_SIMILARITY = 0.25;

type HitRow = {
  cd_nom: number;
  cd_ref: number;
  scientific_name: string;
  authority: string | null;
  rank: string;
  family: string | null;
  observer_group: string | null;
  vernacular_name: string | null;
  matched: string | null;
  picture_url: string | null;
  picture_media_id: string | null;
};

export function toHit(row: HitRow): TaxonHit {
  const media = row.picture_media_id ? photoUrls(row.picture_media_id) : null;
  return {
    cdNom: row.cd_nom,
    cdRef: row.cd_ref,
    scientificName: row.scientific_name,
    authority: row.authority,
    rank: row.rank,
    vernacularName: row.vernacular_name,
    family: row.family,
    observerGroup: row.observer_group,
    pictureUrl: media?.displayUrl ?? row.picture_url,
    thumbnailUrl: media?.thumbUrl ?? row.picture_url,
    matchedName:
      row.matched && row.matched !== row.scientific_name && row.matched !== row.vernacular_name
        ? row.matched
        : null,
  };
}

/** The accepted taxon `a`'s preferred vernacular name in `lang`. */
const vernacularOf = (lang: Locale) => sql<string | null>`(
  select vn.name from vernacular_names vn
  where vn.cd_nom = a.cd_nom and vn.lang = ${lang}
  order by vn.is_preferred desc, vn.id limit 1)`;

/** The list's picture of the accepted taxon `a` (given on it or on one of its synonyms). */
const pictureOf = (listId: number | null, column: 'picture_url' | 'picture_media_id') =>
  listId === null
    ? sql<string | null>`null::text`
    : sql<string | null>`(
        select l.${sql.ref(column)}::text from species_list_taxa l join taxa lt on lt.cd_nom = l.cd_nom
        where l.list_id = ${listId} and lt.cd_ref = a.cd_nom
          and (l.picture_url is not null or l.picture_media_id is not null)
        order by l.position, l.cd_nom limit 1)`;

/** Matches of vernacular names in `lang` and of scientific names, as `matches` rows. */
function bothNames(
  lang: Locale,
  tier: number,
  where: (column: RawBuilder<unknown>) => RawBuilder<unknown>,
  score: (column: RawBuilder<unknown>) => RawBuilder<unknown>,
  limit: number,
) {
  return sql`
    (select v.cd_nom, ${tier}::int as tier, false as exact, ${score(sql`v.search_key`)} as score,
       v.name as matched
     from vernacular_names v where v.lang = ${lang} and ${where(sql`v.search_key`)} limit ${limit})
    union all
    (select t.cd_nom, ${tier}::int, false, ${score(sql`t.search_key`)}, t.scientific_name
     from taxa t where ${where(sql`t.search_key`)} limit ${limit})`;
}

const words = (column: RawBuilder<unknown>) => sql`string_to_array(${column}, ' ')`;

/**
 * Whether the steps `ctes` found fewer names than the page holds (names, not taxa: a synonym
 * sharing its accepted taxon's name counts twice, which only rarely leaves a page short).
 */
const fewerThan = (limit: number, ctes: string[]) =>
  sql`(select count(distinct cd_nom) from (${sql.join(
    ctes.map((c) => sql`select cd_nom from ${sql.ref(c)}`),
    sql` union all `,
  )}) m) < ${limit}`;

/**
 * Searching the whole taxonomy, in one statement whose later steps only run when the earlier
 * ones did not fill the page (they are gated on a count: most keystrokes of an autocomplete are
 * answered by the B-trees alone). Each step ranks after the ones before:
 *
 * 0. the preferred vernacular name starts with the query; 1. another name (vernacular or
 *    scientific) starts with it (B-trees);
 * 2. the name holds every word of the query (of 3 letters or more), the last one as a prefix, in
 *    any order: "europe", "noir merle" (GIN on the words of names);
 * 3. typos: each word of the query (the 3 longest) is replaced by the dictionary words spelt
 *    closest to it (trigram index on `taxon_words`; for the last word, half typed, also the words
 *    it begins), and the name must hold one of them for each word;
 * 4. the name holds one of those words for some word of the query, and is close enough to it.
 *
 * Typos and partial matches are ranked by trigram similarity to the whole query.
 */
function wholeTaxonomyMatches(k: string, lang: Locale, limit: number): RawBuilder<unknown> {
  const upper = `${k}~`; // '~' sorts after every character of a key, in the C collation
  const all = k.split(' ');
  const last = all.at(-1)!;
  // Short words ("de", "d", a first letter) would only make the word indexes read long lists.
  const whole = [...new Set(all.slice(0, -1).filter((w) => w.length >= FUZZY_FROM))];
  const fuzzy = [...new Set(all.filter((w) => w.length >= FUZZY_FROM))]
    .sort((a, b) => b.length - a.length)
    .slice(0, 3);
  const similarity = (column: RawBuilder<unknown>) => sql`similarity(${column}, ${k})::real`;
  const prefixWords = (word: string, count: number) => sql`array(
    select t.word from taxon_words t where t.word >= ${word} and t.word < ${`${word}~`}
    order by t.word limit ${count})`;

  const found = (ctes: string[]) => fewerThan(limit, ctes);
  const steps = [
    sql`prefix as (
      (select v.cd_nom, case when v.is_preferred then 0 else 1 end as tier,
         v.search_key = ${k} as exact, 1::real as score, v.name as matched
       from vernacular_names v
       where v.lang = ${lang} and v.search_key >= ${k} and v.search_key < ${upper}
       order by v.search_key limit ${CANDIDATES})
      union all
      (select t.cd_nom, 1, t.search_key = ${k}, 1::real, t.scientific_name
       from taxa t where t.search_key >= ${k} and t.search_key < ${upper}
       order by t.search_key limit ${CANDIDATES}))`,
  ];
  const earlier = ['prefix'];
  if (whole.length > 0 || last.length >= FUZZY_FROM) {
    steps.push(
      sql`by_words as (${bothNames(
        lang,
        2,
        // With whole words, the index finds the names holding them and the last word's prefix is
        // checked on those; alone, the last word stands for the words it begins.
        (c) =>
          sql`${found(['prefix'])} and ${
            whole.length > 0
              ? sql`${words(c)} @> ${whole}::text[] and strpos(' ' || ${c}, ${` ${last}`}) > 0`
              : sql`${words(c)} && ${prefixWords(last, WORD_PREFIXES)}`
          }`,
        () => sql`1::real`,
        CANDIDATES,
      )})`,
    );
    earlier.push('by_words');
  }

  if (fuzzy.length > 0) {
    const close = fuzzy.map(
      (w, i) => sql`array(
        select t.word from taxon_words t where t.word % ${w}
        order by t.word <-> ${w}, t.word limit ${CORRECTIONS}
      ) || ${w === last ? prefixWords(w, CORRECTIONS) : sql`'{}'::text[]`} as ${sql.ref(`g${i}`)}`,
    );
    // The dictionary is only read when the prefixes did not fill the page.
    steps.push(
      sql`corrections as (select ${sql.join(close, sql`, `)} where ${found(earlier)})`,
      sql`typos as (${bothNames(
        lang,
        3,
        (c) =>
          sql.join(
            fuzzy.map((_, i) => sql`${words(c)} && (select ${sql.ref(`g${i}`)} from corrections)`),
            sql` and `,
          ),
        similarity,
        FUZZY_CANDIDATES,
      )})`,
    );
    if (fuzzy.length > 1) {
      const any = sql.join(
        fuzzy.map((_, i) => sql.ref(`g${i}`)),
        sql` || `,
      );
      steps.push(
        sql`some_words as (select * from (${bothNames(
          lang,
          4,
          (c) =>
            sql`${found([...earlier, 'typos'])} and ${words(c)} && (select ${any} from corrections)`,
          similarity,
          FUZZY_CANDIDATES,
        )}) f where score >= ${MIN_SIMILARITY})`,
      );
    }
  }
  const names = [
    ...earlier,
    ...(fuzzy.length > 0 ? ['typos'] : []),
    ...(fuzzy.length > 1 ? ['some_words'] : []),
  ];
  return sql`${sql.join(steps, sql`, `)},
    matches as (${sql.join(
      names.map((n) => sql`select * from ${sql.ref(n)}`),
      sql` union all `,
    )})`;
}

/**
 * The same steps over the names of the taxa in `list_refs`, which are few: they are compared one
 * by one, without the word indexes, and typos by trigram similarity to the whole query.
 */
function listMatches(k: string, lang: Locale, limit: number): RawBuilder<unknown> {
  const wordStart = ` ${k}`;
  return sql`
    list_names as (
      select t.cd_nom, t.search_key, t.scientific_name as name, false as preferred
      from taxa t where t.cd_ref in (select cd_ref from list_refs)
      union all
      select v.cd_nom, v.search_key, v.name, v.is_preferred
      from vernacular_names v join taxa t on t.cd_nom = v.cd_nom
      where v.lang = ${lang} and t.cd_ref in (select cd_ref from list_refs)
    ),
    prefix as (
      select cd_nom,
        case when starts_with(search_key, ${k}) then (case when preferred then 0 else 1 end)
             else 2 end as tier,
        search_key = ${k} as exact, 1::real as score, name as matched
      from list_names
      where starts_with(search_key, ${k}) or strpos(search_key, ${wordStart}) > 0
    ),
    typos as (
      select cd_nom, 3, false,
        greatest(similarity(search_key, ${k}), word_similarity(${k}, search_key)), name
      from list_names
      where ${k.length >= FUZZY_FROM} and ${fewerThan(limit, ['prefix'])}
        and (search_key % ${k} or ${k} <% search_key)
    ),
    matches as (select * from prefix union all select * from typos)`;
}

export function createLocalTaxonomySource(db: Kysely<DB>): TaxonomySource {
  // An autocomplete sends the same beginnings again and again ("m", "me", "mer"…): their
  // normalised forms are kept rather than asked of the database each time.
  const keys = new LruCache<string>(10_000, 24 * 3600 * 1000);

  /** The query as the database compares names: taxon_name_key() (no accents, lower case…). */
  async function normalise(query: string): Promise<string> {
    const cached = keys.get(query);
    if (cached !== undefined) return cached;
    const { rows } = await sql<{ k: string | null }>`select taxon_name_key(${query}) as k`.execute(
      db,
    );
    const k = rows[0]?.k ?? '';
    keys.set(query, k);
    return k;
  }

  async function runSearch(
    k: string,
    lang: Locale,
    listId: number | null,
    limit: number,
  ): Promise<TaxonHit[]> {
    const matches =
      listId === null ? wholeTaxonomyMatches(k, lang, limit) : listMatches(k, lang, limit);
    const { rows } = await sql<HitRow>`
      with list_refs as (
        select distinct t.cd_ref from species_list_taxa l join taxa t on t.cd_nom = l.cd_nom
        where l.list_id = ${listId ?? -1}
      ),
      ${matches},
      -- Lookups by key rather than joins: with a join, the planner may hash all of taxa for a
      -- few hundred candidates.
      best as (
        select distinct on (cd_ref) cd_ref, tier, exact, score, matched from (
          select m.*, (select n.cd_ref from taxa n where n.cd_nom = m.cd_nom) as cd_ref
          from matches m
        ) m
        order by cd_ref, tier, exact desc, score desc, length(matched), matched
      ),
      top as (
        select * from best
        order by tier, exact desc, score desc, length(matched), matched, cd_ref
        limit ${limit}
      )
      select a.cd_nom, a.cd_ref, a.scientific_name, a.authority, a.rank, a.family,
        a.observer_group, ${vernacularOf(lang)} as vernacular_name, b.matched,
        ${pictureOf(listId, 'picture_url')} as picture_url,
        ${pictureOf(listId, 'picture_media_id')} as picture_media_id
      from top b
      cross join lateral (select * from taxa a where a.cd_nom = b.cd_ref limit 1) a
      order by b.tier, b.exact desc, b.score desc, length(b.matched), b.matched, a.cd_nom`.execute(
      db,
    );
    return rows.map(toHit);
  }

  return {
    kind: 'local',

    async search(query, lang, listId, limit) {
      const k = await normalise(query);
      if (k === '') return [];
      // A species list is small: one query ranks all its names; the whole taxonomy is searched
      // by steps (see wholeTaxonomyMatches), in one statement too.
      return runSearch(k, lang, listId, limit);
    },

    async get(cdNom, lang) {
      const taxon = await db
        .selectFrom('taxa as t')
        .leftJoin('taxa as a', (join) =>
          join.onRef('a.cd_nom', '=', 't.cd_ref').on(sql<boolean>`t.cd_ref <> t.cd_nom`),
        )
        .selectAll('t')
        .select([
          'a.cd_nom as a_cd_nom',
          'a.scientific_name as a_scientific_name',
          'a.authority as a_authority',
          'a.rank as a_rank',
          sql<number>`taxon_sensitivity(t.cd_nom, null)`.as('sensitivity'),
        ])
        .where('t.cd_nom', '=', cdNom)
        .executeTakeFirst();
      if (!taxon) return null;
      const names = await db
        .selectFrom('vernacular_names')
        .select(['lang', 'name', 'is_preferred'])
        .where('cd_nom', '=', taxon.cd_ref)
        .orderBy('lang')
        .orderBy('is_preferred', 'desc')
        .orderBy('id')
        .execute();
      const synonyms =
        taxon.cd_ref === taxon.cd_nom
          ? await db
              .selectFrom('taxa')
              .select(['cd_nom', 'scientific_name', 'authority', 'rank'])
              .where('cd_ref', '=', cdNom)
              .where('cd_nom', '<>', cdNom)
              .orderBy('scientific_name')
              .orderBy('cd_nom')
              .execute()
          : [];
      const name = (r: {
        cd_nom: number;
        scientific_name: string;
        authority: string | null;
        rank: string;
      }) => ({
        cdNom: r.cd_nom,
        scientificName: r.scientific_name,
        authority: r.authority,
        rank: r.rank,
      });
      return {
        cdNom: taxon.cd_nom,
        cdRef: taxon.cd_ref,
        scientificName: taxon.scientific_name,
        authority: taxon.authority,
        rank: taxon.rank,
        vernacularName: names.find((n) => n.lang === lang)?.name ?? null,
        vernacularNames: names.map((n) => ({
          lang: n.lang,
          name: n.name,
          preferred: n.is_preferred,
        })),
        classification: {
          kingdom: taxon.kingdom,
          phylum: taxon.phylum,
          class: taxon.class,
          order: taxon.order,
          family: taxon.family,
        },
        observerGroup: taxon.observer_group,
        sensitivity: taxon.sensitivity,
        taxrefVersion: taxon.taxref_version,
        accepted:
          taxon.a_cd_nom !== null
            ? name({
                cd_nom: taxon.a_cd_nom,
                scientific_name: taxon.a_scientific_name!,
                authority: taxon.a_authority,
                rank: taxon.a_rank!,
              })
            : null,
        synonyms: synonyms.map(name),
      } satisfies TaxonDetail;
    },

    async listTaxa(listId, lang) {
      const { rows } = await sql<HitRow & { position: number }>`
        select * from (
          select distinct on (a.cd_nom) a.cd_nom, a.cd_ref, a.scientific_name, a.authority,
            a.rank, a.family, a.observer_group, ${vernacularOf(lang)} as vernacular_name,
            case when n.cd_nom <> a.cd_nom then n.scientific_name end as matched,
            ${pictureOf(listId, 'picture_url')} as picture_url,
            ${pictureOf(listId, 'picture_media_id')} as picture_media_id,
            l.position
          from species_list_taxa l
          join taxa n on n.cd_nom = l.cd_nom
          join taxa a on a.cd_nom = n.cd_ref
          where l.list_id = ${listId}
          order by a.cd_nom, l.position, l.cd_nom
        ) t order by position, cd_nom`.execute(db);
      return rows.map(toHit);
    },
  };
}
