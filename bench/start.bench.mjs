// Start time of the embedded mode: from launching the process to the first page served.
// Cold: an empty data folder (creates the database, loads the demo). Warm: the same folder again.
// Targets (issue "Foundation"): warm under 5 s, cold under 30 s.
// BENCH_LABEL names this run's column in results/start.md (default "now"; the same label
// replaces its column), BENCH_NOTE what the report should say about it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './citizen-servers.mjs';

const root = path.resolve(import.meta.dirname, '..');
const WARM_RUNS = 3;
const LABEL = process.env.BENCH_LABEL ?? 'now';
const resultsFile = path.join(import.meta.dirname, 'results/start.json');

function peakRssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return line ? Math.round(Number(line[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function timeToFirstPage(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Citizen exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/programs/1`);
        if (response.ok && (await response.text()).includes('<h1')) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { seconds: (performance.now() - started) / 1000, rssMb: peakRssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'citizen-bench-start-'));
try {
  const cold = await timeToFirstPage(dataDir);
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeToFirstPage(dataDir));
  const warmSorted = warm.map((w) => w.seconds).sort((a, b) => a - b);
  const median = warmSorted[Math.floor(warmSorted.length / 2)];
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
  results[LABEL] = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    node: process.version,
    cores: os.cpus().length,
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
    cold,
    warm,
    median,
    ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const labels = Object.keys(results);
  const s = (v) => `${v.toFixed(2)} s`;
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const lines = [
    '# Embedded start time (launch → first programme page served)',
    '',
    'By `npm run bench -- start`; each column is one run (BENCH_LABEL) on a shared 2-core machine, whose load ' +
      'average (1 / 5 / 15 min, at the end of the run) is given: other work running meanwhile slows every figure.',
    '',
    ...labels.filter((l) => results[l].note).map((l) => `- ${l}: ${results[l].note}`),
    ...(labels.some((l) => results[l].note) ? [''] : []),
    row(['case', 'target', ...labels]),
    row(['---', '---', ...labels.map(() => '---')]),
    row(['date (UTC), Node', '', ...labels.map((l) => `${results[l].date}, ${results[l].node}`)]),
    row(['load average', '', ...labels.map((l) => results[l].load)]),
    row([
      'cold (empty data folder: create database, migrate, load demo)',
      '< 30 s',
      ...labels.map((l) => s(results[l].cold.seconds)),
    ]),
    row([`warm, median of ${WARM_RUNS}`, '< 5 s', ...labels.map((l) => s(results[l].median))]),
    row([
      'warm runs',
      '',
      ...labels.map((l) => results[l].warm.map((w) => s(w.seconds)).join(', ')),
    ]),
    row([
      'peak RSS cold / warm',
      '',
      ...labels.map(
        (l) => `${results[l].cold.rssMb ?? '?'} / ${results[l].warm[0].rssMb ?? '?'} MB`,
      ),
    ]),
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(path.join(import.meta.dirname, 'results/start.md'), report);
  if (cold.seconds >= 30 || median >= 5) console.log('Target missed.');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
