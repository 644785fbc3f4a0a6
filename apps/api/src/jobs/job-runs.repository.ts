import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** When each background job last started, shared by every API process (table job_runs). */
export function createJobRunsRepository(db: Kysely<DB>) {
  return {
    /**
     * Marks `name` as started now unless it started less than `everySeconds` ago; true when this
     * caller won. One statement: of replicas asking at once, exactly one moves the date forward.
     */
    async claim(name: string, everySeconds: number): Promise<boolean> {
      const won = await db
        .insertInto('job_runs')
        .values({ name, last_started_at: sql<Date>`now()` })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ last_started_at: sql<Date>`now()` })
            .where(
              'job_runs.last_started_at',
              '<=',
              sql<Date>`now() - make_interval(secs => ${everySeconds})`,
            ),
        )
        .returning('name')
        .executeTakeFirst();
      return won !== undefined;
    },

    async finished(name: string) {
      await db
        .updateTable('job_runs')
        .set({ last_finished_at: sql<Date>`now()` })
        .where('name', '=', name)
        .execute();
    },
  };
}

export type JobRunsRepository = ReturnType<typeof createJobRunsRepository>;
