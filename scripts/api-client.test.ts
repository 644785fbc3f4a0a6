import { describe, expect, it } from 'vitest';
import { apiClientFiles, committedApiClientFiles } from './api-client.js';

describe("the web app's API client", () => {
  it('is generated from the API as it is now', { timeout: 180_000 }, async () => {
    const expected = await apiClientFiles();
    const committed = await committedApiClientFiles(Object.keys(expected));
    for (const [file, text] of Object.entries(expected)) {
      // Not toBe: a difference would print both files whole.
      expect(committed[file] === text, `${file} is out of date: run \`npm run api:client\``).toBe(
        true,
      );
    }
  });
});
