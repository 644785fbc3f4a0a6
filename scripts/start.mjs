// `npm start`: builds Citizen when the build is missing or older than the sources, then runs
// the whole platform (API + web app) in this process.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const at = (...parts) => path.join(root, ...parts);

const sources = [
  at('packages/shared/src'),
  at('apps/api/src'),
  at('apps/web/src'),
  at('apps/web/svelte.config.js'),
  at('apps/web/vite.config.ts'),
];
const outputs = [
  at('packages/shared/dist/index.js'),
  at('apps/api/dist/main.js'),
  at('apps/web/build-node/handler.js'),
];

function newest(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(target).map((name) => newest(path.join(target, name))),
  );
}

const missing = outputs.some((file) => !existsSync(file));
const stale =
  !missing &&
  Math.max(...sources.map(newest)) > Math.min(...outputs.map((f) => statSync(f).mtimeMs));
if (missing || stale) {
  console.log(missing ? 'Building Citizen (first start)...' : 'Sources changed: rebuilding...');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}

await import(at('apps/api/dist/main.js'));
