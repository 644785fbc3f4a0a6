import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProgramBadgeSettings } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { createServices } from '../../src/services.js';
import { testApp, testConfig } from '../app.js';
import { describeOnEngines } from '../engines.js';
import { signedIn, squareAround, type SignedIn } from '../sites/helpers.js';

/**
 * The public side of a programme's badge settings: pages ask it (it always answers 200 for a
 * programme) before showing badge links or a leaderboard, instead of probing routes that 404.
 */
describeOnEngines("a programme's public badge settings", (database) => {
  let on: App;
  let off: App;
  let admin: SignedIn;
  let programId: number;
  const db = () => database().db;

  const settings = async (app: App, id = programId) => {
    const response = await app.inject({ method: 'GET', url: `/api/programs/${id}/badge-settings` });
    return { status: response.statusCode, body: response.json<ProgramBadgeSettings>() };
  };

  beforeAll(async () => {
    on = await testApp(database(), { BADGES_ENABLED: 'true' });
    off = await testApp(database(), { BADGES_ENABLED: 'false' });
    admin = await signedIn(on, db(), { username: 'settings-admin', role: 'admin' });
    const services = createServices(testConfig(), database());
    programId = (
      await services.programs.create({
        slug: 'ranked',
        title: 'Ranked',
        area: squareAround([4.85, 45.77]),
      })
    ).id;
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  const patch = (body: Partial<ProgramBadgeSettings>) =>
    on.inject({
      method: 'PATCH',
      url: `/api/admin/programs/${programId}/badge-settings`,
      headers: admin.headers,
      payload: body,
    });

  it('says whether the programme counts towards badges and shows a leaderboard', async () => {
    expect(await settings(on)).toEqual({
      status: 200,
      body: { badgesEnabled: true, leaderboardEnabled: false },
    });
    expect((await patch({ leaderboardEnabled: true })).statusCode).toBe(200);
    expect((await settings(on)).body).toEqual({ badgesEnabled: true, leaderboardEnabled: true });
    const leaderboard = await on.inject({
      method: 'GET',
      url: `/api/programs/${programId}/leaderboard`,
    });
    expect(leaderboard.statusCode).toBe(200);
  });

  it('says no leaderboard where the leaderboard route would answer 404', async () => {
    // Badges off on the instance: nothing counts, whatever the programme says.
    expect((await settings(off)).body).toEqual({ badgesEnabled: false, leaderboardEnabled: false });
    // The programme left out of badges: no leaderboard either.
    expect((await patch({ badgesEnabled: false })).statusCode).toBe(200);
    expect((await settings(on)).body).toEqual({ badgesEnabled: false, leaderboardEnabled: false });
    const leaderboard = await on.inject({
      method: 'GET',
      url: `/api/programs/${programId}/leaderboard`,
    });
    expect(leaderboard.statusCode).toBe(404);
    await patch({ badgesEnabled: true });
  });

  it('answers 404 for a programme that does not exist', async () => {
    expect((await settings(on, 999_999)).status).toBe(404);
  });
});
