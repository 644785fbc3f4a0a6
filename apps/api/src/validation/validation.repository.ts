import { sql, type Insertable, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { Locale } from '@citizen/shared';
import type { DB, ObservationEventsTable } from '../db/schema.js';
import { displayName } from '../taxonomy/names.repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

export function createValidationRepository(db: Kysely<DB>) {
  return {
    transaction: () => db.transaction(),

    /** Locks the observation for the judgement being written. */
    forUpdate(trx: Executor, ids: string[]) {
      return trx
        .selectFrom('observations')
        .select(['id', 'observer_id', 'cd_nom', 'validation_status', 'validated_by', 'hidden_at'])
        .where('id', 'in', ids)
        .forUpdate()
        .execute();
    },

    find(id: string, executor: Executor = db) {
      return executor
        .selectFrom('observations')
        .select([
          'id',
          'observer_id',
          'cd_nom',
          'validation_status',
          'validation_reason',
          'validation_comment',
          'validated_at',
          'hidden_at',
          'hidden_reason',
        ])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    taxonExists(cdNom: number) {
      return db.selectFrom('taxa').select('cd_nom').where('cd_nom', '=', cdNom).executeTakeFirst();
    },

    update(trx: Executor, id: string, values: UpdateObject<DB, 'observations'>) {
      return trx
        .updateTable('observations')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    addEvent(trx: Executor, event: Insertable<ObservationEventsTable>) {
      return trx.insertInto('observation_events').values(event).execute();
    },

    /** Every event in order, with the re-identified taxa's names in `lang`. */
    history(observationId: string, lang: Locale) {
      return db
        .selectFrom('observation_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .leftJoin('taxa as ft', 'ft.cd_nom', 'e.from_cd_nom')
        .leftJoin('taxa as tt', 'tt.cd_nom', 'e.to_cd_nom')
        .select([
          sql<string | null>`case when ft.cd_nom is not null then ${displayName(
            sql.ref('ft.cd_nom'),
            sql.ref('ft.scientific_name'),
            lang,
          )} end`.as('from_name'),
          sql<string | null>`case when tt.cd_nom is not null then ${displayName(
            sql.ref('tt.cd_nom'),
            sql.ref('tt.scientific_name'),
            lang,
          )} end`.as('to_name'),
          'e.id',
          'e.kind',
          sql<string | null>`coalesce(u.display_name, u.username)`.as('actor'),
          'e.from_status',
          'e.to_status',
          'e.from_cd_nom',
          'e.to_cd_nom',
          'e.reason',
          'e.comment',
          'e.created_at',
        ])
        .where('e.observation_id', '=', observationId)
        .orderBy('e.id')
        .execute();
    },

    /** The validator who judged an observation, to tell them that it was changed since. */
    validatorToNotify(trx: Executor, validatorId: number, observationId: string) {
      return trx
        .selectFrom('users as u')
        .innerJoin('observations as o', (join) => join.on('o.id', '=', observationId))
        .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
        .select([
          'u.email',
          'u.username',
          'u.locale',
          'u.notify_by_email',
          'u.is_active',
          't.scientific_name',
          'o.observed_on',
        ])
        .where('u.id', '=', validatorId)
        .executeTakeFirst();
    },

    /** The observer to tell about a judgement or question, and how they want to be told. */
    observerToNotify(trx: Executor, observationId: string) {
      return trx
        .selectFrom('observations as o')
        .innerJoin('users as u', 'u.id', 'o.observer_id')
        .innerJoin('taxa as t', 't.cd_nom', 'o.cd_nom')
        .select([
          'u.id',
          'u.email',
          'u.username',
          'u.locale',
          'u.is_active',
          'u.notify_by_email',
          'u.mail_on_question',
          't.scientific_name',
          'o.observed_on',
        ])
        .where('o.id', '=', observationId)
        .executeTakeFirst();
    },
  };
}

export type ValidationRepository = ReturnType<typeof createValidationRepository>;
