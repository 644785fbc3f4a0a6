import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AdminProgram, ProgramDetail } from '@citizen/shared';
import { accountsApp, bearer, createUser, login } from './accounts/helpers.js';
import { describeWithDemo } from './engines.js';

const area = {
  type: 'Polygon',
  coordinates: [
    [
      [4.8, 45.7],
      [4.81, 45.7],
      [4.81, 45.71],
      [4.8, 45.71],
      [4.8, 45.7],
    ],
  ],
};

/** What the back office's programme editor relies on, through HTTP as an administrator. */
describeWithDemo('programme administration over HTTP', (database) => {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    ctx = await accountsApp(database());
    const admin = await createUser(database().db, { role: 'admin' });
    headers = bearer((await login(ctx.app, admin.username)).accessToken!);
  });
  afterAll(() => ctx?.close());

  it('keeps the order of a custom form’s fields, which jsonb does not', async () => {
    // jsonb sorts keys (shorter first): without ui:order, "nestHeight" would come after "sex".
    const jsonSchema = {
      type: 'object',
      properties: {
        nestHeight: { type: 'number', title: 'Nest height' },
        sex: { type: 'string', enum: ['f', 'm'] },
        behaviour: { type: 'string' },
      },
    };
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/programs',
      headers,
      payload: { slug: 'ordered', title: 'Ordered', area, form: { jsonSchema } },
    });
    expect(created.statusCode).toBe(201);
    const { id, form } = created.json<AdminProgram>();
    expect(form?.uiSchema?.['ui:order']).toEqual(['nestHeight', 'sex', 'behaviour']);

    const read = await ctx.app.inject({ method: 'GET', url: `/api/programs/${id}` });
    expect(read.json<ProgramDetail>().form?.uiSchema?.['ui:order']).toEqual([
      'nestHeight',
      'sex',
      'behaviour',
    ]);

    // A changed form gets its order too; an order given is kept.
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/admin/programs/${id}`,
      headers,
      payload: {
        form: { jsonSchema: { ...jsonSchema, properties: { zone: { type: 'string' }, a: {} } } },
      },
    });
    expect(changed.json<AdminProgram>().form?.uiSchema?.['ui:order']).toEqual(['zone', 'a']);
    const given = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/admin/programs/${id}`,
      headers,
      payload: {
        form: {
          jsonSchema: { ...jsonSchema, properties: { zone: { type: 'string' }, a: {} } },
          uiSchema: { 'ui:order': ['a', 'zone'], a: { 'ui:widget': 'textarea' } },
        },
      },
    });
    expect(given.json<AdminProgram>().form?.uiSchema).toEqual({
      'ui:order': ['a', 'zone'],
      a: { 'ui:widget': 'textarea' },
    });
  });

  it('logs every change of a programme in the audit log, with the fields changed', async () => {
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/admin/programs/1',
      headers,
      payload: { isActive: false, shortDescription: 'Paused for the winter' },
    });
    expect(changed.statusCode).toBe(200);
    const audit = await ctx.app.inject({
      method: 'GET',
      url: '/api/admin/audit?limit=5',
      headers,
    });
    const events = audit.json<{ items: { event: string; details: Record<string, unknown> }[] }>()
      .items;
    expect(events[0]).toMatchObject({
      event: 'program_updated',
      details: { programId: 1, fields: ['isActive', 'shortDescription'] },
    });
  });
});
