import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_PARTS } from '../index.js';
import { adminEn } from './admin.en.js';
import { en } from './en.js';
import { errorsEn } from './errors.en.js';
import { offlineMoreEn } from './offline-more.en.js';
import { programmeMoreEn } from './programme-more.en.js';
import { programmeEn } from './programme.en.js';
import { closureOf, keysUsedBy } from './route-keys.js';
import { shellEn } from './shell.en.js';

const PART_KEYS: Record<string, string[]> = {
  shell: Object.keys(shellEn),
  programme: Object.keys(programmeEn),
  site: Object.keys(en),
  admin: Object.keys(adminEn),
};
const ALL_KEYS = [...Object.keys(en), ...Object.keys(adminEn)];
/**
 * Texts that the components showing them download first (loadTextsOnDemand): the API's errors
 * (asked for by code with errorText, which says the API's English message for a text not here
 * yet; those of the errors the pages' loads can end in come with the pages, load-errors.*.ts),
 * the offline lists' and forms', the programme pages' beyond their first view.
 */
const ON_DEMAND = new Set([
  ...Object.keys(errorsEn),
  ...Object.keys(offlineMoreEn),
  ...Object.keys(programmeMoreEn),
]);

/** A route's own files and those of its layouts and error pages, from the root down. */
function routeFiles(routeId: string): string[] {
  const segments = routeId.split('/').filter(Boolean);
  const dirs = segments.map((_, i) => path.join('routes', ...segments.slice(0, i + 1)));
  const names = ['+layout.svelte', '+layout.ts', '+error.svelte'];
  const src = path.resolve(import.meta.dirname, '../../..');
  return [
    ...['routes', ...dirs].flatMap((dir) => names.map((name) => path.join(dir, name))),
    ...['+page.svelte', '+page.ts'].map((name) => path.join(...['routes', ...segments], name)),
  ].filter((file) => existsSync(path.join(src, file)));
}

describe('the pages that download part of the catalogue (PAGE_PARTS)', () => {
  for (const [routeId, parts] of Object.entries(PAGE_PARTS)) {
    it(`${routeId} uses only the keys of ${parts.join(' + ')}`, () => {
      const files = routeFiles(routeId);
      expect(files).toContain(
        path.join('routes', ...routeId.split('/').filter(Boolean), '+page.svelte'),
      );
      const loaded = new Set(parts.flatMap((part) => PART_KEYS[part]!));
      const missing = keysUsedBy(closureOf(files), ALL_KEYS).filter(
        (key) => !loaded.has(key) && !ON_DEMAND.has(key),
      );
      expect(missing).toEqual([]);
    });
  }
});
