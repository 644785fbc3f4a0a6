// The embedded database's thread: one PGlite, which runs the statements the main thread sends
// (pglite-thread.ts) so that its work never holds up the requests being served meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';

export type WorkerStart = { dataDir: string | null; loadDataDir: ArrayBuffer | null };

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: unknown[] }
  | { id: number; kind: 'exec'; sql: string }
  | { id: number; kind: 'dump' }
  | { id: number; kind: 'close' };

export type WorkerResult = { rows: unknown[]; affectedRows?: number | undefined };

/** An error as it crosses threads: its message and its fields (code, constraint, detail...). */
export type WorkerError = { message: string; fields: Record<string, unknown> };

type WorkerValue = WorkerResult | ArrayBuffer | null;

export type WorkerResponse =
  { id: number; ok: true; value: WorkerValue } | { id: number; ok: false; error: WorkerError };

/** The answer to the start, before any request. */
export const READY_ID = 0;

const INT8 = 20;
const DATE = 1082;

function describe(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { message: String(error), fields: {} };
  const fields = Object.fromEntries(
    Object.entries(error).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)),
  );
  return { message: error.message, fields };
}

const result = (r: Results | undefined): WorkerResult => ({
  rows: r?.rows ?? [],
  affectedRows: r?.affectedRows,
});

async function answer(pglite: PGlite, request: WorkerRequest): Promise<WorkerValue> {
  switch (request.kind) {
    case 'query':
      return result(await pglite.query(request.sql, request.params));
    case 'exec':
      // Several statements: what the last one returned, as node-postgres gives it.
      return result((await pglite.exec(request.sql)).at(-1));
    case 'dump':
      return (await pglite.dumpDataDir('gzip')).arrayBuffer();
    case 'close':
      await pglite.close();
      return null;
  }
}

const port = parentPort!;
const start = workerData as WorkerStart;
try {
  const pglite = await PGlite.create({
    ...(start.dataDir ? { dataDir: start.dataDir } : {}),
    ...(start.loadDataDir ? { loadDataDir: new Blob([start.loadDataDir]) } : {}),
    extensions: { postgis, pg_trgm, unaccent },
    // Both engines return bigint as a JS number and a date as its 'YYYY-MM-DD' text.
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
  });
  port.on('message', (request: WorkerRequest) => {
    answer(pglite, request).then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          error: describe(error),
        } satisfies WorkerResponse),
    );
  });
  port.postMessage({ id: READY_ID, ok: true, value: null } satisfies WorkerResponse);
} catch (error) {
  port.postMessage({ id: READY_ID, ok: false, error: describe(error) } satisfies WorkerResponse);
}
