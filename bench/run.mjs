// `npm run bench`: runs every bench/*.bench.mjs (or those named on the command line) in turn.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const file of benches) {
  console.log(`\n== ${file}`);
  await import(pathToFileURL(path.join(dir, file)).href);
}
