// The report of observations.bench.mjs: its figures as bench/results/observations.md, with the
// targets they are held to.
import os from 'node:os';

export const TILE_TARGET_MS = 50;
export const LIST_TARGET_MS = 30;
export const REQUESTS_PER_CASE = 60;
export const FIRST_BUILD_REQUESTS = 40;

export const ms = (v) => `${v.toFixed(1)} ms`;
const row = (cells) => `| ${cells.join(' | ')} |`;

/** The Markdown report of a run, from what observations.bench.mjs measured. */
export function observationsReport({
  results,
  firstBuildFilters,
  sizes,
  generation,
  loadAtStart,
  memory,
  exports: { csv, geojson, dwca, slow },
}) {
  const tileMiss = results.tiles.filter((t) => t.p95 >= TILE_TARGET_MS);
  const firstBuildMiss = results.firstBuilds.filter((t) => t.p95 >= TILE_TARGET_MS);
  const firstBuildTable = (who) => {
    const names = firstBuildFilters.map(([name]) => name);
    const zooms = [5, 6, 7, 8, 9, 10, 11, 12];
    const p95 = (name, z) =>
      results.firstBuilds.find((t) => t.who === who && t.name === name && t.z === z).p95;
    return [
      row(['filter', ...zooms.map((z) => `z${z}`)]),
      row(['---', ...zooms.map(() => '---')]),
      ...names.map((name) => row([name, ...zooms.map((z) => ms(p95(name, z)))])),
    ];
  };
  const listMiss = results.list.filter((t) => t.p95 >= LIST_TARGET_MS);
  const lines = [
    '# Reading observations back: tiles, list, exports on 1,000,000 observations',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ` +
      `Node ${process.version}, PostgreSQL ${sizes.postgres}, by \`npm run bench observations\`. ` +
      `Load average at the start ${loadAtStart}, at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} ` +
      '(the machine is shared: other work running meanwhile slows every figure).',
    '',
    `Data (bench/generate-observations.mjs): ${sizes.observations.toLocaleString('en')} observations in four programmes ` +
      `(40/25/20/15 %), ~2000 taxa (Zipf-like, 2.5 % sensitive: ${sizes.blurred.toLocaleString('en')} blurred points), ` +
      `5000 observers, 70 % of points around 25 hotspots per programme, 10 % with a photo, ${sizes.hidden.toLocaleString('en')} not public. ` +
      `Database ${sizes.db}; observation_cells ${sizes.cell_rows.toLocaleString('en')} rows, ${sizes.cells}.` +
      (generation ? ` Generated in ${generation.seconds} s.` : ''),
    '',
    'The server (apps/api/dist/main.js, pool of 10 connections) runs as a child process; one client sends ' +
      `one request at a time over keep-alive HTTP and times it to the last byte, ${REQUESTS_PER_CASE} requests per case, ` +
      'as the public (no account). Tiles are distinct (no cache) where the zoom has that many; at low zoom the same ' +
      'few tiles are asked again (each computed anew: there is no server-side tile cache).',
    '',
    `## Vector tiles (target: p95 < ${TILE_TARGET_MS} ms at every zoom)`,
    '',
    row(['zoom', 'distinct tiles', 'p50', 'p95', 'max', 'avg size', 'answers']),
    row(['---', '---', '---', '---', '---', '---', '---']),
    ...results.tiles.map((t) =>
      row([
        `z${t.z}`,
        t.distinct,
        ms(t.p50),
        `**${ms(t.p95)}**`,
        ms(t.max),
        `${t.avgKb.toFixed(1)} kB`,
        t.statuses,
      ]),
    ),
    '',
    `Revalidation (If-None-Match, z12): p50 ${ms(results.revalidation.p50)}, p95 ${ms(results.revalidation.p95)} (304).`,
    '',
    'With filters (cells are then counted on the fly instead of read from observation_cells):',
    '',
    row(['filter', 'zoom', 'p50', 'p95', 'max', 'avg size']),
    row(['---', '---', '---', '---', '---', '---']),
    ...results.tileFilters.map((t) =>
      row([t.name, `z${t.z}`, ms(t.p50), ms(t.p95), ms(t.max), `${t.avgKb.toFixed(1)} kB`]),
    ),
    '',
    `First builds (a new data version before each request, so no tile comes from the cache), p95 of ${FIRST_BUILD_REQUESTS} requests, as the public:`,
    '',
    ...firstBuildTable('public'),
    '',
    'As a validator (bearer token of an administrator: every observation at its exact point):',
    '',
    ...firstBuildTable('validator'),
    '',
    `## Observation list (target: p95 < ${LIST_TARGET_MS} ms; 50 items a page unless said)`,
    '',
    row(['case', 'p50', 'p95', 'max', 'avg size']),
    row(['---', '---', '---', '---', '---']),
    ...results.list.map((t) =>
      row([t.name, ms(t.p50), `**${ms(t.p95)}**`, ms(t.max), `${t.avgKb.toFixed(1)} kB`]),
    ),
    '',
    '## Exports (streamed; server memory sampled every 50 ms)',
    '',
    row(['export', 'time', 'rows/s', 'MB/s', 'size', 'server RSS peak during']),
    row(['---', '---', '---', '---', '---', '---']),
    ...[csv, geojson, dwca].map((e) =>
      row([
        e.name,
        `${e.seconds.toFixed(1)} s`,
        Math.round(e.rows / e.seconds).toLocaleString('en'),
        (e.bytes / 1e6 / e.seconds).toFixed(1),
        `${(e.bytes / 1e6).toFixed(1)} MB`,
        `${e.peakRss.toFixed(0)} MB`,
      ]),
    ),
    row([
      slow.name,
      `${slow.seconds.toFixed(1)} s`,
      '',
      '',
      `${(slow.bytes / 1e6).toFixed(1)} MB read`,
      `${slow.peakRss.toFixed(0)} MB`,
    ]),
    '',
    `Server memory: RSS ${memory.atStart.rssMb.toFixed(0)} MB after start and warm-up, ${memory.atEnd.rssMb.toFixed(0)} MB at the end; ` +
      `peak RSS of the whole run (VmHWM) ${memory.atEnd.peakMb.toFixed(0)} MB.`,
    '',
    '## Verdict',
    '',
    tileMiss.length === 0
      ? `Tiles: every zoom under ${TILE_TARGET_MS} ms at p95.`
      : `Tiles: target missed at ${tileMiss.map((t) => `z${t.z} (${ms(t.p95)}, +${ms(t.p95 - TILE_TARGET_MS)})`).join(', ')}.`,
    firstBuildMiss.length === 0
      ? `First builds of filtered tiles, z5-z12: every case under ${TILE_TARGET_MS} ms at p95.`
      : `First builds of filtered tiles: target missed for ${firstBuildMiss.map((t) => `${t.who} ${t.name} z${t.z} (${ms(t.p95)})`).join('; ')}.`,
    listMiss.length === 0
      ? `List: every case under ${LIST_TARGET_MS} ms at p95.`
      : `List: target missed for ${listMiss.map((t) => `${t.name} (${ms(t.p95)}, +${ms(t.p95 - LIST_TARGET_MS)})`).join('; ')}.`,
    '',
  ];
  return lines.join('\n');
}
