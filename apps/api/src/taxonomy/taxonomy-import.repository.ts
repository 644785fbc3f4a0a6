import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportReport } from '@citizen/shared';
import type { DB } from '../db/schema.js';
import {
  TAXON_COLUMNS,
  type ImportName,
  type ImportTaxon,
  type TaxonColumn,
} from './import-rows.js';
import type { ErrorList } from './taxonomy-import.js';

/** Any constant: every taxonomy import takes the same lock. */
const IMPORT_LOCK = 4_201_734;

/** The staging tables a taxonomy import fills, checks and merges, inside one transaction. */
export function createTaxonomyImportRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** One import at a time: two concurrent upserts of the same taxa could deadlock. */
    async lock(trx: Transaction<DB>) {
      await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    },

    createStagingTables,
    stageTaxa,
    stageNames,
    checkStaged,
    merge,
  };
}

export type TaxonomyImportRepository = ReturnType<typeof createTaxonomyImportRepository>;

async function createStagingTables(trx: Transaction<DB>) {
  await sql`
    create temp table import_taxa (
      line integer not null, cd_nom integer not null, cd_ref integer not null, rank text not null,
      scientific_name text not null, authority text, kingdom text, phylum text, class text,
      "order" text, family text, observer_group text, taxref_version text
    ) on commit drop`.execute(trx);
  await sql`
    create temp table import_names (
      line integer not null, file text, cd_nom integer not null, lang text not null,
      name text not null, preferred boolean, position integer not null
    ) on commit drop`.execute(trx);
}

async function stageTaxa(trx: Transaction<DB>, rows: ImportTaxon[]): Promise<ImportTaxon[]> {
  if (rows.length === 0) return rows;
  const col = <T>(pick: (t: ImportTaxon) => T) => rows.map(pick);
  await sql`
    insert into import_taxa
    select * from unnest(
      ${col((t) => t.line)}::int[], ${col((t) => t.cdNom)}::int[], ${col((t) => t.cdRef)}::int[],
      ${col((t) => t.rank)}::text[], ${col((t) => t.scientificName)}::text[],
      ${col((t) => t.authority)}::text[], ${col((t) => t.kingdom)}::text[],
      ${col((t) => t.phylum)}::text[], ${col((t) => t.class)}::text[],
      ${col((t) => t.order)}::text[], ${col((t) => t.family)}::text[],
      ${col((t) => t.observerGroup)}::text[], ${col((t) => t.taxrefVersion)}::text[])`.execute(trx);
  return [];
}

async function stageNames<T extends ImportName & { file: string | null }>(
  trx: Transaction<DB>,
  rows: T[],
): Promise<T[]> {
  if (rows.length === 0) return rows;
  const col = <V>(pick: (n: T) => V) => rows.map(pick);
  await sql`
    insert into import_names
    select * from unnest(
      ${col((n) => n.line)}::int[], ${col((n) => n.file)}::text[], ${col((n) => n.cdNom)}::int[],
      ${col((n) => n.lang)}::text[], ${col((n) => n.name)}::text[],
      ${col((n) => n.preferred)}::boolean[], ${col((n) => n.position)}::int[])`.execute(trx);
  return [];
}

/** The checks that need every row: duplicate ids and references to taxa that exist nowhere. */
async function checkStaged(trx: Transaction<DB>, errors: ErrorList) {
  await sql`create index on import_taxa (cd_nom)`.execute(trx);
  await sql`analyze import_taxa`.execute(trx);

  const duplicates = await sql<{ line: number; cd_nom: number; first: number }>`
    select line, cd_nom, first from (
      select line, cd_nom, min(line) over (partition by cd_nom) as first from import_taxa
    ) d where line > first order by line`.execute(trx);
  for (const d of duplicates.rows) {
    errors.add({ line: d.line, message: `taxon ${d.cd_nom} is already on line ${d.first}` });
  }

  const dangling = await sql<{ line: number; cd_nom: number; cd_ref: number }>`
    select s.line, s.cd_nom, s.cd_ref from import_taxa s
    where s.cd_ref <> s.cd_nom
      and not exists (select 1 from import_taxa a where a.cd_nom = s.cd_ref)
      and not exists (select 1 from taxa a where a.cd_nom = s.cd_ref)
    order by s.line`.execute(trx);
  for (const d of dangling.rows) {
    errors.add({
      line: d.line,
      message: `the accepted name ${d.cd_ref} of taxon ${d.cd_nom} is neither in the file nor in the taxonomy`,
    });
  }

  const orphans = await sql<{ line: number; file: string | null; cd_nom: number }>`
    select n.line, n.file, n.cd_nom from import_names n
    where n.file is not null
      and not exists (select 1 from import_taxa t where t.cd_nom = n.cd_nom)
      and not exists (select 1 from taxa t where t.cd_nom = n.cd_nom)
    order by n.file, n.line`.execute(trx);
  for (const o of orphans.rows) {
    errors.add({
      line: o.line,
      message: `taxon ${o.cd_nom} is neither in the taxon file nor in the taxonomy`,
      ...(o.file ? { file: o.file } : {}),
    });
  }
}

const ident = (column: string) => sql.ref(column);

async function merge(
  trx: Transaction<DB>,
  provided: TaxonColumn[],
  languages: string[],
): Promise<ImportReport> {
  const columns = TAXON_COLUMNS.filter((c) => provided.includes(c));
  const tuple = (alias: string) => sql.join(columns.map((c) => ident(`${alias}.${c}`)));

  // Every taxon the file speaks of, and the vernacular names it gives them.
  await sql`
    create temp table import_scope on commit drop as
    select cd_nom from import_taxa union select cd_nom from import_names`.execute(trx);
  await sql`alter table import_scope add primary key (cd_nom)`.execute(trx);
  await sql`
    create temp table import_names_final on commit drop as
    select cd_nom, lang, name,
      row_number() over (
        partition by cd_nom, lang order by preferred is true desc, line, position
      ) = 1 as is_preferred
    from (
      select distinct on (cd_nom, lang, name) * from import_names
      where lang = any(${languages}::text[])
      order by cd_nom, lang, name, preferred is true desc, line, position
    ) d`.execute(trx);
  await sql`
    create temp table import_names_changed on commit drop as
    select distinct cd_nom from (
      (select cd_nom, lang, name, is_preferred from import_names_final
       except
       select v.cd_nom, v.lang, v.name, v.is_preferred
       from vernacular_names v join import_scope s on s.cd_nom = v.cd_nom
       where v.lang = any(${languages}::text[]))
      union all
      (select v.cd_nom, v.lang, v.name, v.is_preferred
       from vernacular_names v join import_scope s on s.cd_nom = v.cd_nom
       where v.lang = any(${languages}::text[])
       except
       select cd_nom, lang, name, is_preferred from import_names_final)
    ) d`.execute(trx);

  const rowChanged = columns.length
    ? sql`s.cd_nom is not null and (${tuple('t')}) is distinct from (${tuple('s')})`
    : sql`false`;
  const counts = await sql<{ inserted: number; updated: number; total: number }>`
    select
      count(*) filter (where t.cd_nom is null)::int as inserted,
      count(*) filter (where t.cd_nom is not null and (${rowChanged} or c.cd_nom is not null))::int as updated,
      count(*)::int as total
    from import_scope sc
    left join import_taxa s on s.cd_nom = sc.cd_nom
    left join taxa t on t.cd_nom = sc.cd_nom
    left join import_names_changed c on c.cd_nom = sc.cd_nom`.execute(trx);
  const { inserted, updated, total } = counts.rows[0]!;

  const all = TAXON_COLUMNS.map((c) => ident(c));
  const updates = columns.map((c) => sql`${ident(c)} = excluded.${ident(c)}`);
  await sql`
    insert into taxa (cd_nom, ${sql.join(all)})
    select cd_nom, ${sql.join(all)} from import_taxa
    on conflict (cd_nom) do ${
      columns.length
        ? sql`update set ${sql.join(updates)}, updated_at = now()
              where (${tuple('taxa')}) is distinct from (${tuple('excluded')})`
        : sql`nothing`
    }`.execute(trx);

  if (languages.length > 0) {
    await sql`
      delete from vernacular_names v using import_names_changed c
      where v.cd_nom = c.cd_nom and v.lang = any(${languages}::text[])
        and not exists (
          select 1 from import_names_final n
          where n.cd_nom = v.cd_nom and n.lang = v.lang and n.name = v.name)`.execute(trx);
    // One preferred name per taxon and language (a unique index): unset before setting.
    await sql`
      update vernacular_names v set is_preferred = false from import_names_final n
      where n.cd_nom = v.cd_nom and n.lang = v.lang and n.name = v.name
        and v.is_preferred and not n.is_preferred`.execute(trx);
    await sql`
      update vernacular_names v set is_preferred = true from import_names_final n
      where n.cd_nom = v.cd_nom and n.lang = v.lang and n.name = v.name
        and not v.is_preferred and n.is_preferred`.execute(trx);
    await sql`
      insert into vernacular_names (cd_nom, lang, name, is_preferred)
      select n.cd_nom, n.lang, n.name, n.is_preferred
      from import_names_final n join import_names_changed c on c.cd_nom = n.cd_nom
      on conflict (cd_nom, lang, name) do nothing`.execute(trx);
    await sql`
      update taxa t set updated_at = now() from import_names_changed c
      where c.cd_nom = t.cd_nom and t.updated_at < now()`.execute(trx);
  }

  // Fresh statistics, so that searches plan well right after a big import.
  if (inserted + updated > 1000) {
    await sql`analyze taxa`.execute(trx);
    await sql`analyze vernacular_names`.execute(trx);
  }
  return {
    inserted,
    updated,
    unchanged: total - inserted - updated,
    removed: 0,
    errors: [],
    errorCount: 0,
  };
}
