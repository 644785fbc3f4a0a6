// Start time of the embedded mode: from launching the process to the first page served.
// Cold: an empty data folder (creates the database, loads the demo). Warm: the same folder again.
// Targets (issue "Foundation"): warm under 5 s, cold under 30 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const WARM_RUNS = 3;

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
  const s = (v) => `${v.toFixed(2)} s`;
  const lines = [
    '# Embedded start time (launch → first programme page served)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}.`,
    '',
    '| case | time | target | peak RSS |',
    '| --- | --- | --- | --- |',
    `| cold (empty data folder: create database, migrate, load demo) | ${s(cold.seconds)} | < 30 s | ${cold.rssMb ?? '?'} MB |`,
    `| warm (median of ${WARM_RUNS}: ${warm.map((w) => s(w.seconds)).join(', ')}) | ${s(median)} | < 5 s | ${warm[0].rssMb ?? '?'} MB |`,
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  writeFileSync(path.join(import.meta.dirname, 'results/start.md'), report);
  if (cold.seconds >= 30 || median >= 5) console.log('Target missed.');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
