import type { JobRunsRepository } from './job-runs.repository.js';

/**
 * Runs `job` unless another API process (or this one) started it less than `everySeconds` ago:
 * with several replicas, a periodic job runs once per period across all of them. Returns the
 * job's result, or null when another run had it.
 */
export async function runOnceAcrossReplicas<T>(
  runs: JobRunsRepository,
  name: string,
  everySeconds: number,
  job: () => Promise<T>,
): Promise<T | null> {
  if (!(await runs.claim(name, everySeconds))) return null;
  const result = await job();
  await runs.finished(name);
  return result;
}
