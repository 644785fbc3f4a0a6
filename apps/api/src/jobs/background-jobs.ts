import type { JobRunsRepository } from './job-runs.repository.js';
import { runOnceAcrossReplicas } from './run-once.js';
import type { App } from '../http/types.js';

type Log = App['log'];

/** Work the app does beside the requests while it runs: started when ready, stopped at close. */
export type BackgroundJob = {
  start(log: Log): void;
  stop(): Promise<void> | void;
};

/**
 * The app's background jobs, gathered by the domains that own them. `runWith` ties them to the
 * app's life; an app built without them (the OpenAPI document) never calls it, and starts nothing.
 */
export function createBackgroundJobs() {
  const jobs: BackgroundJob[] = [];
  return {
    add(job: BackgroundJob) {
      jobs.push(job);
    },
    runWith(app: App) {
      app.addHook('onReady', async () => {
        for (const job of jobs) job.start(app.log);
      });
      // The last started is stopped first: a job may feed one started before it.
      app.addHook('onClose', async () => {
        for (const job of [...jobs].reverse()) await job.stop();
      });
    },
  };
}

export type BackgroundJobs = ReturnType<typeof createBackgroundJobs>;

/**
 * A job run once every `everySeconds` across the replicas: each replica asks every `askEveryMs`
 * whether it is due (job_runs), and one runs it.
 */
export function periodicJob(
  runs: JobRunsRepository,
  name: string,
  { everySeconds, askEveryMs }: { everySeconds: number; askEveryMs: number },
  run: () => Promise<unknown>,
): BackgroundJob {
  let timer: NodeJS.Timeout | undefined;
  return {
    start(log) {
      timer = setInterval(() => {
        runOnceAcrossReplicas(runs, name, everySeconds, run).catch((error: unknown) =>
          log.error({ err: error }, `${name} failed`),
        );
      }, askEveryMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
