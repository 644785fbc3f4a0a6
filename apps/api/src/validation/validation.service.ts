import type { Transaction } from 'kysely';
import type {
  BulkValidationInput,
  BulkValidationResult,
  EditedField,
  Locale,
  ObservationEvent,
  ValidationInput,
  ValidationState,
} from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../http/errors.js';
import { canEditObservation, isOwner } from '../policies/observations.policy.js';
import { canValidate } from '../policies/validation.policy.js';
import type { ValidationRepository } from './validation.repository.js';

/** What happened, for the observer's notification and the audit log. */
export type Judgement = {
  observationId: string;
  actorId: number;
  kind: ObservationEvent['kind'];
  status?: string;
  reason?: string | null;
  comment?: string | null;
};

export type ValidationHooks = {
  /** Inside the transaction: queue the observer's mail, write the audit record. */
  recorded(trx: Transaction<DB>, judgement: Judgement): Promise<void>;
  /** After commit, with the observers whose observations changed taxon (their badges may change). */
  committed(reidentifiedObservers: number[]): Promise<void>;
  /** Inside the transaction: a judged observation was changed; tell the validator who judged it. */
  reopened(
    trx: Transaction<DB>,
    edit: { observationId: string; validatorId: number | null; changed: EditedField[] },
  ): Promise<void>;
};

const NEEDS_REASON = new Set(['doubtful', 'invalid']);

export function createValidationService(repository: ValidationRepository, hooks: ValidationHooks) {
  function checkInput(input: Omit<ValidationInput, 'cdNom'>) {
    if (NEEDS_REASON.has(input.status) && !input.reason) {
      throw new DomainError(
        'validation.reasonRequired',
        { status: input.status },
        { field: 'reason' },
      );
    }
  }

  async function judge(
    trx: Transaction<DB>,
    current: { id: string; observer_id: number | null; cd_nom: number; validation_status: string },
    input: ValidationInput,
    validator: CurrentUser,
  ) {
    const reason = NEEDS_REASON.has(input.status) ? (input.reason ?? null) : null;
    const comment = input.comment?.trim() || null;
    if (input.cdNom !== undefined && input.cdNom !== current.cd_nom) {
      await repository.addEvent(trx, {
        observation_id: current.id,
        actor_id: validator.id,
        kind: 'reidentified',
        from_cd_nom: current.cd_nom,
        to_cd_nom: input.cdNom,
        comment,
      });
    }
    await repository.addEvent(trx, {
      observation_id: current.id,
      actor_id: validator.id,
      kind: 'validated',
      from_status: current.validation_status,
      to_status: input.status,
      reason,
      comment,
    });
    await repository.update(trx, current.id, {
      validation_status: input.status,
      validation_reason: reason,
      validation_comment: comment,
      validated_by: validator.id,
      validated_at: new Date(),
      ...(input.cdNom !== undefined && { cd_nom: input.cdNom }),
    });
    const reidentified = input.cdNom !== undefined && input.cdNom !== current.cd_nom;
    await hooks.recorded(trx, {
      observationId: current.id,
      actorId: validator.id,
      kind: reidentified ? 'reidentified' : 'validated',
      status: input.status,
      reason,
      comment,
    });
    return reidentified ? current.observer_id : null;
  }

  function requireValidator(user: CurrentUser | null): CurrentUser {
    if (!user) throw new DomainError('auth.loginRequired');
    if (!canValidate(user)) throw new DomainError('auth.validatorOnly');
    return user;
  }

  return {
    async validate(
      id: string,
      input: ValidationInput,
      user: CurrentUser | null,
      lang: Locale = 'en',
    ): Promise<ValidationState> {
      const validator = requireValidator(user);
      checkInput(input);
      if (input.cdNom !== undefined && !(await repository.taxonExists(input.cdNom))) {
        throw new DomainError('taxon.unknown', { cdNom: input.cdNom }, { field: 'cdNom' });
      }
      const changed = await repository.transaction().execute(async (trx) => {
        const [current] = await repository.forUpdate(trx, [id]);
        if (!current) throw new DomainError('observation.notFound', { id });
        if (isOwner(validator, { observerId: current.observer_id })) {
          throw new DomainError('validation.ownObservation');
        }
        return judge(trx, current, input, validator);
      });
      await hooks.committed(changed === null ? [] : [changed]);
      return this.state(id, validator, lang);
    },

    async bulk(
      input: BulkValidationInput,
      user: CurrentUser | null,
    ): Promise<BulkValidationResult> {
      const validator = requireValidator(user);
      checkInput(input);
      const result: BulkValidationResult = { updated: [], skipped: [] };
      const changed: number[] = [];
      await repository.transaction().execute(async (trx) => {
        const rows = new Map((await repository.forUpdate(trx, input.ids)).map((r) => [r.id, r]));
        for (const id of input.ids) {
          const current = rows.get(id);
          if (!current) result.skipped.push({ id, code: 'not_found', why: 'does not exist' });
          else if (isOwner(validator, { observerId: current.observer_id }))
            result.skipped.push({ id, code: 'own', why: 'is your own observation' });
          else {
            await judge(
              trx,
              current,
              { status: input.status, reason: input.reason, comment: input.comment },
              validator,
            );
            result.updated.push(id);
          }
        }
      });
      await hooks.committed(changed);
      return result;
    },

    /**
     * The observer changed what a judgement was about (taxon, date, place, count or photos): a
     * judged observation goes back to "to be checked", with a line in its history, and the
     * validator who judged it is told. Runs in the transaction of the change; call `afterReopen`
     * once it is committed.
     */
    async reopenAfterEdit(
      trx: Transaction<DB>,
      id: string,
      actorId: number,
      changed: EditedField[],
    ): Promise<void> {
      if (changed.length === 0) return;
      const [current] = await repository.forUpdate(trx, [id]);
      if (!current || current.validation_status === 'pending') return;
      await repository.addEvent(trx, {
        observation_id: id,
        actor_id: actorId,
        kind: 'edited',
        from_status: current.validation_status,
        to_status: 'pending',
        reason: changed.join(','),
      });
      await repository.update(trx, id, {
        validation_status: 'pending',
        validation_reason: null,
        validation_comment: null,
        validated_by: null,
        validated_at: null,
      });
      await hooks.reopened(trx, { observationId: id, validatorId: current.validated_by, changed });
    },

    afterReopen: () => hooks.committed([]),

    /** A question from an expert, or the observer's answer, kept in the history. */
    async comment(
      id: string,
      text: string,
      user: CurrentUser | null,
      lang: Locale = 'en',
    ): Promise<ValidationState> {
      if (!user) throw new DomainError('auth.loginRequired');
      const current = await repository.find(id);
      if (!current) throw new DomainError('observation.notFound', { id });
      const owner = isOwner(user, { observerId: current.observer_id });
      if (!owner && !canValidate(user)) {
        throw new DomainError('validation.discussionClosed');
      }
      const kind = owner ? 'answer' : 'question';
      await repository.transaction().execute(async (trx) => {
        await repository.addEvent(trx, {
          observation_id: id,
          actor_id: user.id,
          kind,
          comment: text.trim(),
        });
        if (kind === 'question') {
          await hooks.recorded(trx, {
            observationId: id,
            actorId: user.id,
            kind,
            comment: text.trim(),
          });
        }
      });
      await hooks.committed([]);
      return this.state(id, user, lang);
    },

    /** Moderation: an admin hides an observation from every public output, with a reason. */
    async setHidden(
      id: string,
      hidden: boolean,
      reason: string | null,
      user: CurrentUser | null,
      lang: Locale = 'en',
    ): Promise<ValidationState> {
      if (!user) throw new DomainError('auth.loginRequired');
      if (user.role !== 'admin') throw new DomainError('moderation.adminOnly');
      await repository.transaction().execute(async (trx) => {
        const [current] = await repository.forUpdate(trx, [id]);
        if (!current) throw new DomainError('observation.notFound', { id });
        await repository.update(
          trx,
          id,
          hidden
            ? { hidden_at: new Date(), hidden_reason: reason }
            : { hidden_at: null, hidden_reason: null },
        );
        const kind = hidden ? 'hidden' : 'unhidden';
        await repository.addEvent(trx, { observation_id: id, actor_id: user.id, kind, reason });
        await hooks.recorded(trx, { observationId: id, actorId: user.id, kind, reason });
      });
      await hooks.committed([]);
      return this.state(id, user, lang);
    },

    /** The validation state and full history, for the observer and experts; names in `lang`. */
    async state(
      id: string,
      user: CurrentUser | null,
      lang: Locale = 'en',
    ): Promise<ValidationState> {
      const current = await repository.find(id);
      if (!current) throw new DomainError('observation.notFound', { id });
      if (!user) throw new DomainError('auth.loginRequired');
      const owner = isOwner(user, { observerId: current.observer_id });
      if (
        !owner &&
        !canValidate(user) &&
        !canEditObservation(user, { observerId: current.observer_id })
      ) {
        throw new DomainError('validation.historyClosed');
      }
      const events = await repository.history(id, lang);
      return {
        id: current.id,
        cdNom: current.cd_nom,
        validationStatus: current.validation_status,
        validationReason: current.validation_reason,
        validationComment: current.validation_comment,
        validatedAt: current.validated_at ? new Date(current.validated_at).toISOString() : null,
        isObserver: owner,
        hiddenAt: current.hidden_at ? new Date(current.hidden_at).toISOString() : null,
        hiddenReason: current.hidden_at ? current.hidden_reason : null,
        history: events.map((e) => ({
          id: e.id,
          kind: e.kind,
          actor: e.actor,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          fromCdNom: e.from_cd_nom,
          toCdNom: e.to_cd_nom,
          fromName: e.from_name,
          toName: e.to_name,
          reason: e.reason,
          comment: e.comment,
          at: new Date(e.created_at).toISOString(),
        })),
      };
    },
  };
}

export type ValidationService = ReturnType<typeof createValidationService>;
