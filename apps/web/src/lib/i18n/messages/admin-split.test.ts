import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminEn } from './admin.en.js';

const SRC = path.resolve(import.meta.dirname, '../../..');

/** The back office's code: its pages, its components, and the area drawer of its programme editor. */
const isAdminCode = (file: string) =>
  file.startsWith('routes/[lang=locale]/admin/') ||
  file.startsWith('lib/admin/') ||
  file === 'lib/map/AreaDrawer.svelte';

function sources(dir: string): string[] {
  return readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return file === 'lib/i18n' ? [] : sources(file);
    return /\.(svelte|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
  });
}

describe('the back office texts (admin.<lang>.ts, downloaded by the admin pages only)', () => {
  it('are used by the back office code only', () => {
    const adminKeys = Object.keys(adminEn);
    const misplaced: string[] = [];
    for (const file of sources('').filter((f) => !isAdminCode(f))) {
      const code = readFileSync(path.join(SRC, file), 'utf8');
      for (const key of adminKeys) {
        if (code.includes(`'${key}'`) || code.includes(`"${key}"`) || code.includes(`\`${key}`)) {
          misplaced.push(`${file}: ${key}`);
        }
      }
      // Keys built at run time: `prefix.${name}`.
      for (const [, prefix] of code.matchAll(/`([\w.]+\.)\$\{/g)) {
        if (adminKeys.some((key) => key.startsWith(prefix!))) misplaced.push(`${file}: ${prefix}*`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('are with code that no other page imports', () => {
    const importers = sources('')
      .filter((file) => !isAdminCode(file))
      .filter((file) =>
        /from '\$lib\/(admin\/|map\/AreaDrawer)/.test(readFileSync(path.join(SRC, file), 'utf8')),
      );
    expect(importers).toEqual([]);
  });
});
