import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, SiteDetail, SiteProtocol, SiteType } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import {
  POND,
  pondSiteBody,
  pondsOfLyon,
  postSiteWithPhoto,
  TREE_TYPE,
  type Call,
  type SignedIn,
} from './helpers.js';
import { POND_TYPE } from './pond-type.js';

/** Site types and sites; visits.int.test.ts starts where they end (made anew by pondsWithASite). */
describeWithDemo('site protocols', (database) => {
  let app: App;
  let call: Call;
  let mediaFiles: () => string[];
  let admin: SignedIn;
  let alice: SignedIn;
  let bob: SignedIn;
  let programId: number;
  let pond: SiteType;
  let tree: SiteType;

  beforeAll(async () => {
    ({ app, call, mediaFiles, admin, alice, bob, programId } = await pondsOfLyon(database()));
  });
  afterAll(() => app?.close());

  describe('site types', () => {
    it('lets admins add site types with a site form and a visit form in steps', async () => {
      const response = await call(
        'POST',
        `/api/admin/programs/${programId}/site-types`,
        admin,
        POND_TYPE,
      );
      expect(response.statusCode).toBe(201);
      pond = response.json<SiteType>();
      expect(pond).toMatchObject({
        programId,
        name: 'Pond',
        siteForm: { jsonSchema: POND_TYPE.siteForm.jsonSchema },
        visitForm: { uiSchema: POND_TYPE.visitForm.uiSchema },
      });
      const second = await call(
        'POST',
        `/api/admin/programs/${programId}/site-types`,
        admin,
        TREE_TYPE,
      );
      expect(second.statusCode).toBe(201);
      tree = second.json<SiteType>();
      expect(tree).toMatchObject({
        siteForm: null,
        visitForm: null,
        pictogramUrl: '/pictos/tree.svg',
      });
    });

    it.each([
      [
        'a step naming an unknown field',
        { steps: [{ title: 'A', fields: ['waterLevel', 'colour'] }] },
        { code: 'form.stepUnknownField', params: { step: 1, name: 'colour' } },
      ],
      [
        'a field in two steps',
        {
          steps: [
            { title: 'A', fields: ['waterLevel'] },
            { title: 'B', fields: ['waterLevel'] },
          ],
        },
        { code: 'form.fieldInTwoSteps', params: { name: 'waterLevel' } },
      ],
      [
        'a required field in no step',
        { steps: [{ title: 'A', fields: ['temperature'] }] },
        { code: 'form.requiredFieldInNoStep', params: { name: 'waterLevel' } },
      ],
      [
        'a step without fields',
        { steps: [{ title: 'A', fields: [] }] },
        {
          code: 'request.invalid',
          errors: [
            {
              field: 'visitForm.uiSchema.steps.0.fields',
              code: 'field.tooFewItems',
              params: { limit: 1 },
            },
          ],
        },
      ],
    ])('refuses a visit form with %s', async (_what, uiSchema, expected) => {
      const response = await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
        ...POND_TYPE,
        visitForm: { ...POND_TYPE.visitForm, uiSchema },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject(expected);
    });

    it('refuses an invalid JSON Schema, and anyone but admins', async () => {
      const bad = await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
        name: 'Bad',
        siteForm: { jsonSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({
        code: 'form.invalidSchema',
        errors: [{ field: 'siteForm.jsonSchema', code: 'form.invalidSchema' }],
      });
      expect(
        (await call('POST', `/api/admin/programs/${programId}/site-types`, alice, POND_TYPE))
          .statusCode,
      ).toBe(403);
      expect(
        (await call('POST', `/api/admin/programs/${programId}/site-types`, null, POND_TYPE))
          .statusCode,
      ).toBe(401);
    });

    it('serves the protocol publicly, types in their order, with the steps of the forms', async () => {
      const response = await call('GET', `/api/programs/${programId}/site-protocol`, null);
      expect(response.statusCode).toBe(200);
      const protocol = response.json<SiteProtocol>();
      expect(protocol).toMatchObject({ programId, kind: 'sites', visitsBy: 'anyone' });
      expect(protocol.siteTypes.map((t) => t.name)).toEqual(['Pond', 'Tree']);
      expect(protocol.siteTypes[0]!.visitForm!.uiSchema).toEqual({
        ...POND_TYPE.visitForm.uiSchema,
        // The order the administrator wrote the fields in (jsonb does not keep it).
        'ui:order': ['waterLevel', 'temperature', 'eggMasses', 'notes'],
      });
      expect(protocol.siteTypes[0]!.siteForm!.uiSchema).toEqual({
        'ui:order': ['surface', 'fish', 'vegetation'],
      });
    });

    it('changes and removes forms, and deletes a type only while it has no site', async () => {
      const extra = (
        await call('POST', `/api/admin/programs/${programId}/site-types`, admin, {
          name: 'Nest',
          siteForm: { jsonSchema: { type: 'object' } },
        })
      ).json<SiteType>();
      const patched = await call(
        'PATCH',
        `/api/admin/programs/${programId}/site-types/${extra.id}`,
        admin,
        {
          siteForm: null,
          visitForm: { jsonSchema: { type: 'object', properties: { eggs: { type: 'integer' } } } },
        },
      );
      expect(patched.statusCode).toBe(200);
      expect(patched.json<SiteType>()).toMatchObject({
        siteForm: null,
        visitForm: { jsonSchema: { type: 'object' } },
      });
      expect(
        (await call('DELETE', `/api/admin/programs/${programId}/site-types/${extra.id}`, admin))
          .statusCode,
      ).toBe(204);
      expect(
        (await call('DELETE', `/api/admin/programs/${programId}/site-types/${extra.id}`, admin))
          .statusCode,
      ).toBe(404);
    });
  });

  let siteId: number;

  const pondSite = (extra: object = {}) => pondSiteBody(programId, pond.id, extra);

  describe('sites', () => {
    it('creates a site with photos and validated custom data', async () => {
      const response = await postSiteWithPhoto(
        app,
        alice,
        pondSite({ photos: [{ licence: 'CC0-1.0' }] }),
      );
      expect(response.statusCode).toBe(201);
      const site = response.json<SiteDetail>();
      siteId = site.id;
      expect(response.headers.location).toBe(`/api/sites/${site.id}`);
      expect(site).toMatchObject({
        programId,
        name: 'Mare du parc',
        type: { id: pond.id, name: 'Pond' },
        location: { type: 'Point', coordinates: POND },
        customData: { surface: 120, fish: false, vegetation: ['reeds'] },
        creator: { username: 'alice' },
        visits: [],
        visitCount: 0,
        lastVisitOn: null,
        permissions: { edit: true, delete: true, addVisit: true },
      });
      expect(site.photos).toHaveLength(1);
      expect(site.photos[0]).toMatchObject({ licence: 'CC0-1.0', author: 'alice' });
      expect(mediaFiles().length).toBeGreaterThanOrEqual(3);
    });

    it.each([
      ['anonymously', null, {}, 401, 'auth.loginRequired', undefined],
      [
        'with invalid custom data',
        'alice',
        { customData: { surface: -3, colour: 'green' } },
        400,
        'form.invalidAnswers',
        'customData.colour',
      ],
      [
        'without the required answers',
        'alice',
        { customData: {} },
        400,
        'form.invalidAnswers',
        'customData.surface',
      ],
      [
        'outside the area',
        'alice',
        { location: { type: 'Point', coordinates: [2.35, 48.85] } },
        400,
        'location.outsideArea',
        'location',
      ],
      [
        'of a type of another programme',
        'alice',
        { siteTypeId: 999_999 },
        400,
        'site.unknownType',
        'siteTypeId',
      ],
      ['with a bad type id', 'alice', { siteTypeId: -1 }, 400, 'request.invalid', 'siteTypeId'],
      [
        'in an observation programme',
        'alice',
        { programId: 1 },
        409,
        'site.notSiteProgram',
        undefined,
      ],
    ])('refuses a site %s', async (_what, who, extra, status, code, field) => {
      const user = who === 'alice' ? alice : null;
      const response = await call('POST', '/api/sites', user, pondSite(extra));
      expect(response.statusCode).toBe(status);
      expect(response.json<ErrorResponse>().code).toBe(code);
      expect(response.json<ErrorResponse>().errors?.[0]?.field).toBe(field);
    });

    it('names every bad field of the site form', async () => {
      const response = await call(
        'POST',
        '/api/sites',
        alice,
        pondSite({ customData: { surface: -3, colour: 'green' } }),
      );
      expect(response.json<ErrorResponse>().errors).toEqual([
        {
          field: 'customData.colour',
          code: 'field.unknown',
          params: {},
          message: 'is not an expected field',
        },
        {
          field: 'customData.surface',
          code: 'field.tooSmall',
          params: { limit: 0 },
          message: 'must be at least 0',
        },
      ]);
      const formless = await call(
        'POST',
        '/api/sites',
        alice,
        pondSite({ siteTypeId: tree.id, customData: { a: 1 } }),
      );
      expect(formless.statusCode).toBe(400);
      expect(formless.json<ErrorResponse>()).toMatchObject({
        code: 'siteType.noSiteForm',
        errors: [{ field: 'customData', code: 'siteType.noSiteForm' }],
      });
    });

    it('lets only the creator (or an admin) edit the site; the type only while it has no visit', async () => {
      expect((await call('PATCH', `/api/sites/${siteId}`, bob, { name: 'Mine' })).statusCode).toBe(
        403,
      );
      const edited = await call('PATCH', `/api/sites/${siteId}`, alice, {
        name: 'Grande mare',
        customData: { surface: 150 },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<SiteDetail>()).toMatchObject({
        name: 'Grande mare',
        customData: { surface: 150 },
      });
      const toTree = await call('PATCH', `/api/sites/${siteId}`, alice, { siteTypeId: tree.id });
      // The tree type has no form: the pond answers no longer fit.
      expect(toTree.statusCode).toBe(400);
      const moved = await call('PATCH', `/api/sites/${siteId}`, admin, {
        location: { type: 'Point', coordinates: [3, 45] },
      });
      expect(moved.statusCode).toBe(400);
    });
  });
});
