import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import type { MediaStore } from '../media/media-store.js';
import { createTaxHubSource } from '../taxonomy/taxhub-source.js';
import { gncImportRepository as repository, type Executor } from './gnc-import.repository.js';
import {
  openGncSource,
  type GncForm,
  type GncProgram,
  type GncSource,
} from './gnc-source.repository.js';
import type { ImportContext } from './import-context.js';
import { importObservations } from './import-observations.js';
import { importProjects, importSpeciesList, insertProgramme } from './import-programme.js';
import { createImportReport, type ImportReport, type ImportReporter } from './import-report.js';
import { importSites } from './import-sites.js';
import { importUsers } from './import-users.js';
import { createPhotoImport, type PhotoImport } from './photo-import.js';

export class GncImportError extends Error {}

export type GncImportOptions = {
  /** postgres://… of the GeoNature-citizen database (read only). */
  databaseUrl: string;
  /** GeoNature-citizen's media folder (MEDIA_FOLDER). */
  mediaDir: string;
  /** Do everything in a transaction that is rolled back; photos are checked, not copied. */
  dryRun: boolean;
  /** One line of progress, for long tables. */
  progress?: (line: string) => void;
};

type Unit = <T>(work: (trx: Executor) => Promise<T>) => Promise<T>;

class DryRunOver extends Error {}

/**
 * Imports a GeoNature-citizen instance: accounts and projects first (one transaction), their
 * avatars, then each programme in a transaction of its own (its form, species list, site types,
 * sites, visits, observations and photos), so that a failure leaves no half programme. Rows in
 * the id map (gnc_import_map) were imported by an earlier run and are left alone. Photos are
 * published once their programme has committed.
 */
export function createGncImport(deps: {
  db: Kysely<DB>;
  mediaStore: MediaStore;
  taxhub: Config['taxhub'];
  setAvatar: (userId: number, bytes: Buffer) => Promise<void>;
}) {
  const { db } = deps;

  return {
    async run(options: GncImportOptions): Promise<ImportReport> {
      const mediaDir = path.resolve(options.mediaDir);
      const isFolder = await stat(mediaDir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isFolder) throw new GncImportError(`--media: ${options.mediaDir} is not a folder`);
      const source = await openGncSource(options.databaseUrl);
      const reporter = createImportReport(options.dryRun);
      const photos = createPhotoImport({
        store: deps.mediaStore,
        mediaDir,
        dryRun: options.dryRun,
        report: reporter,
      });
      const run = { source, reporter, photos, mediaDir, progress: throttled(options.progress) };
      try {
        if (!options.dryRun) {
          await importAll(run, (work) => db.transaction().execute(work), false);
        } else {
          await db
            .transaction()
            .execute(async (outer) => {
              await importAll(run, savepointUnit(outer), true);
              throw new DryRunOver();
            })
            .catch((error: unknown) => {
              if (!(error instanceof DryRunOver)) throw error;
            });
        }
      } finally {
        await photos.discard();
        await source.close();
      }
      return reporter.finish();
    },
  };

  async function importAll(
    run: {
      source: GncSource;
      reporter: ImportReporter;
      photos: PhotoImport;
      mediaDir: string;
      progress: ImportContext['progress'];
    },
    unit: Unit,
    dryRun: boolean,
  ) {
    const { source, reporter, photos } = run;
    const taxhubList = taxhubListReader(deps.taxhub);
    const context = (trx: Executor, users: ImportContext['users']): ImportContext => ({
      source,
      repository,
      trx,
      report: reporter,
      photos,
      users,
      taxhubList,
      progress: run.progress,
    });
    const accounts = await unit(async (trx) => {
      const { users, avatars } = await importUsers(context(trx, new Map()));
      const projects = await importProjects(context(trx, users), await source.projects());
      return { users, avatars, projects };
    });
    for (const avatar of accounts.avatars) {
      await copyAvatar(reporter, run.mediaDir, avatar, dryRun ? null : deps.setAvatar);
    }
    const forms = new Map((await source.forms()).map((form) => [form.id_form, form]));
    reporter.read('t_custom_form', forms.size);
    const programs = await source.programs();
    reporter.read('t_programs', programs.length);
    for (const program of programs) {
      const restore = reporter.snapshot();
      try {
        await unit((trx) =>
          importProgramme(context(trx, accounts.users), program, {
            projects: accounts.projects,
            forms,
          }),
        );
        await photos.publish();
      } catch (error) {
        restore();
        await photos.discard();
        reporter.failed(
          program.id_program,
          `"${program.title}" not imported, nothing of it written: ${(error as Error).message}`,
        );
      }
    }
  }
}

async function importProgramme(
  ctx: ImportContext,
  program: GncProgram,
  deps: { projects: Map<number, number>; forms: Map<number, GncForm> },
) {
  const earlier = (await ctx.repository.mapped(ctx.trx, 't_programs', [program.id_program])).get(
    String(program.id_program),
  );
  let target: { id: number; form: Awaited<ReturnType<typeof ctx.repository.formOf>> } | null;
  if (earlier) {
    ctx.report.alreadyImported('t_programs');
    const id = Number(earlier);
    // Taxa observed since the first run join the species list.
    if (program.taxonomy_list !== null) await importSpeciesList(ctx, program.taxonomy_list);
    target = { id, form: await ctx.repository.programmeFormOf(ctx.trx, id) };
  } else {
    target = await insertProgramme(ctx, program, deps);
    if (!target) return;
    await ctx.repository.remember(ctx.trx, 't_programs', [[program.id_program, target.id]]);
    ctx.report.imported('t_programs');
  }
  const visitOf =
    program.module === 'sites'
      ? await importSites(ctx, { gncId: program.id_program, id: target.id }, deps.forms)
      : () => null;
  await importObservations(ctx, {
    gncId: program.id_program,
    id: target.id,
    form: target.form,
    visitOf,
  });
}

/** In a dry run, each programme is a savepoint of the one transaction that is rolled back. */
function savepointUnit(outer: Executor): Unit {
  return async (work) => {
    await repository.savepoint(outer);
    try {
      const result = await work(outer);
      await repository.releaseSavepoint(outer);
      return result;
    } catch (error) {
      await repository.rollbackToSavepoint(outer);
      throw error;
    }
  };
}

/** An avatar is copied once its account has committed; a missing or unreadable one is reported. */
async function copyAvatar(
  reporter: ImportReporter,
  mediaDir: string,
  avatar: { userId: number; gncId: number; filename: string },
  setAvatar: ((userId: number, bytes: Buffer) => Promise<void>) | null,
) {
  const name = path.basename(avatar.filename);
  const bytes =
    name === avatar.filename ? await readFile(path.join(mediaDir, name)).catch(() => null) : null;
  if (!bytes) {
    reporter.note(
      't_users',
      avatar.gncId,
      `avatar ${avatar.filename} is missing from the media folder: not copied`,
    );
    return;
  }
  try {
    await setAvatar?.(avatar.userId, bytes);
  } catch (error) {
    reporter.note('t_users', avatar.gncId, `avatar not copied: ${(error as Error).message}`);
  }
}

/** The taxa of a TaxHub list, read from the TaxHub server when TAXHUB_URL is set. */
function taxhubListReader(taxhub: Config['taxhub']) {
  if (!taxhub) return null;
  const source = createTaxHubSource({ ...taxhub, taxhubListOf: async (listId) => listId });
  return async (listId: number) => (await source.listTaxa(listId, 'fr')).map((hit) => hit.cdNom);
}

/** Progress lines at most every two seconds, and at the end of each table. */
function throttled(print: ((line: string) => void) | undefined): ImportContext['progress'] {
  let last = 0;
  return (what, done, total) => {
    const now = Date.now();
    if (!print || (done < total && now - last < 2000)) return;
    last = now;
    print(`${what}: ${done}/${total}`);
  };
}
