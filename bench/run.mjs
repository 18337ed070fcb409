// npm run bench: measures the store against the IndexedDB floor in headless Chromium, for 10k and
// 100k sightings, then sync (WebRTC mesh and relay, in Node, against the raw channel), and merges
// the results into bench/results.json. See bench/README.md.
//   npm run bench -- --quick             (10k only, store and sync: BENCH_SIZES=10000 BENCH_SYNC_SIZES=10000)
//   BENCH_SIZES=10000 npm run bench      (other sizes for the store, e.g. a quick check)
//   BENCH_SYNC_SIZES=10000 npm run bench (other sizes for sync)
//   BENCH_PARTS=sync npm run bench       (one part only: store or sync)
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { serveWeb } from '../scripts/serve-web.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'out/bench');
const QUICK = process.argv.includes('--quick');
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '10000' : '10000,100000')).split(',').map(Number);
const SYNC_SIZES = (process.env.BENCH_SYNC_SIZES ?? (QUICK ? '10000' : '10000,100000')).split(',').map(Number);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'store,sync').split(','));
const BATCH = 5000; // sightings per createMany call (one Yjs transaction, one stored update)
const LAUNCH = {
  headless: true,
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
};
const MB = 1024 * 1024;
const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

let server, profile;

async function withPage(path, fn) {
  const context = await chromium.launchPersistentContext(profile, LAUNCH);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => log('page error:', e.message));
    page.on('console', (m) => m.type() === 'error' && log('console error:', m.text()));
    await page.goto(server.url + path);
    return await fn(page);
  } finally {
    await context.close();
  }
}
/**
 * JS heap in MB (performance.memory: V8 heap plus external strings and buffers), after full
 * collections asked from outside while the page is idle: a gc() called inside a step would keep
 * what the step's pending frames still reference.
 */
async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return (await page.evaluate(() => performance.memory.usedJSHeapSize)) / MB;
}
/** A fresh bench page: fn(call, heap) where call runs a step of bench/page/main.ts. */
const benchPage = (fn) =>
  withPage('bench/page/index.html', async (page) => {
    await page.waitForFunction(() => window.bench, null, { timeout: 30_000 });
    const call = (name, ...args) => page.evaluate(([n, a]) => window.bench[n](...a), [name, args]);
    return fn(call, () => heapMB(page));
  });
const step = (name, ...args) => benchPage((call) => call(name, ...args));
/** A step in a fresh page, with the heap it leaves behind. */
const stepWithHeap = (name, ...args) =>
  benchPage(async (call, heap) => {
    const before = await heap();
    const result = await call(name, ...args);
    return { ...result, heapDelta: (await heap()) - before };
  });

/** The real app, cold: opens the crisis from the list and waits for the first table row painted. */
const coldLoad = (crisisName) =>
  withPage('src-renderer/index.html', async (page) => {
    const open = page.getByRole('button', { name: `Ouvrir ${crisisName}`, exact: true });
    await open.waitFor({ timeout: 60_000 });
    const heapBefore = await heapMB(page);
    await page.evaluate(() => {
      // Main-thread tasks over 50 ms: the store keeps loading its exchange document after the first
      // row (CrisisStore.docReady), and the page does not answer the user meanwhile.
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, end: e.startTime + e.duration })))).observe({ type: 'longtask' });
      window.__firstRow = new Promise((resolve) => {
        let clickAt = 0;
        document.addEventListener('click', () => (clickAt = performance.now()), { capture: true, once: true });
        const seen = new MutationObserver(() => {
          if (!document.querySelector('[role=row][data-id]')) return;
          seen.disconnect();
          // the row is in the DOM; resolve once the next frame has been produced
          requestAnimationFrame(() => setTimeout(() => resolve({ clickAt, rowAt: performance.now() })));
        });
        seen.observe(document.body, { childList: true, subtree: true });
      });
    });
    const wall0 = Date.now();
    await open.click();
    await page.getByRole('region', { name: 'Tableau des remontées' }).locator('[role=row][data-id]').first().waitFor({ state: 'visible', timeout: 300_000 });
    const wallMs = Date.now() - wall0;
    const { clickAt, rowAt } = await page.evaluate(() => window.__firstRow);
    // Until the page has had no long task for 2 s: the background load is over.
    const busy = await page.evaluate(async ([clickAt, rowAt]) => {
      const lastEnd = () => Math.max(rowAt, ...window.__longTasks.map((t) => t.end));
      while (performance.now() - lastEnd() < 2000) await new Promise((r) => setTimeout(r, 100));
      const after = window.__longTasks.filter((t) => t.end > rowAt);
      return { quietAt: lastEnd() - clickAt, longestAfterRow: Math.max(0, ...after.map((t) => t.end - Math.max(t.start, rowAt))), blockedAfterRow: after.reduce((s, t) => s + t.end - Math.max(t.start, rowAt), 0) };
    }, [clickAt, rowAt]);
    const heapAfter = await heapMB(page);
    return { ms: rowAt - clickAt, wallMs, heapAfter, heapDelta: heapAfter - heapBefore, ...busy };
  });

const results = {};
const put = (name, raw, unit, target) => {
  const value = Number(raw.toPrecision(4));
  results[name] = target ? { value, unit, target } : { value, unit };
};
const label = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

const started = Date.now();
if (PARTS.has('store')) {
  await build({ configFile: join(ROOT, 'bench/vite.config.mts'), logLevel: 'warn' });
  await copyFile(join(ROOT, 'src-renderer/public/favicon.svg'), join(OUT, 'src-renderer/favicon.svg'));
  server = await serveWeb({ root: OUT, port: 0 });
  // A persistent profile: IndexedDB survives between launches. Every measured read gets a freshly
  // launched browser on this profile (Playwright's new contexts would each start with empty storage).
  profile = await mkdtemp(join(tmpdir(), 'vigie-bench-'));
  try {
    for (const n of SIZES) {
      const k = label(n);
      const [raw, store] = [`bench-raw-${n}`, `bench-store-${n}`];

      log(`${k}: raw Dexie bulkPut`);
      const w = await step('rawWrite', raw, n);
      put(`${k} raw bulkPut`, w.ms, 'ms');
      put(`${k} JSON bytes per row`, w.perRow, 'B');
      const toArray = await stepWithHeap('rawToArray', raw);
      put(`${k} raw toArray (cold)`, toArray.ms, 'ms');
      put(`${k} raw toArray heap`, toArray.heapDelta, 'MB');
      put(`${k} raw bulkGet (cold)`, (await step('rawBulkGet', raw)).ms, 'ms');

      log(`${k}: store createMany in batches of ${BATCH}, 500 edits`);
      const s = await step('storeCreate', store, n, BATCH);
      put(`${k} store createMany total`, s.createMs, 'ms');
      put(`${k} store createMany first batch`, s.firstBatchMs, 'ms');
      put(`${k} store createMany last batch`, s.lastBatchMs, 'ms');
      put(`${k} store edit median (first 50)`, s.editMedian, 'ms');
      put(`${k} store edit p95 (first 50)`, s.editP95, 'ms');
      put(`${k} store edit median (all 500)`, s.editMedianAll, 'ms');
      put(`${k} store edit p95 (all 500)`, s.editP95All, 'ms');
      put(`${k} store edit max of 500 (waits for a compaction)`, s.editMax, 'ms');
      put(`${k} store settled after edits`, s.settleMs, 'ms');
      put(`${k} stored updates after edits`, s.storedUpdates, 'rows');
      put(`${k} doc entries (signed envelopes)`, s.logEntries, 'entries');
      put(`${k} doc bytes (signed envelopes)`, s.docBytes / MB, 'MB');
      put(`${k} rows JSON bytes`, s.jsonBytes / MB, 'MB');
      put(`${k} doc / JSON (signed)`, s.docBytes / s.jsonBytes, '×', '≤ 1.5');
      put(`${k} journal rows`, s.journalRows, 'rows');
      put(`${k} journal bytes (d + g + id)`, s.journalBytes / MB, 'MB');
      put(`${k} journal / JSON`, s.journalBytes / s.jsonBytes, '×');
      put(`${k} stored document bytes (updates table)`, s.storedUpdateBytes / MB, 'MB');
      put(`${k} on disk, journal + document / JSON`, (s.journalBytes + s.storedUpdateBytes) / s.jsonBytes, '×');

      log(`${k}: CrisisStore.open, cold`);
      const o = await stepWithHeap('storeOpen', store, s.crisis, s.identity);
      put(`${k} CrisisStore.open (cold: journal → rows)`, o.openMs, 'ms');
      put(`${k} CrisisStore.open → docReady (document loaded in the background)`, o.docReadyMs, 'ms');
      put(`${k}   open: main thread in long tasks before open returns`, o.blockedBeforeOpenMs, 'ms');
      put(`${k}   open: main thread in long tasks from open to docReady`, o.blockedAfterOpenMs, 'ms');
      put(`${k} CrisisStore.open heap (rows + document)`, o.heapDelta, 'MB');
      put(`${k} reopen: entries put back in the document (deletions undone)`, o.deletionsUndone, 'entries');
      if (o.rows !== n) throw new Error(`storeOpen: ${o.rows} rows of ${n}`);
      const st = await step('storeOpenSteps', store, s.crisis);
      put(`${k}   open: journal read`, st.journalMs, 'ms');
      put(`${k}   open: JSON.parse of every body`, st.parseMs, 'ms');
      put(`${k}   open: state built (CrisisState.apply ×all)`, st.stateMs, 'ms');
      put(`${k}   docReady: read stored updates`, st.readUpdatesMs, 'ms');
      put(`${k}   docReady: Y.applyUpdate`, st.applyMs, 'ms');
      put(`${k}   docReady: scan of the document against the journal`, st.scanMs, 'ms');

      log(`${k}: signatures: sign, id, parse, verify (no store)`);
      const g = await step('signatures', n);
      put(`${k} sign (Ed25519, WebCrypto)`, g.signPerS, 'entries/s');
      put(`${k} entry id (SHA-256)`, g.idPerS, 'entries/s');
      put(`${k} parseBody (JSON + zod)`, g.parsePerS, 'entries/s');
      put(`${k} verifySignature`, g.verifyPerS, 'entries/s');
      put(`${k} verifySignature, all ${label(n)}`, g.verifyMs, 'ms');

      log(`${k}: intake: a fresh store receives the whole crisis as one Yjs update`);
      const it = await step('intake', store, s.crisis, `bench-intake-${n}`, n);
      if (it.rows !== n || it.rejected) throw new Error(`intake: ${it.rows} rows of ${n}, ${it.rejected} refused`);
      put(`${k} intake: Y.applyUpdate (synchronous part)`, it.applyMs, 'ms');
      put(`${k} intake: update → all rows`, it.rowsMs, 'ms');
      put(`${k} intake: update → settled (journal and document stored)`, it.settledMs, 'ms');
      put(`${k} intake throughput (to all rows)`, it.entries / (it.rowsMs / 1000), 'entries/s');

      log(`${k}: app cold load`);
      await step('copyToApp', store);
      const app = await coldLoad(s.crisis.name);
      put(`${k} app click → first row`, app.ms, 'ms');
      put(`${k} app click → first row (Playwright wall)`, app.wallMs, 'ms');
      put(`${k} app click → last long task (document loaded in the background)`, app.quietAt, 'ms');
      put(`${k} app after the first row: main thread blocked (long tasks)`, app.blockedAfterRow, 'ms');
      put(`${k} app after the first row: longest task`, app.longestAfterRow, 'ms');
      put(`${k} app cold load / raw toArray`, app.ms / toArray.ms, '×', '≤ 3');
      put(`${k} app heap after load (document loaded too)`, app.heapAfter, 'MB', '≤ 300');
      put(`${k} app heap delta (vs crisis list)`, app.heapDelta, 'MB');
    }

    // The map: cluster index and Leaflet redraw against supercluster alone; gazetteer latency.
    for (const n of SIZES) {
      const k = n >= 1000 ? `${n / 1000}k` : String(n);
      log(`${k}: map clusters and redraw`);
      const c = await step('clusters', n);
      put(`${k} map: supercluster alone, load`, c.bareLoadMs, 'ms');
      put(`${k} map: cluster index, load`, c.indexLoadMs, 'ms');
      put(`${k} map: index load / supercluster`, c.indexLoadMs / c.bareLoadMs, '×');
      put(`${k} map: supercluster alone, view query p50`, c.bareQueryP50, 'ms');
      put(`${k} map: cluster index, view query p50`, c.indexQueryP50, 'ms');
      put(`${k} map: one sighting changed (index rebuilt)`, c.updateMs, 'ms');
      put(`${k} map: layer first draw`, c.layerLoadMs, 'ms');
      put(`${k} map: redraw after pan/zoom p50`, c.redrawP50, 'ms');
      put(`${k} map: redraw after pan/zoom p95`, c.redrawP95, 'ms');
    }
    log('gazetteer: search latency over every commune name (3, 5 letters, whole)');
    const g = await step('gazetteer');
    put('gazetteer: index build', g.buildMs, 'ms');
    put('gazetteer: queries', g.queries, 'n');
    put('gazetteer: query p50', g.p50, 'ms');
    put('gazetteer: query p95', g.p95, 'ms', '≤ 5');

    // Import of a team's CSV through the importer and the real store (bench/page/import.ts).
    for (const n of SIZES) {
      const k = n >= 1000 ? `${n / 1000}k` : String(n);
      log(`${k}: import of a team CSV`);
      const r = await withPage('bench/page/index.html', async (page) => {
        await page.waitForFunction(() => window.benchImport, null, { timeout: 30_000 });
        return page.evaluate((rows) => window.benchImport.importCsv(rows), n);
      });
      put(`${k} import: file size`, r.fileBytes / MB, 'MB');
      put(`${k} import: Papa.parse alone, one synchronous call (floor)`, r.papaSyncMs, 'ms');
      put(`${k} import: read (decode, separator, parse in slices)`, r.readMs, 'ms');
      put(`${k} import: map and check every row (gazetteer, duplicates)`, r.analyseMs, 'ms');
      put(`${k} import: write (createMany by 5,000)`, r.writeMs, 'ms');
      put(`${k} import: read + check throughput`, r.checkRowsPerS, 'rows/s');
      put(`${k} import: whole import throughput (written rows)`, r.totalRowsPerS, 'rows/s');
      put(`${k} import: longest main-thread block, read + check (long task)`, r.checkBlock.longTask, 'ms');
      put(`${k} import: longest main-thread block, read + check (heartbeat gap)`, r.checkBlock.heartbeatGap, 'ms');
      put(`${k} import: longest main-thread block, write (long task)`, r.writeBlock.longTask, 'ms');
      put(`${k} import: rows written`, r.written, 'n');
      put(`${k} import: rows placed by the gazetteer`, r.placed, 'n');
    }
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

// Sync: Vigie's transports bundled for Node (bench/sync/vite.config.mts), peers in child processes.
if (PARTS.has('sync')) {
  await build({ configFile: join(ROOT, 'bench/sync/vite.config.mts'), logLevel: 'warn' });
  const { runSyncBench } = await import(pathToFileURL(join(ROOT, 'out/bench-sync/suite.mjs')).href);
  await runSyncBench({ sizes: SYNC_SIZES, put, log });
}

// A readable table; pass/miss only where there is a target.
const verdict = ({ value, target }) => {
  if (!target) return '';
  const limit = Number(target.replace(/[^\d.]/g, ''));
  return value <= limit ? 'pass' : 'MISS';
};
const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v && Math.abs(v) < 0.01 ? v.toPrecision(2) : v.toFixed(2));
const lines = Object.entries(results).map(([name, r]) => [name, fmt(r.value), r.unit, r.target ?? '', verdict(r)]);
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...lines.map((l) => l[i].length), 6));
const row = (l) => l.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(row(['name', 'value', 'unit', 'target', 'result']));
for (const l of lines) console.log(row(l));
// Merged into the file: a part not run this time keeps its last results.
const file = join(ROOT, 'bench/results.json');
const previous = await readFile(file, 'utf8').then(JSON.parse, () => ({}));
// Measures of the unsigned log (before the signed-entry store): their numbers are history in bench/README.md.
const OBSOLETE = /log doc|log JSON-fields|Y\.Map rows|log \(current\)|open: (read updates|Y\.applyUpdate|log\.toArray|parseChange|LogMirror)|CrisisStore\.open (\(cold\)|heap)$/;
for (const name of Object.keys(previous)) if (OBSOLETE.test(name)) delete previous[name];
await writeFile(file, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; bench/results.json updated`);
