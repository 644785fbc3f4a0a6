import type {
  CustomForm,
  SiteProtocol,
  SiteProtocolSettings,
  SiteType,
  SiteTypeInput,
  SiteTypePatch,
} from '@citizen/shared';
import type { CurrentUser } from '../auth/current-user.js';
import { DomainError } from '../http/errors.js';
import { checkProtocolForm, withFieldOrder } from './forms.js';
import type { SiteRules } from './site-rules.js';
import type { SiteTypesRepository } from './site-types.repository.js';
import { toSiteType } from './site-views.js';

/** A site programme's protocol: its site types (with their forms) and who may add visits. */
export function createSiteTypesService({
  repository,
  rules,
}: {
  repository: SiteTypesRepository;
  rules: SiteRules;
}) {
  async function typeForAdmin(programId: number, typeId: number) {
    const type = await repository.findSiteType(typeId);
    if (!type || type.program_id !== programId) {
      throw new DomainError('siteType.notFound', { id: typeId, program: programId });
    }
    return type;
  }

  async function programForAdmin(programId: number) {
    const program = await repository.programForSites(programId, null);
    if (!program) throw new DomainError('program.notFound', { id: programId });
    return program;
  }

  return {
    async protocol(programId: number, user: CurrentUser | null): Promise<SiteProtocol> {
      const program = await rules.readableProgram(programId, user);
      const types = await repository.siteTypes(programId);
      return {
        programId,
        kind: program.kind,
        visitsBy: program.visits_by,
        siteTypes: types.map(toSiteType),
      };
    },

    async createType(programId: number, given: SiteTypeInput): Promise<SiteType> {
      const input = {
        ...given,
        siteForm: given.siteForm && withFieldOrder(given.siteForm),
        visitForm: given.visitForm && withFieldOrder(given.visitForm),
      };
      await programForAdmin(programId);
      if (input.siteForm) checkProtocolForm(input.siteForm, 'siteForm');
      if (input.visitForm) checkProtocolForm(input.visitForm, 'visitForm');
      const id = await repository.transaction().execute(async (trx) => {
        const name = input.name.trim();
        const siteFormId = input.siteForm
          ? await repository.insertForm(
              trx,
              `${name}: site`,
              input.siteForm.jsonSchema,
              input.siteForm.uiSchema,
            )
          : null;
        const visitFormId = input.visitForm
          ? await repository.insertForm(
              trx,
              `${name}: visit`,
              input.visitForm.jsonSchema,
              input.visitForm.uiSchema,
            )
          : null;
        return repository.insertSiteType(trx, programId, {
          name,
          description: input.description?.trim() ?? '',
          pictogram_url: input.pictogramUrl ?? null,
          site_form_id: siteFormId,
          visit_form_id: visitFormId,
          position: input.position ?? 0,
        });
      });
      return toSiteType((await repository.findSiteType(id))!);
    },

    async updateType(programId: number, typeId: number, given: SiteTypePatch): Promise<SiteType> {
      const patch = {
        ...given,
        siteForm: given.siteForm && withFieldOrder(given.siteForm),
        visitForm: given.visitForm && withFieldOrder(given.visitForm),
      };
      const current = await typeForAdmin(programId, typeId);
      if (patch.siteForm) checkProtocolForm(patch.siteForm, 'siteForm');
      if (patch.visitForm) checkProtocolForm(patch.visitForm, 'visitForm');
      const name = patch.name?.trim() ?? current.name;
      await repository.transaction().execute(async (trx) => {
        const form = async (
          given: CustomForm | null | undefined,
          id: number | null,
          label: string,
        ): Promise<number | null> => {
          if (given === undefined) return id;
          if (given === null) return null;
          if (id !== null) {
            await repository.updateForm(trx, id, given.jsonSchema, given.uiSchema);
            return id;
          }
          return repository.insertForm(trx, `${name}: ${label}`, given.jsonSchema, given.uiSchema);
        };
        const siteFormId = await form(patch.siteForm, current.site_form_id, 'site');
        const visitFormId = await form(patch.visitForm, current.visit_form_id, 'visit');
        await repository.updateSiteType(trx, typeId, {
          name,
          ...(patch.description !== undefined && { description: patch.description.trim() }),
          ...(patch.pictogramUrl !== undefined && { pictogram_url: patch.pictogramUrl }),
          ...(patch.position !== undefined && { position: patch.position }),
          site_form_id: siteFormId,
          visit_form_id: visitFormId,
        });
        await repository.deleteForms(trx, [
          siteFormId === null ? current.site_form_id : null,
          visitFormId === null ? current.visit_form_id : null,
        ]);
      });
      return toSiteType((await repository.findSiteType(typeId))!);
    },

    async deleteType(programId: number, typeId: number): Promise<void> {
      const current = await typeForAdmin(programId, typeId);
      const sites = await repository.countSitesOfType(typeId);
      if (sites > 0) {
        throw new DomainError('siteType.inUse', { id: typeId, count: sites });
      }
      await repository.transaction().execute(async (trx) => {
        await repository.deleteSiteType(trx, typeId);
        await repository.deleteForms(trx, [current.site_form_id, current.visit_form_id]);
      });
    },

    async settings(programId: number): Promise<SiteProtocolSettings> {
      const program = await programForAdmin(programId);
      return { visitsBy: program.visits_by };
    },

    async setSettings(
      programId: number,
      patch: Partial<SiteProtocolSettings>,
    ): Promise<SiteProtocolSettings> {
      await programForAdmin(programId);
      if (patch.visitsBy !== undefined) {
        await repository.setVisitsBy(programId, patch.visitsBy);
      }
      return { visitsBy: (await programForAdmin(programId)).visits_by };
    },
  };
}

export type SiteTypesService = ReturnType<typeof createSiteTypesService>;
