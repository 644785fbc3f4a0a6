import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBadgeRule, ErrorResponse } from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import { jpegWithGps, multipart } from '../images.js';
import type { Call, SignedIn } from '../sites/helpers.js';
import { badgesApp, type BadgesApp } from './helpers.js';

/** The badge rules in the back office; badges.int.test.ts awards them. */
describeWithDemo('badges', (database) => {
  let app: App;
  let call: Call;
  let rule: BadgesApp['rule'];
  let admin: SignedIn;
  let dana: SignedIn;

  beforeAll(async () => {
    ({ app, call, rule, admin, dana } = await badgesApp(database()));
  });
  afterAll(() => app?.close());

  describe('rules', () => {
    it.each([
      [{ kind: 'program_observations', threshold: 3 }, 'badge.programRequired', 'programId', {}],
      [
        { kind: 'total_observations', threshold: 3, programId: 1 },
        'badge.programNotAllowed',
        'programId',
        { kind: 'total_observations' },
      ],
      [
        { kind: 'taxon_species', threshold: 3, taxonRank: 'order' },
        'badge.taxonRequired',
        'taxonName',
        {},
      ],
      [
        { kind: 'total_observations', threshold: 3, taxonRank: 'order', taxonName: 'X' },
        'badge.taxonNotAllowed',
        'taxonRank',
        {},
      ],
      [{ kind: 'total_observations', threshold: 0 }, 'badge.thresholdTooLow', 'threshold', {}],
      [
        { kind: 'program_observations', threshold: 1, programId: 999_999 },
        'badge.unknownProgram',
        'programId',
        { id: 999_999 },
      ],
      [
        { kind: 'seniority', threshold: 1, pictureUrl: 'ftp://x' },
        'field.pattern',
        'pictureUrl',
        {},
      ],
      [{ kind: 'seniority', threshold: 1, name: {} }, 'field.tooFewEntries', 'name', { limit: 1 }],
    ])('refuses %j', async (input, code, field, params) => {
      const response = await call('POST', '/api/admin/badges/rules', admin, {
        name: { en: 'X' },
        ...input,
      });
      expect(response.statusCode).toBe(400);
      // The first problem of the field (a union also lists its other branches').
      expect(response.json<ErrorResponse>().errors?.[0]).toEqual(
        expect.objectContaining({ field, code, params }),
      );
    });

    it("tells the admin that badges are on, and suggests the taxonomy's groups for a taxonomic rule", async () => {
      const rules = await call('GET', '/api/admin/badges/rules', admin);
      expect(rules.json<{ enabled: boolean }>().enabled).toBe(true);
      const groups = await call('GET', '/api/admin/badges/taxon-groups?rank=family&q=turd', admin);
      expect(groups.statusCode, groups.body).toBe(200);
      const items = groups.json<{ items: { name: string; species: number }[] }>().items;
      expect(items.map((g) => g.name)).toEqual(['Turdidae']);
      expect(items[0]!.species).toBeGreaterThanOrEqual(2);
      const classes = await call('GET', '/api/admin/badges/taxon-groups?rank=class', admin);
      expect(classes.json<{ items: { name: string }[] }>().items.map((g) => g.name)).toContain(
        'Aves',
      );
      // LIKE's wildcards are taken as text.
      const wildcard = await call('GET', '/api/admin/badges/taxon-groups?rank=order&q=%25', admin);
      expect(wildcard.json<{ items: unknown[] }>().items).toEqual([]);
      expect(
        (await call('GET', '/api/admin/badges/taxon-groups?rank=genus', admin)).statusCode,
      ).toBe(400);
      expect(
        (await call('GET', '/api/admin/badges/taxon-groups?rank=class', dana)).statusCode,
      ).toBe(403);
    });

    it('keeps the rules to admins, and lists the active ones publicly', async () => {
      const input = { kind: 'seniority', threshold: 1, name: { en: 'X' } };
      expect((await call('POST', '/api/admin/badges/rules', dana, input)).statusCode).toBe(403);
      expect((await call('POST', '/api/admin/badges/rules', null, input)).statusCode).toBe(401);
      expect((await call('GET', '/api/admin/badges/rules', dana)).statusCode).toBe(403);
      const inactive = await rule({
        kind: 'seniority',
        threshold: 0,
        name: { en: 'Hidden' },
        active: false,
      });
      expect(
        (await call('GET', '/api/badges', null))
          .json<{ items: { id: number }[] }>()
          .items.map((r) => r.id),
      ).not.toContain(inactive.id);
      expect(
        (await call('DELETE', `/api/admin/badges/rules/${inactive.id}`, admin)).statusCode,
      ).toBe(204);
    });

    it('stores an uploaded picture, or a URL, in three languages', async () => {
      const created = await rule({
        kind: 'total_observations',
        threshold: 1000,
        level: 3,
        name: { fr: 'Expert', en: 'Expert', de: 'Experte' },
        description: { en: 'A thousand observations' },
        pictureUrl: 'https://example.org/expert.svg',
      });
      expect(created).toMatchObject({
        pictureUrl: 'https://example.org/expert.svg',
        level: 3,
        holders: 0,
      });
      const { payload, headers } = multipart({}, [
        {
          field: 'file',
          filename: 'b.jpg',
          type: 'image/jpeg',
          bytes: await jpegWithGps({ width: 200, height: 200 }),
        },
      ]);
      const uploaded = await app.inject({
        method: 'PUT',
        url: `/api/admin/badges/rules/${created.id}/picture`,
        payload,
        headers: { ...headers, ...admin.headers },
      });
      expect(uploaded.statusCode, uploaded.body).toBe(200);
      const withPicture = uploaded.json<AdminBadgeRule>();
      expect(withPicture.pictureUrl).toBe(`/api/media/${withPicture.pictureMediaId}/display`);
      expect((await app.inject({ method: 'GET', url: withPicture.pictureUrl! })).statusCode).toBe(
        200,
      );
      expect(
        (await call('DELETE', `/api/admin/badges/rules/${created.id}`, admin)).statusCode,
      ).toBe(204);
    });
  });
});
