import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import type { ProgramList } from '@citizen/shared';
import { getProgram, getProgramObservations, getSettings, listPrograms, type Fetch } from './api';

/** A fake fetch that records the URLs asked for and answers with a fixed response. */
function fakeFetch(respond: () => Response) {
  const urls: string[] = [];
  const fetch: Fetch = async (input) => {
    urls.push(String(input));
    return respond();
  };
  return { fetch, urls };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected the call to throw');
}

describe('api client', () => {
  it('asks the API for the right paths and returns the body', async () => {
    const list: ProgramList = { items: [] };
    const { fetch, urls } = fakeFetch(() => json(list));

    expect(await listPrograms(fetch, 'fr')).toEqual(list);
    await getSettings(fetch);
    await getProgram(fetch, 12, 'de');
    await getProgramObservations(fetch, 12, 'en');

    expect(urls).toEqual([
      '/api/programs?lang=fr',
      '/api/settings',
      '/api/programs/12?lang=de',
      '/api/programs/12/observations?lang=en&limit=5000',
    ]);
  });

  it("turns an error response into a SvelteKit error with the API's message", async () => {
    const { fetch } = fakeFetch(() =>
      json({ statusCode: 404, error: 'Not Found', message: 'Programme 99 not found' }, 404),
    );
    const thrown = await caught(getProgram(fetch, 99, 'en'));
    expect(isHttpError(thrown, 404)).toBe(true);
    expect(isHttpError(thrown) && thrown.body.message).toBe('Programme 99 not found');
  });

  it('falls back to a generic message when the error body is not JSON', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const thrown = await caught(getSettings(fetch));
    expect(isHttpError(thrown, 502)).toBe(true);
    expect(isHttpError(thrown) && thrown.body.message).toBe('Request failed (502 Bad Gateway)');
  });

  it('reports an unreachable API as 503', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fetch: Fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const thrown = await caught(getSettings(fetch));
    expect(isHttpError(thrown, 503)).toBe(true);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
