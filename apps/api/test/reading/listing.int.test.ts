import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ErrorResponse,
  ObservationDetail,
  ObservationList,
  ObservationListItem,
} from '@citizen/shared';
import type { App } from '../../src/http/types.js';
import { describeWithDemo } from '../engines.js';
import {
  addSynonym,
  asUser,
  cdNomOf,
  attachPhoto,
  insertObservation,
  readingApp,
} from './helpers.js';

describeWithDemo('observation listing', { pglite: true }, (database) => {
  let app: App;
  let parusMajor: number;
  let synonym: number;
  let photographed: string;
  let anonymous: string;
  const db = () => database().db;

  beforeAll(async () => {
    app = await readingApp(database());
    parusMajor = await cdNomOf(db(), 'Parus major');
    synonym = await addSynonym(db(), 'Parus major');
    for (const day of ['2024-05-01', '2024-05-02', '2024-05-03']) {
      await insertObservation(db(), {
        programId: 1,
        cdNom: synonym,
        lon: 4.852,
        lat: 45.777,
        observedOn: day,
        observerName: 'Guest',
      });
    }
    photographed = (
      await db()
        .selectFrom('observations')
        .select('id')
        .where('program_id', '=', 1)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    await attachPhoto(db(), photographed);
    await attachPhoto(db(), photographed, 'Second Author');
    anonymous = await insertObservation(db(), {
      programId: 1,
      cdNom: parusMajor,
      lon: 4.853,
      lat: 45.778,
      observedOn: '2020-01-01',
      observerName: 'someone@example.org',
      comment: 'seen by the lake',
      customData: { weather: 'sunny' },
    });
  });
  afterAll(() => app?.close());

  const get = async <T>(url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
  };

  /** Every page of a listing, following nextCursor. */
  async function walk(query: string, headers: Record<string, string> = {}) {
    const items: ObservationListItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/observations?${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const { status, body } = await get<ObservationList>(url, headers);
      expect(status, url).toBe(200);
      items.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return items;
  }

  const totalObservations = async () =>
    (
      await db()
        .selectFrom('observations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('returns the newest observations first, 50 by default, with a cursor to the next page', async () => {
    const { status, body } = await get<ObservationList>('/api/observations');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(50);
    expect(body.nextCursor).toEqual(expect.any(String));
    const dates = body.items.map((i) => i.observedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const item = body.items[0]!;
    expect(item.location.type).toBe('Point');
    expect(item.program.slug).toMatch(/tete-dor|chartreuse/);
    expect(item.taxon.name).toEqual(expect.any(String));
    expect(item.observer).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/@example\.org|contact_email|email/);
  });

  it('walks every observation exactly once, in each sort order', async () => {
    const total = await totalObservations();
    for (const sort of ['date_desc', 'date_asc', 'created_desc']) {
      const items = await walk(`sort=${sort}&limit=97`);
      const ids = items.map((i) => i.id);
      expect(new Set(ids).size, sort).toBe(ids.length);
      expect(ids.length, sort).toBe(total);
      if (sort !== 'created_desc') {
        const dates = items.map((i) => i.observedOn);
        const sorted = [...dates].sort();
        expect(dates).toEqual(sort === 'date_asc' ? sorted : sorted.reverse());
      } else {
        const created = items.map((i) => i.createdAt);
        expect(created).toEqual([...created].sort().reverse());
      }
    }
  });

  it('puts the latest recorded first among the observations of one day, page after page', async () => {
    const day = '2031-07-14';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await insertObservation(db(), {
          programId: 1,
          cdNom: parusMajor,
          lon: 4.852,
          lat: 45.777,
          observedOn: day,
        }),
      );
    }
    // Recording times that run against the ids' order, so that the id cannot be what sorts
    // them; the last two recorded in one transaction (an import), so they share theirs.
    const byId = [...ids].sort();
    const times = ['08:00:00.000001', '08:00:00.000002', '09:30:00', '10:00:00', '10:00:00'];
    for (const [i, id] of byId.entries()) {
      await sql`update observations set created_at = ${`${day} ${times[i]}+00`}::timestamptz
        where id = ${id}::uuid`.execute(db());
    }
    const newestFirst = [byId[3]!, byId[4]!, byId[2]!, byId[1]!, byId[0]!];

    const first = await get<ObservationList>('/api/observations?program=1&limit=1');
    expect(first.body.items[0]!.id).toBe(newestFirst[0]);
    for (const limit of [1, 2, 3, 50]) {
      const sameDay = (await walk(`program=1&from=${day}&to=${day}&limit=${limit}`)).map(
        (i) => i.id,
      );
      expect(sameDay, `limit=${limit}`).toEqual(newestFirst);
      const oldestFirst = (
        await walk(`program=1&from=${day}&to=${day}&sort=date_asc&limit=${limit}`)
      ).map((i) => i.id);
      expect(oldestFirst, `date_asc, limit=${limit}`).toEqual([...newestFirst].reverse());
    }
    // Over a wider range too.
    const all = (await walk('program=1&limit=2&from=2031-01-01')).map((i) => i.id);
    expect(all).toEqual(newestFirst);
    await sql`delete from observations where id in (${sql.join(ids.map((id) => sql`${id}::uuid`))})`.execute(
      db(),
    );
  });

  it('names taxa in the asked language, else in the default locale', async () => {
    const de = await get<ObservationList>(`/api/observations?taxon=${parusMajor}&lang=de&limit=5`);
    expect(de.body.items[0]!.taxon.name).toBe('Kohlmeise');
    const fr = await get<ObservationList>(`/api/observations?taxon=${parusMajor}&limit=5`);
    expect(fr.body.items[0]!.taxon.name).toBe('Mésange charbonnière');
  });

  it('filters by programme, taxon with its synonyms, dates, statuses, observer and photos', async () => {
    const program = await walk('program=2&limit=200');
    expect(program.length).toBe(180);
    expect(program.every((i) => i.program.id === 2)).toBe(true);

    const byAccepted = await walk(`taxon=${parusMajor}&limit=200`);
    const bySynonym = await walk(`taxon=${synonym}&limit=200`);
    expect(byAccepted.map((i) => i.id).sort()).toEqual(bySynonym.map((i) => i.id).sort());
    expect(byAccepted.filter((i) => i.taxon.cdNom === synonym)).toHaveLength(3);
    expect(byAccepted.every((i) => i.taxon.cdRef === parusMajor)).toBe(true);

    const dated = await walk('from=2024-05-01&to=2024-05-03&limit=200');
    expect(dated.length).toBeGreaterThanOrEqual(3);
    expect(dated.every((i) => i.observedOn >= '2024-05-01' && i.observedOn <= '2024-05-03')).toBe(
      true,
    );

    const statuses = await walk('status=certain,probable&limit=200');
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses.map((i) => i.validationStatus))).toEqual(
      new Set(['certain', 'probable']),
    );

    const camille = await db()
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', 'camille')
      .executeTakeFirstOrThrow();
    const mine = await walk(`observer=${camille.id}&limit=200`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.observer === camille.display_name)).toBe(true);

    const withPhotos = await walk('hasPhoto=true');
    expect(withPhotos.map((i) => i.id)).toEqual([photographed]);
    expect(withPhotos[0]!.photos).toHaveLength(2);
    expect(withPhotos[0]!.photos[0]!.thumbUrl).toBe(
      `/api/media/${withPhotos[0]!.photos[0]!.id}/thumb`,
    );
    expect(withPhotos[0]!.photos.map((p) => p.author)).toEqual(['Ann Author', 'Second Author']);
    const without = await walk('hasPhoto=false&limit=200');
    expect(without.length).toBe((await totalObservations()) - 1);

    const combined = await walk(`program=1&taxon=${parusMajor}&status=pending&from=2024-01-01`);
    expect(combined.every((i) => i.program.id === 1 && i.validationStatus === 'pending')).toBe(
      true,
    );
  });

  it('filters by bounding box and by area', async () => {
    const box = '4.8515,45.7765,4.8535,45.7785';
    const inBox = await walk(`bbox=${box}&limit=200`);
    expect(inBox.length).toBeGreaterThanOrEqual(4);
    for (const item of inBox) {
      const [lon, lat] = item.location.coordinates as [number, number];
      expect(lon).toBeGreaterThanOrEqual(4.8515);
      expect(lon).toBeLessThanOrEqual(4.8535);
      expect(lat).toBeGreaterThanOrEqual(45.7765);
      expect(lat).toBeLessThanOrEqual(45.7785);
    }
    const { rows } = await sql<{ id: number }>`
      insert into areas (kind, code, name, geom)
      values ('test_zone', 'Z1', 'Test zone', ST_Multi(ST_MakeEnvelope(4.8515, 45.7765, 4.8535, 45.7785, 4326)))
      returning id`.execute(db());
    const inArea = await walk(`area=${rows[0]!.id}&limit=200`);
    expect(inArea.map((i) => i.id).sort()).toEqual(inBox.map((i) => i.id).sort());
  });

  it('locates sensitive taxa at their grid cell for the public, exactly for the observer and experts', async () => {
    const { rows } = await sql<{
      id: string;
      observer_id: number;
      x: number;
      y: number;
      px: number;
      py: number;
    }>`
      select o.id, o.observer_id, ST_X(o.geom) as x, ST_Y(o.geom) as y,
        ST_X(public_point(o.geom, o.sensitivity)) as px, ST_Y(public_point(o.geom, o.sensitivity)) as py
      from observations o
      where o.sensitivity = 3 and o.observer_id is not null limit 1`.execute(db());
    const sensitive = rows[0]!;
    const find = async (headers: Record<string, string> = {}) => {
      const { body } = await get<ObservationDetail>(`/api/observations/${sensitive.id}`, headers);
      return body;
    };
    const publicView = await find();
    expect(publicView.blurred).toBe(true);
    expect(publicView.location.coordinates[0]).toBeCloseTo(sensitive.px, 5);
    expect(publicView.location.coordinates[1]).toBeCloseTo(sensitive.py, 5);
    expect(Math.abs(publicView.location.coordinates[0]! - sensitive.x)).toBeGreaterThan(1e-6);
    expect(publicView.coordinateUncertaintyM).toBeGreaterThanOrEqual(7072);
    expect(publicView.municipality).toBeNull();

    const owner = { id: sensitive.observer_id, username: 'owner', role: 'observer' as const };
    const other = { id: 999_999, username: 'other', role: 'observer' as const };
    const validator = { id: 999_998, username: 'val', role: 'validator' as const };
    for (const [user, exact] of [
      [owner, true],
      [validator, true],
      [other, false],
    ] as const) {
      const view = await find(asUser(user));
      expect(view.blurred, user.username).toBe(!exact);
      expect(view.location.coordinates[0], user.username).toBeCloseTo(
        exact ? sensitive.x : sensitive.px,
        5,
      );
    }

    // In the list too, and a bounding box around the exact point finds it only for those who may see it.
    const d = 0.0005;
    const box = `${sensitive.x - d},${sensitive.y - d},${sensitive.x + d},${sensitive.y + d}`;
    const listed = async (headers: Record<string, string> = {}) =>
      (await walk(`bbox=${box}`, headers)).map((i) => i.id);
    expect(await listed()).not.toContain(sensitive.id);
    expect(await listed(asUser(other))).not.toContain(sensitive.id);
    expect(await listed(asUser(owner))).toContain(sensitive.id);
    expect(await listed(asUser(validator))).toContain(sensitive.id);
    const cell = `${sensitive.px - d},${sensitive.py - d},${sensitive.px + d},${sensitive.py + d}`;
    const atCell = await walk(`bbox=${cell}`);
    expect(atCell.map((i) => i.id)).toContain(sensitive.id);
    expect(atCell.find((i) => i.id === sensitive.id)!.blurred).toBe(true);
  });

  it('shows one observation with its comment and custom answers, and no e-mail address', async () => {
    const { status, body } = await get<ObservationDetail>(`/api/observations/${anonymous}?lang=en`);
    expect(status).toBe(200);
    expect(body.comment).toBe('seen by the lake');
    expect(body.customData).toEqual({ weather: 'sunny' });
    expect(body.taxon.name).toBe('Great Tit');
    expect(body.taxonDetails.family).toBe('Paridae');
    expect(body.observer).toBeNull();
    expect(JSON.stringify(body)).not.toContain('example.org');
  });

  it('hides the observations of an inactive programme from the public, not from admins', async () => {
    await sql`update programs set is_active = false where id = 2`.execute(db());
    try {
      const { rows } = await sql<{
        id: string;
      }>`select id from observations where program_id = 2 limit 1`.execute(db());
      const id = rows[0]!.id;
      expect((await get(`/api/observations/${id}`)).status).toBe(404);
      expect((await get('/api/observations?program=2')).status).toBe(404);
      const all = await walk('limit=200');
      expect(all.some((i) => i.program.id === 2)).toBe(false);
      const admin = asUser({ id: 1, username: 'admin', role: 'admin' });
      expect((await get(`/api/observations/${id}`, admin)).status).toBe(200);
      expect((await get('/api/observations?program=2', admin)).status).toBe(200);
    } finally {
      await sql`update programs set is_active = true where id = 2`.execute(db());
    }
  });

  it('shows hidden and, where the programme asks, unvalidated observations only to their observer and experts', async () => {
    const { rows } = await sql<{ id: string; observer_id: number }>`
      select id, observer_id from observations
      where program_id = 1 and observer_id is not null order by id limit 1`.execute(db());
    const hidden = rows[0]!;
    const owner = asUser({ id: hidden.observer_id, username: 'owner', role: 'observer' });
    const admin = asUser({ id: 1, username: 'admin', role: 'admin' });
    const ids = async (query: string, headers: Record<string, string> = {}) =>
      new Set((await walk(query, headers)).map((i) => i.id));
    await sql`update observations set hidden_at = now(), hidden_reason = 'spam' where id = ${hidden.id}::uuid`.execute(
      db(),
    );
    try {
      expect((await get(`/api/observations/${hidden.id}`)).status).toBe(404);
      expect((await get(`/api/observations/${hidden.id}`, owner)).status).toBe(200);
      expect((await get(`/api/observations/${hidden.id}`, admin)).status).toBe(200);
      expect((await ids('program=1&limit=200')).has(hidden.id)).toBe(false);
      expect((await ids('program=1&limit=200', owner)).has(hidden.id)).toBe(true);
    } finally {
      await sql`update observations set hidden_at = null, hidden_reason = null where id = ${hidden.id}::uuid`.execute(
        db(),
      );
    }
    expect((await ids('program=1&limit=200')).has(hidden.id)).toBe(true);

    await sql`update programs set public_validated_only = true where id = 2`.execute(db());
    try {
      const shown = await walk('program=2&limit=200');
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((i) => ['certain', 'probable'].includes(i.validationStatus))).toBe(true);
      expect((await walk('program=2&limit=200', admin)).length).toBe(180);
    } finally {
      await sql`update programs set public_validated_only = false where id = 2`.execute(db());
    }
    expect((await walk('program=2&limit=200')).length).toBe(180);
  });

  it('answers 400 for bad parameters and 404 for what does not exist', async () => {
    // The code of the answer and the field it names.
    const cases: [string, number, string, string | undefined][] = [
      ['bbox=1,2,3', 400, 'filter.bboxFormat', 'bbox'],
      ['bbox=a,b,c,d', 400, 'filter.bboxFormat', 'bbox'],
      ['bbox=5,45,4,46', 400, 'filter.bboxOrder', 'bbox'],
      ['bbox=4,46,5,45', 400, 'filter.bboxOrder', 'bbox'],
      ['bbox=-200,45,5,46', 400, 'filter.bboxRange', 'bbox'],
      ['cursor=garbage', 400, 'filter.cursorInvalid', 'cursor'],
      [
        `cursor=${Buffer.from('["d","2024-01-01","nope"]').toString('base64url')}`,
        400,
        'filter.cursorInvalid',
        'cursor',
      ],
      [
        `cursor=${Buffer.from('["a","2024-01-01","2024-01-01T10:00:00.000000Z","00000000-0000-0000-0000-000000000000"]').toString('base64url')}`,
        400,
        'filter.cursorOtherSort',
        'cursor',
      ],
      [
        `cursor=${Buffer.from('["d","2024-13-45","2024-01-01T10:00:00.000000Z","00000000-0000-0000-0000-000000000000"]').toString('base64url')}`,
        400,
        'filter.cursorInvalid',
        'cursor',
      ],
      ['limit=201', 400, 'request.invalid', 'limit'],
      ['limit=0', 400, 'request.invalid', 'limit'],
      ['sort=random', 400, 'request.invalid', 'sort'],
      ['from=2024-02-01&to=2024-01-01', 400, 'filter.fromAfterTo', 'from'],
      ['from=yesterday', 400, 'request.invalid', 'from'],
      ['status=pending,unknown', 400, 'request.invalid', 'status'],
      ['taxon=123456789', 400, 'filter.unknownTaxon', 'taxon'],
      ['area=999999', 400, 'filter.unknownArea', 'area'],
      ['program=999', 404, 'program.notActive', undefined],
    ];
    for (const [query, status, code, field] of cases) {
      const response = await get<ErrorResponse>(`/api/observations?${query}`);
      expect(response.status, query).toBe(status);
      expect(response.body.code, query).toBe(code);
      expect(response.body.errors?.[0]?.field, query).toBe(field);
    }
    expect((await get('/api/observations/not-a-uuid')).status).toBe(400);
    expect((await get('/api/observations/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  describe('keyset pagination under concurrent inserts', () => {
    it('visits every row that existed at the start exactly once', async () => {
      const before = new Set(
        (
          await db().selectFrom('observations').select('id').where('program_id', '=', 1).execute()
        ).map((r) => r.id),
      );
      for (const sort of ['date_desc', 'date_asc', 'created_desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let page = 0;
        do {
          const url: string = `/api/observations?program=1&sort=${sort}&limit=40${cursor ? `&cursor=${cursor}` : ''}`;
          // Each page, a writer adds observations dated before, at and after the page's dates.
          const [response] = await Promise.all([
            get<ObservationList>(url),
            ...['2019-01-01', '2023-06-15', '2030-01-01'].map((day) =>
              insertObservation(db(), {
                programId: 1,
                cdNom: parusMajor,
                lon: 4.85,
                lat: 45.775,
                observedOn: day,
              }),
            ),
          ]);
          expect(response.status).toBe(200);
          seen.push(...response.body.items.map((i) => i.id));
          cursor = response.body.nextCursor;
          page++;
        } while (cursor && page < 200);
        expect(new Set(seen).size, sort).toBe(seen.length);
        for (const id of before) expect(seen, sort).toContain(id);
      }
    });
  });
});
