import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import ts from 'typescript';
import type { DB } from '../src/db/schema.js';

/** What a column holds, in the terms both sides can say: the JS value a row read gives. */
export type BroadType = 'string' | 'number' | 'boolean' | 'Date' | 'json' | 'array' | 'other';

export type ColumnShape = {
  type: BroadType;
  nullable: boolean;
  /** An insert may leave it out: a default, an identity, a generated column, or NULL. */
  optionalOnInsert: boolean;
};

/** table → column → shape */
export type SchemaShape = Map<string, Map<string, ColumnShape>>;

export const SCHEMA_FILE = path.resolve(import.meta.dirname, '../src/db/schema.ts');
/** Where schema.ts's tables are written, by domain. */
export const SCHEMA_DIR = path.resolve(import.meta.dirname, '../src/db/schema');

/**
 * Reads the Kysely `DB` interface of a TypeScript file with the compiler's type checker, so that
 * aliases (`Timestamp`), `Generated<T>` and `ColumnType<S, I, U>` resolve as Kysely sees them.
 * `sources` replace the text of the files they name (tests of this reader).
 */
export function readKyselySchema(
  file = SCHEMA_FILE,
  sources: ReadonlyMap<string, string> = new Map(),
): SchemaShape {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
  };
  const host = ts.createCompilerHost(options);
  if (sources.size > 0) {
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => {
      const source = sources.get(path.resolve(name));
      return source === undefined
        ? getSourceFile(name, language, ...rest)
        : ts.createSourceFile(name, source, language);
    };
  }
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error(`Cannot read ${file}`);
  const db = sourceFile.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB',
  );
  if (!db) throw new Error(`${file} has no interface DB`);

  const tables: SchemaShape = new Map();
  for (const table of checker.getTypeAtLocation(db).getProperties()) {
    const columns = new Map<string, ColumnShape>();
    const tableType = checker.getTypeOfSymbolAtLocation(table, db);
    for (const column of tableType.getProperties()) {
      columns.set(column.name, columnShape(checker, checker.getTypeOfSymbolAtLocation(column, db)));
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/**
 * Kysely's ColumnType<S, I, U> is `{ __select__: S; __insert__: I; __update__: U }`; like Kysely,
 * this distributes over unions (`Timestamp | null`).
 */
function columnShape(checker: ts.TypeChecker, type: ts.Type): ColumnShape {
  const side = (name: '__select__' | '__insert__') =>
    members(type).flatMap((member) => {
      const symbol = member.getProperty(name);
      return symbol ? members(checker.getTypeOfSymbol(symbol)) : [member];
    });
  const selected = side('__select__');
  const isNull = (t: ts.Type) => (t.flags & ts.TypeFlags.Null) !== 0;
  const kinds = new Set(selected.filter((t) => !isNull(t)).map((t) => broadType(checker, t)));
  return {
    type: kinds.size === 1 ? [...kinds][0]! : 'other',
    nullable: selected.some(isNull),
    optionalOnInsert: side('__insert__').some(
      (t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0,
    ),
  };
}

const members = (type: ts.Type) => (type.isUnion() ? type.types : [type]);

function broadType(checker: ts.TypeChecker, type: ts.Type): BroadType {
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (type.flags & ts.TypeFlags.NumberLike) return 'number';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (type.flags & ts.TypeFlags.Unknown) return 'json';
  if (checker.isArrayType(type)) return 'array';
  if (type.getSymbol()?.name === 'Date') return 'Date';
  return 'other';
}

/** PostgreSQL types as the database layer returns them (db/database.ts: bigint → number, date → text). */
const PG_TYPES: Record<string, BroadType> = {
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  uuid: 'string',
  date: 'string',
  time: 'string',
  geometry: 'string',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  bool: 'boolean',
  timestamptz: 'Date',
  timestamp: 'Date',
  json: 'json',
  jsonb: 'json',
};

/** The tables of the public schema that PostGIS owns, not Citizen. */
const EXTENSION_TABLES = new Set(['spatial_ref_sys']);

export async function readDatabaseSchema(db: Kysely<DB>): Promise<SchemaShape> {
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
    has_default: boolean;
  }>`
    select c.table_name, c.column_name, c.udt_name, c.is_nullable,
      (c.column_default is not null or c.is_identity = 'YES' or c.is_generated = 'ALWAYS')
        as has_default
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const tables: SchemaShape = new Map();
  for (const row of rows) {
    if (EXTENSION_TABLES.has(row.table_name)) continue;
    const columns = tables.get(row.table_name) ?? new Map<string, ColumnShape>();
    const nullable = row.is_nullable === 'YES';
    columns.set(row.column_name, {
      type: row.udt_name.startsWith('_') ? 'array' : (PG_TYPES[row.udt_name] ?? 'other'),
      nullable,
      optionalOnInsert: nullable || row.has_default,
    });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/**
 * Every way the types differ from the database, one sentence each. A column the types make
 * required on insert while the database has a default is no difference: the types may be stricter.
 * `setByTriggers` (`table.column`) have no default but a BEFORE INSERT trigger fills them.
 */
export function schemaDifferences(
  types: SchemaShape,
  database: SchemaShape,
  setByTriggers: readonly string[] = [],
): string[] {
  const differences: string[] = [];
  for (const table of new Set([...types.keys(), ...database.keys()])) {
    const typed = types.get(table);
    const actual = database.get(table);
    if (!typed) {
      differences.push(`table ${table} is in the database but not in schema.ts`);
      continue;
    }
    if (!actual) {
      differences.push(`table ${table} is in schema.ts but not in the database`);
      continue;
    }
    for (const column of new Set([...typed.keys(), ...actual.keys()])) {
      const t = typed.get(column);
      const a = actual.get(column);
      const name = `${table}.${column}`;
      if (!t) differences.push(`${name} is in the database but not in schema.ts`);
      else if (!a) differences.push(`${name} is in schema.ts but not in the database`);
      else {
        if (t.type !== a.type) {
          differences.push(`${name} is ${t.type} in schema.ts but ${a.type} in the database`);
        }
        if (t.nullable !== a.nullable) {
          differences.push(
            `${name} is ${t.nullable ? 'nullable' : 'not nullable'} in schema.ts but ${a.nullable ? 'nullable' : 'NOT NULL'} in the database`,
          );
        }
        if (t.optionalOnInsert && !a.optionalOnInsert && !setByTriggers.includes(name)) {
          differences.push(
            `${name} may be left out of an insert in schema.ts but the database has no default for it`,
          );
        }
      }
    }
  }
  return differences;
}
