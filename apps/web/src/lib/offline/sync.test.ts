import 'fake-indexeddb/auto';
import type { SavedObservation, TaxonHit } from '@citizen/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { offlineDb } from './db';
import { enqueue, listQueued, replaceQueued, type NewQueuedObservation } from './queue';
import { sendQueue, type SyncTransport } from './sync';

const blackbird: TaxonHit = {
  cdNom: 4117,
  cdRef: 4117,
  scientificName: 'Turdus merula',
  vernacularName: 'Common Blackbird',
  authority: null,
  rank: 'ES',
  family: null,
  observerGroup: null,
  pictureUrl: null,
  thumbnailUrl: null,
  matchedName: null,
};

function observation(count: number, userId: number | null = 7): NewQueuedObservation {
  return {
    programId: 1,
    programTitle: 'Birds of the park',
    userId,
    body: {
      programId: 1,
      cdNom: blackbird.cdNom,
      observedOn: '2026-05-14',
      observedTime: null,
      count,
      comment: null,
      location: { type: 'Point', coordinates: [4.85, 45.77] },
      coordinateUncertaintyM: 12,
      customData: {},
      obscured: false,
    },
    taxon: blackbird,
    photos: [],
  };
}

/** A stand-in API: answers from a script, remembers the Idempotency-Keys it received. */
function server(answers: ((o: { key: string; count: number }) => void)[], me: number | null = 7) {
  const sent: { key: string; count: number }[] = [];
  const transport: SyncTransport = {
    send(queued) {
      const call = { key: queued.key, count: queued.body.count ?? 1 };
      sent.push(call);
      (answers.shift() ?? (() => {}))(call);
      return Promise.resolve({ id: `obs-${sent.length}` } as SavedObservation);
    },
    whoAmI: () => Promise.resolve(me),
  };
  return { transport, sent };
}

const refuse = (status: number, code: string) => () => {
  throw new ApiError(status, 'refused', [], code, { id: 1 });
};

beforeEach(async () => {
  await (await offlineDb()).clear('queue');
});

describe('sending the queue', () => {
  it('sends in the order recorded, each with its own key, and empties the queue', async () => {
    const first = await enqueue(observation(1));
    const second = await enqueue(observation(2));
    const { transport, sent } = server([]);
    const progress: number[] = [];
    const outcome = await sendQueue(transport, ({ done }) => progress.push(done));
    expect(outcome).toEqual({ sent: 2, refused: 0, stopped: null });
    expect(sent).toEqual([
      { key: first.key, count: 1 },
      { key: second.key, count: 2 },
    ]);
    expect(first.key).not.toBe(second.key);
    expect(progress).toEqual([0, 1, 2]);
    await expect(listQueued()).resolves.toEqual([]);
  });

  it('keeps a refused one with its reason and goes on with the next', async () => {
    await enqueue(observation(1));
    await enqueue(observation(2));
    const { transport } = server([refuse(409, 'observation.programClosed')]);
    const outcome = await sendQueue(transport);
    expect(outcome).toEqual({ sent: 1, refused: 1, stopped: null });
    const [left] = await listQueued();
    expect(left?.status).toBe('refused');
    expect(left?.refusal).toMatchObject({ status: 409, code: 'observation.programClosed' });
    // A refused one waits for a correction: the next run does not send it again.
    const again = server([]);
    await expect(sendQueue(again.transport)).resolves.toMatchObject({ sent: 0 });
    expect(again.sent).toEqual([]);
  });

  it('gives a corrected refusal a new key, and keeps the key of one never answered', async () => {
    const queued = await enqueue(observation(1));
    await sendQueue(server([refuse(400, 'observation.taxonNotListed')]).transport);
    const corrected = await replaceQueued(queued.key, observation(3));
    expect(corrected?.status).toBe('waiting');
    expect(corrected?.key).not.toBe(queued.key);

    const { transport, sent } = server([refuse(503, '')]);
    await expect(sendQueue(transport)).resolves.toMatchObject({ stopped: 'offline' });
    const retried = server([]);
    await sendQueue(retried.transport);
    // The same key both times: had the first reached the server, the second creates nothing.
    expect(retried.sent.map((s) => s.key)).toEqual(sent.map((s) => s.key));
  });

  it('stops on an expired session or another account, and keeps everything', async () => {
    await enqueue(observation(1));
    await enqueue(observation(2));
    await expect(sendQueue(server([refuse(401, '')]).transport)).resolves.toEqual({
      sent: 0,
      refused: 0,
      stopped: 'login',
    });
    const other = server([], 8);
    await expect(sendQueue(other.transport)).resolves.toMatchObject({ stopped: 'login' });
    expect(other.sent).toEqual([]);
    // A visitor's observation goes out whoever is signed in.
    await (await offlineDb()).clear('queue');
    await enqueue(observation(1, null));
    await expect(sendQueue(server([], null).transport)).resolves.toMatchObject({ sent: 1 });
  });

  it('stops at a server error without marking anything refused', async () => {
    await enqueue(observation(1));
    const outcome = await sendQueue(server([refuse(500, '')]).transport);
    expect(outcome).toEqual({ sent: 0, refused: 0, stopped: 'server' });
    expect((await listQueued())[0]?.status).toBe('waiting');
  });
});
