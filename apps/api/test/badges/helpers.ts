import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { AdminBadgeRule, BadgeRuleInput } from '@citizen/shared';
import type { Database } from '../../src/db/database.js';
import { createServices } from '../../src/services.js';
import { RELAXED_LIMITS } from '../accounts/helpers.js';
import { testApp, testConfig } from '../app.js';
import { caller, signedIn, squareAround } from '../sites/helpers.js';

/** Where the badge tests observe: inside the area of every programme they make. */
export const HERE = [4.853, 45.778];

/**
 * What the badge files start from: an app with badges on (and a media folder of its own, for the
 * rules' pictures), an admin, two observers (dana and eve), and `rule` to add a badge rule.
 */
export async function badgesApp(database: Database) {
  const mediaDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-badges-media-'));
  const env = { MEDIA_DIR: mediaDir, BADGES_ENABLED: 'true', RATE_LIMITS: RELAXED_LIMITS };
  const app = await testApp(database, env);
  await app.ready();
  const call = caller(app);
  const admin = await signedIn(app, database.db, { username: 'badge-admin', role: 'admin' });
  const dana = await signedIn(app, database.db, { username: 'dana' });
  const eve = await signedIn(app, database.db, { username: 'eve' });
  const rule = async (input: BadgeRuleInput) => {
    const response = await call('POST', '/api/admin/badges/rules', admin, input);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<AdminBadgeRule>();
  };
  return { env, app, call, rule, admin, dana, eve };
}

export type BadgesApp = Awaited<ReturnType<typeof badgesApp>>;

/**
 * badgesApp and the programmes the awards are counted in: `counted`, `silent` (its badges switched
 * off) and `sitesProgram` with its `siteType`; then a first rebuild, which counts the demo's
 * observations.
 */
export async function badgesAppWithProgrammes(database: Database) {
  const start = await badgesApp(database);
  const services = createServices(testConfig(start.env), database);
  const program = async (slug: string, kind: 'observations' | 'sites' = 'observations') =>
    (await services.programs.create({ slug, title: slug, kind, area: squareAround(HERE) })).id;
  const counted = await program('counted');
  const silent = await program('silent');
  const sitesProgram = await program('badge-sites', 'sites');
  await start.call('PATCH', `/api/admin/programs/${silent}/badge-settings`, start.admin, {
    badgesEnabled: false,
  });
  const siteType = (await services.siteTypes.createType(sitesProgram, { name: 'Pond' })).id;
  await services.badges.recompute();
  return { ...start, services, counted, silent, sitesProgram, siteType };
}
