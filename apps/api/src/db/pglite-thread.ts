import { Worker } from 'node:worker_threads';
import type {
  WorkerError,
  WorkerRequest,
  WorkerResponse,
  WorkerResult,
  WorkerStart,
} from './pglite-worker.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/** Rebuilds, on this side, an error the database thread reported, with its code and fields. */
const toError = ({ message, fields }: WorkerError) => Object.assign(new Error(message), fields);

// Run from the sources (tests, `npm run dev`), the worker is TypeScript, which tsx loads.
const fromSources = import.meta.url.endsWith('.ts');
const script = new URL(`./pglite-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);

function createWorker(workerData: WorkerStart): Worker {
  if (!fromSources) return new Worker(script, { workerData });
  const load = `import('tsx/esm/api').then(({ tsImport }) =>
    tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(script.href)}))`;
  return new Worker(load, { eval: true, workerData });
}

/**
 * PGlite in a worker thread: its queries run beside the main thread's work instead of blocking
 * it. One statement at a time goes through, as on PGlite's single connection; PGliteDialect
 * keeps a transaction's statements together.
 */
export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', ({ id, ...response }: WorkerResponse) => {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (response.ok) pending?.resolve(response.value);
      else pending?.reject(toError(response.error));
    });
    const fail = (error: Error) => {
      this.#failure = error;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The database thread stopped (exit code ${code})`)));
  }

  /** Starts PGlite on `dataDir` (null: in memory), from the dump `loadDataDir` if given. */
  static async start(dataDir: string | null, loadDataDir?: Blob): Promise<PGliteThread> {
    const workerData: WorkerStart = {
      dataDir,
      loadDataDir: loadDataDir ? await loadDataDir.arrayBuffer() : null,
    };
    const worker = createWorker(workerData);
    const thread = new PGliteThread(worker);
    try {
      await thread.#call(() => {}, 0);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return thread;
  }

  /** Waits for the answer with `id` (0: the start), after `send` asked for it. */
  #call<T>(send: (id: number) => void, id = this.#nextId++): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        send(id);
      } catch (error) {
        // A value that cannot cross threads (postMessage's DataCloneError).
        this.#pending.delete(id);
        reject(error as Error);
      }
    });
  }

  #request<T>(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<T> {
    return this.#call<T>((id) => this.#worker.postMessage({ ...request, id }));
  }

  /** One statement with parameters (extended protocol). */
  query(sql: string, params: readonly unknown[]): Promise<WorkerResult> {
    return this.#request({ kind: 'query', sql, params: [...params] });
  }

  /** Statements without parameters (simple protocol): what the last one returned. */
  exec(sql: string): Promise<WorkerResult> {
    return this.#request({ kind: 'exec', sql });
  }

  /** The data directory as a gzipped tarball, which `start` can load again. */
  async dumpDataDir(): Promise<Blob> {
    return new Blob([await this.#request<ArrayBuffer>({ kind: 'dump' })]);
  }

  async close(): Promise<void> {
    if (!this.#failure) await this.#request({ kind: 'close' });
    await this.#worker.terminate();
  }
}
