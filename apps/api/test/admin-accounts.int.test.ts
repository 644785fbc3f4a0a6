import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  AdminUser,
  AdminUserDetail,
  AdminUserList,
  AuditList,
  SavedObservation,
} from '@citizen/shared';
import { accountsApp, bearer, createUser, login, type TestUser } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';

/** The back office's accounts pages: search, contributions, role changes, and the audit log. */
describeWithDemo('accounts and the audit log for administrators', (database) => {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let admin: TestUser;
  let validator: TestUser;
  let heron: TestUser;
  let adminToken: string;

  beforeAll(async () => {
    ctx = await accountsApp(database());
    admin = await createUser(database().db, { role: 'admin', username: 'chief-admin' });
    validator = await createUser(database().db, { role: 'validator', username: 'val-expert' });
    heron = await createUser(database().db, { username: 'grey-heron' });
    await createUser(database().db, { username: 'sleeping-heron', active: false });
    adminToken = (await login(ctx.app, admin.username)).accessToken;
  });
  afterAll(() => ctx?.close());

  const get = async <T>(url: string, token = adminToken) => {
    const response = await ctx.app.inject({ method: 'GET', url, headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  it('searches accounts by name or e-mail, role and active state', async () => {
    const herons = await get<AdminUserList>('/api/admin/users?q=HERON');
    expect(herons.items.map((u) => u.username).sort()).toEqual(['grey-heron', 'sleeping-heron']);
    const byMail = await get<AdminUserList>(
      `/api/admin/users?q=${encodeURIComponent(heron.email)}`,
    );
    expect(byMail.items.map((u) => u.id)).toEqual([heron.id]);
    const inactive = await get<AdminUserList>('/api/admin/users?q=heron&active=false');
    expect(inactive.items.map((u) => u.username)).toEqual(['sleeping-heron']);
    const active = await get<AdminUserList>('/api/admin/users?q=heron&active=true');
    expect(active.items.map((u) => u.username)).toEqual(['grey-heron']);
    const validators = await get<AdminUserList>('/api/admin/users?role=validator');
    expect(validators.items.every((u) => u.role === 'validator')).toBe(true);
    expect(validators.items.map((u) => u.id)).toContain(validator.id);
    // A LIKE wildcard is searched for as itself.
    expect((await get<AdminUserList>('/api/admin/users?q=%25')).total).toBe(0);
  });

  it("shows an account's contributions: observations by status, photos, programmes, expert work", async () => {
    const heronToken = (await login(ctx.app, heron.username)).accessToken;
    const ids: string[] = [];
    for (const observedOn of ['2026-04-01', '2026-05-02']) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/observations',
        headers: bearer(heronToken),
        payload: {
          programId: 1,
          cdNom: 4117,
          observedOn,
          location: { type: 'Point', coordinates: [4.853, 45.778] },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      ids.push(response.json<SavedObservation>().id);
    }
    const validatorToken = (await login(ctx.app, validator.username)).accessToken;
    const judged = await ctx.app.inject({
      method: 'POST',
      url: `/api/observations/${ids[0]}/validation`,
      headers: bearer(validatorToken),
      payload: { status: 'certain' },
    });
    expect(judged.statusCode).toBe(200);

    const detail = await get<AdminUserDetail>(`/api/admin/users/${heron.id}`);
    expect(detail).toMatchObject({
      id: heron.id,
      username: 'grey-heron',
      observationCount: 2,
      contributions: {
        observations: 2,
        byStatus: { certain: 1, pending: 1 },
        hiddenObservations: 0,
        photos: 0,
        validationsGiven: 0,
        firstObservedOn: '2026-04-01',
        lastObservedOn: '2026-05-02',
        programs: [{ id: 1, title: expect.any(String), observations: 2 }],
      },
    });
    expect(
      (await get<AdminUserDetail>(`/api/admin/users/${validator.id}`)).contributions
        .validationsGiven,
    ).toBe(1);
    const listed = await get<AdminUserList>('/api/admin/users?q=grey-heron');
    expect(listed.items[0]?.observationCount).toBe(2);
    const missing = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/users/999999',
      headers: bearer(adminToken),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('promotes and deactivates an account; the audit log says who did what, filtered and paged', async () => {
    const patch = (body: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${heron.id}`,
        headers: bearer(adminToken),
        payload: body,
      });
    expect((await patch({ role: 'validator' })).json<AdminUser>()).toMatchObject({
      role: 'validator',
      observationCount: 2,
    });
    expect((await patch({ active: false })).json<AdminUser>().active).toBe(false);
    expect((await patch({ active: true })).json<AdminUser>().active).toBe(true);

    const byActor = await get<AuditList>(`/api/admin/audit?actorId=${admin.id}&limit=50`);
    expect(byActor.items.map((e) => e.event)).toEqual([
      'account_activated',
      'account_deactivated',
      'role_changed',
    ]);
    expect(byActor.items[2]).toMatchObject({
      userId: heron.id,
      username: 'grey-heron',
      actorId: admin.id,
      actorName: 'chief-admin',
      details: { from: 'observer', to: 'validator' },
    });
    expect(byActor.nextBefore).toBeNull();

    const several = await get<AuditList>(
      `/api/admin/audit?actorId=${admin.id}&event=role_changed,account_deactivated`,
    );
    expect(several.items.map((e) => e.event)).toEqual(['account_deactivated', 'role_changed']);

    const firstPage = await get<AuditList>(`/api/admin/audit?actorId=${admin.id}&limit=2`);
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextBefore).toBe(firstPage.items[1]!.id);
    const secondPage = await get<AuditList>(
      `/api/admin/audit?actorId=${admin.id}&limit=2&before=${firstPage.nextBefore}`,
    );
    expect(secondPage.items.map((e) => e.event)).toEqual(['role_changed']);
    expect(secondPage.nextBefore).toBeNull();

    const today = new Date().toISOString().slice(0, 10);
    const dated = await get<AuditList>(
      `/api/admin/audit?actorId=${admin.id}&from=${today}&to=${today}`,
    );
    expect(dated.items).toHaveLength(3);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await get<AuditList>(`/api/admin/audit?from=${tomorrow}`)).items).toEqual([]);
    const bad = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/audit?from=yesterday',
      headers: bearer(adminToken),
    });
    expect(bad.statusCode).toBe(400);
  });
});
