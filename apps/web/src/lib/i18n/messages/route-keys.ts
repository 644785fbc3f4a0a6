// For the catalogue tests: which texts a page's code can ask for, read from its source files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '../../..');

/** The file an import names, if it is one of the app's own sources. */
function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('$lib/')) base = path.join(SRC, 'lib', specifier.slice(5));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return undefined;
  const stem = base.replace(/\.js$/, '');
  return [base, `${stem}.ts`, `${stem}/index.ts`].find(
    (file) => existsSync(file) && statSync(file).isFile(),
  );
}

/** Every source file the entries import, statically or not, entries included. */
export function closureOf(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const target = resolveImport(file, specifier!);
      if (target) visit(target);
    }
  };
  entries.forEach((entry) => visit(path.join(SRC, entry)));
  return [...seen];
}

/** The keys of `keys` that the files name: 'a.b' as such, or `a.${x}` by their prefix. */
export function keysUsedBy(files: readonly string[], keys: readonly string[]): string[] {
  const used = new Set<string>();
  for (const file of files.filter((f) => !f.includes('/lib/i18n/messages/'))) {
    const code = readFileSync(file, 'utf8');
    const prefixes = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((match) => match[1]!);
    for (const key of keys) {
      if (
        code.includes(`'${key}'`) ||
        code.includes(`"${key}"`) ||
        code.includes(`\`${key}\``) ||
        prefixes.some((prefix) => key.startsWith(prefix))
      ) {
        used.add(key);
      }
    }
  }
  return [...used];
}
