import { sql, type Kysely, type Transaction } from 'kysely';
import type { SensitivityRule } from '@citizen/shared';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Any constant: sensitivity imports and edits take turns. */
const RULES_LOCK = 4_201_735;
/** Rows per statement. */
const BATCH = 2000;

export type StoredRule = { id: number; cd_nom: number; area_id: number | null; level: number };

type RuleRow = {
  id: number;
  source: string;
  cd_nom: number;
  scientific_name: string | null;
  cd_ref: number | null;
  level: number;
  area_id: number | null;
  area_kind: string | null;
  area_code: string | null;
  area_name: string | null;
  updated_at: Date;
};

const toRule = (r: RuleRow): SensitivityRule => ({
  id: Number(r.id),
  source: r.source,
  cdNom: r.cd_nom,
  scientificName: r.scientific_name,
  cdRef: r.cd_ref,
  level: r.level,
  area:
    r.area_id === null
      ? null
      : { id: Number(r.area_id), kind: r.area_kind!, code: r.area_code!, name: r.area_name! },
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The cd_nom of every name sharing the accepted name of `cdNom` (itself when unknown). */
const groupOf = (cdNom: number) => sql`(
  select ${cdNom}::int union
  select s.cd_nom from taxa s
  where s.cd_ref = coalesce((select t.cd_ref from taxa t where t.cd_nom = ${cdNom}), ${cdNom}))`;

const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) =>
    items.slice(i * BATCH, (i + 1) * BATCH),
  );

export function createSensitivityRepository(db: Kysely<DB>) {
  async function rules(where: ReturnType<typeof sql>, limit = 10_000, offset = 0) {
    const { rows } = await sql<RuleRow>`
      select r.id, r.source, r.cd_nom, t.scientific_name, t.cd_ref, r.level, r.area_id,
        a.kind as area_kind, a.code as area_code, a.name as area_name, r.updated_at
      from sensitivity_rules r
      left join taxa t on t.cd_nom = r.cd_nom
      left join areas a on a.id = r.area_id
      where ${where}
      order by t.scientific_name nulls last, r.cd_nom, a.code nulls first, r.source
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map(toRule);
  }

  return {
    /** Runs `work` in a transaction that holds the rules lock. */
    locked<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${RULES_LOCK})`.execute(trx);
        return work(trx);
      });
    },

    /** The areas whose code, or kind:code, is one of `codes`. */
    async areasByCode(codes: string[]) {
      if (codes.length === 0) return [];
      const { rows } = await sql<{ id: number; kind: string; code: string }>`
        select id, kind, code from areas
        where code = any(${codes}::text[]) or kind || ':' || code = any(${codes}::text[])`.execute(
        db,
      );
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },

    async ofSource(trx: Executor, source: string): Promise<StoredRule[]> {
      const rows = await trx
        .selectFrom('sensitivity_rules')
        .select(['id', 'cd_nom', 'area_id', 'level'])
        .where('source', '=', source)
        .execute();
      return rows.map((r) => ({
        ...r,
        id: Number(r.id),
        area_id: r.area_id === null ? null : Number(r.area_id),
      }));
    },

    async remove(trx: Executor, ids: number[]) {
      for (const chunk of chunks(ids)) {
        await trx.deleteFrom('sensitivity_rules').where('id', 'in', chunk).execute();
      }
    },

    async setLevels(trx: Executor, changes: { id: number; level: number }[]) {
      for (const chunk of chunks(changes)) {
        await sql`
          update sensitivity_rules r set level = c.level, updated_at = now()
          from (select unnest(${chunk.map((c) => c.id)}::bigint[]) as id,
            unnest(${chunk.map((c) => c.level)}::smallint[]) as level) c
          where r.id = c.id`.execute(trx);
      }
    },

    async insert(
      trx: Executor,
      source: string,
      rows: { cdNom: number; level: number; areaId: number | null }[],
    ) {
      for (const chunk of chunks(rows)) {
        await trx
          .insertInto('sensitivity_rules')
          .values(
            chunk.map((r) => ({ source, cd_nom: r.cdNom, level: r.level, area_id: r.areaId })),
          )
          .execute();
      }
    },

    /** How many of these cd_nom the taxonomy does not have. */
    async unknownTaxa(cdNoms: number[]): Promise<number> {
      if (cdNoms.length === 0) return 0;
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from unnest(${cdNoms}::int[]) as c (cd_nom)
        where not exists (select 1 from taxa t where t.cd_nom = c.cd_nom)`.execute(db);
      return rows[0]!.n;
    },

    /** Rules whose taxon is `q` (a cd_nom: any name of its accepted taxon) or whose name holds it. */
    async list(query: { q?: string | undefined; source?: string | undefined }, page: number[]) {
      const q = query.q?.trim();
      const conditions = [sql`true`];
      if (q && /^\d{1,9}$/.test(q)) conditions.push(sql`r.cd_nom in ${groupOf(Number(q))}`);
      else if (q)
        conditions.push(sql`t.scientific_name ilike ${`%${q.replace(/[%_\\]/g, '\\$&')}%`}`);
      if (query.source) conditions.push(sql`r.source = ${query.source}`);
      const where = sql.join(conditions, sql` and `);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from sensitivity_rules r left join taxa t on t.cd_nom = r.cd_nom
        where ${where}`.execute(db);
      return { items: await rules(where, page[0], page[1]), total: rows[0]!.n };
    },

    async sources() {
      const { rows } = await sql<{ source: string; count: number }>`
        select source, count(*)::int as count from sensitivity_rules group by source order by source`.execute(
        db,
      );
      return rows;
    },

    /** The rules of every name of the accepted taxon of `cdNom`. */
    taxonRules: (cdNom: number) => rules(sql`r.cd_nom in ${groupOf(cdNom)}`),

    /** The strictest rule that applies everywhere (area rules aside). */
    async taxonLevel(cdNom: number, executor: Executor = db): Promise<number> {
      const { rows } = await sql<{ level: number }>`
        select taxon_sensitivity(${cdNom}::int, null) as level`.execute(executor);
      return rows[0]!.level;
    },

    /** Sets (level > 0) or removes the back office's rule for the taxon everywhere. */
    async setManual(trx: Executor, source: string, cdNom: number, level: number) {
      if (level === 0) {
        await trx
          .deleteFrom('sensitivity_rules')
          .where('source', '=', source)
          .where('cd_nom', '=', cdNom)
          .where('area_id', 'is', null)
          .execute();
        return;
      }
      await sql`
        insert into sensitivity_rules (source, cd_nom, level) values (${source}, ${cdNom}, ${level})
        on conflict (source, cd_nom, coalesce(area_id, 0))
        do update set level = excluded.level, updated_at = now()
        where sensitivity_rules.level <> excluded.level`.execute(trx);
    },

    /** Removes every rule of every name of the taxon; returns how many. */
    async removeTaxon(trx: Executor, cdNom: number): Promise<number> {
      const { rows } = await sql<{ id: number }>`
        delete from sensitivity_rules r where r.cd_nom in ${groupOf(cdNom)} returning r.id`.execute(
        trx,
      );
      return rows.length;
    },
  };
}

export type SensitivityRepository = ReturnType<typeof createSensitivityRepository>;
