// npm run bench: measures the store against the IndexedDB floor in headless Chromium, for 10k and
// 100k sightings, then sync (WebRTC mesh and relay, in Node, against the raw channel), and merges
// the results into bench/results.json. See bench/README.md.
//   npm run bench -- --quick             (10k only, store and sync: BENCH_SIZES=10000 BENCH_SYNC_SIZES=10000)
//   BENCH_SIZES=10000 npm run bench      (other sizes for the store, e.g. a quick check)
//   BENCH_SYNC_SIZES=10000 npm run bench (other sizes for sync)
//   BENCH_PARTS=sync npm run bench       (one part only: store, join or sync)
//   BENCH_JOIN_SIZES=10000               (sizes of the join of a newcomer to an open copy, in the browser)
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
const PARTS = new Set((process.env.BENCH_PARTS ?? 'store,join,sync').split(','));
const JOIN_SIZES = (process.env.BENCH_JOIN_SIZES ?? (QUICK ? '10000' : '10000,100000')).split(',').map(Number);
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

/**
 * The real app, cold: opens the crisis from the list (ui/session.tsx opens it progressively) and
 * times, from the click on "Ouvrir …": the first table row in the DOM plus one frame; the end of
 * loading (the status tabs count all n sightings: the journal is read); the longest main-thread
 * block in between; then until the page has had no long task for 2 s (the exchange document loaded
 * after paint). With `fluid`, then measures what issue #12 lists, through the UI (see fluid()).
 */
const appOpen = (crisisName, n, fluidOptions) =>
  withPage('src-renderer/index.html', async (page) => {
    const open = page.getByRole('button', { name: `Ouvrir ${crisisName}`, exact: true });
    await open.waitFor({ timeout: 60_000 });
    const heapBefore = await heapMB(page);
    await page.evaluate((n) => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, end: e.startTime + e.duration })))).observe({ type: 'longtask' });
      // Every sighting counted in the status tabs (the first tab, "active", is a subtotal).
      const counted = () => [...document.querySelectorAll('.status-tabs .count')].slice(1).reduce((sum, c) => sum + Number(c.textContent.replace(/\D/g, '')), 0);
      window.__opened = new Promise((resolve) => {
        let clickAt = 0;
        let rowAt = 0;
        document.addEventListener('click', () => (clickAt = performance.now()), { capture: true, once: true });
        const seen = new MutationObserver(() => {
          if (!document.querySelector('[role=row][data-id]')) return;
          seen.disconnect();
          // the row is in the DOM; counted once the next frame has been produced
          requestAnimationFrame(() => setTimeout(() => (rowAt = performance.now())));
        });
        seen.observe(document.body, { childList: true, subtree: true });
        // Loaded: checked every frame (a rAF callback runs just before its frame is painted).
        const frame = () => {
          if (clickAt && rowAt && counted() >= n) return resolve({ clickAt, rowAt, loadedAt: performance.now() });
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    }, n);
    const wall0 = Date.now();
    await open.click();
    await page.getByRole('region', { name: 'Tableau des remontées' }).locator('[role=row][data-id]').first().waitFor({ state: 'visible', timeout: 300_000 });
    const wallMs = Date.now() - wall0;
    const { clickAt, rowAt, loadedAt } = await page.evaluate(() => window.__opened);
    // Until the page has had no long task for 2 s: the background load is over.
    const busy = await page.evaluate(async ([clickAt, rowAt, loadedAt]) => {
      const lastEnd = () => Math.max(loadedAt, ...window.__longTasks.map((t) => t.end));
      while (performance.now() - lastEnd() < 2000) await new Promise((r) => setTimeout(r, 100));
      const within = (from, to) => window.__longTasks.filter((t) => t.end > from && t.start < to).map((t) => Math.min(t.end, to) - Math.max(t.start, from));
      const after = within(rowAt, Infinity);
      return {
        quietAt: lastEnd() - clickAt,
        longestToLoaded: Math.max(0, ...within(clickAt, loadedAt)),
        longestAfterRow: Math.max(0, ...after),
        blockedAfterRow: after.reduce((s, t) => s + t, 0),
      };
    }, [clickAt, rowAt, loadedAt]);
    const heapAfter = await heapMB(page);
    const out = { ms: rowAt - clickAt, loadedMs: loadedAt - clickAt, wallMs, heapAfter, heapDelta: heapAfter - heapBefore, ...busy };
    if (fluidOptions) out.fluid = await fluid(page, fluidOptions);
    return out;
  });

/**
 * Issue #12's table, through the UI of an open crisis (loaded, idle): each action's time from its
 * input event (`event.timeStamp`) to the first frame where the table shows the result (checked in
 * every requestAnimationFrame callback, which runs just before that frame is painted), and the
 * longest long task in between. The floor: an idle frame.
 */
async function fluid(page, { letter }) {
  await page.evaluate(() => {
    window.__arm = (kind, eventType, arg) =>
      new Promise((resolve) => {
        const table = () => document.querySelector('[role=table][aria-label="Tableau des remontées"]');
        const firstRow = () => table()?.querySelector('[role=row][data-id]')?.getAttribute('data-id');
        const rowCount = () => table()?.getAttribute('aria-rowcount');
        const before = { rows: rowCount(), first: firstRow() };
        let start = 0;
        let letterAt = 0;
        window.addEventListener(eventType, (e) => (start = e.timeStamp), { capture: true, once: true });
        const done = () => {
          if (kind === 'table') return rowCount() !== before.rows || firstRow() !== before.first;
          if (kind === 'first-row') return firstRow() !== before.first;
          if (kind === 'priority') return document.querySelector(`[role=row][data-id="${arg}"] .prio`)?.textContent === 'P1';
        };
        const t0 = performance.now();
        const frame = () => {
          const now = performance.now();
          if (start && kind === 'table' && !letterAt && document.activeElement?.value === arg) letterAt = now;
          if (start && done()) {
            // long-task entries are delivered a little after the task
            return setTimeout(() => {
              const longest = Math.max(0, ...window.__longTasks.filter((t) => t.end > start && t.start < now).map((t) => Math.min(t.end, now) - Math.max(t.start, start)));
              resolve({ ms: now - start, letterMs: letterAt ? letterAt - start : null, longest });
            }, 200);
          }
          if (now - t0 > 20_000) return resolve({ ms: null, timedOut: true });
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
  });
  const arm = (kind, eventType, arg) => page.evaluate(([k, e, a]) => (window.__armed = window.__arm(k, e, a), true), [kind, eventType, arg]);
  const result = () => page.evaluate(() => window.__armed);
  const settle = () => page.waitForTimeout(500);
  const out = {};
  // Floor: idle frames (rAF to rAF) over 60 frames.
  out.idleFrame = await page.evaluate(async () => {
    const gaps = [];
    let last = await new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < 60; i++) {
      const t = await new Promise((r) => requestAnimationFrame(r));
      gaps.push(t - last);
      last = t;
    }
    gaps.sort((a, b) => a - b);
    return { median: gaps[30], max: gaps[59] };
  });
  // Search: one letter typed in "Rechercher" (the table narrows), then Backspace (it widens back); 3 times.
  const search = page.getByLabel('Rechercher', { exact: true });
  out.search = [];
  out.widen = [];
  for (let i = 0; i < 3; i++) {
    await search.click();
    await settle();
    await arm('table', 'keydown', letter);
    await page.keyboard.press(letter);
    out.search.push(await result());
    await settle();
    await arm('table', 'keydown', '');
    await page.keyboard.press('Backspace');
    out.widen.push(await result());
    await settle();
  }
  // Sort by Texte: ascending, then descending.
  const texte = page.getByRole('columnheader', { name: /^Texte/ }).getByRole('button');
  out.sort = [];
  for (let i = 0; i < 2; i++) {
    await arm('first-row', 'click');
    await texte.click();
    out.sort.push(await result());
    await settle();
  }
  // Priority key "1" on a selected row (not P1 yet); 3 rows.
  out.priority = [];
  const candidates = await page.evaluate(() =>
    [...document.querySelectorAll('[role=table][aria-label="Tableau des remontées"] [role=row][data-id]')].filter((r) => r.querySelector('.prio')?.textContent !== 'P1').slice(0, 3).map((r) => r.getAttribute('data-id')),
  );
  for (const id of candidates) {
    await page.locator(`[role=row][data-id="${id}"] [role=cell]`).nth(4).click();
    await settle();
    await arm('priority', 'keydown', id);
    await page.keyboard.press('1');
    out.priority.push(await result());
    await settle();
  }
  return out;
}

/**
 * A newcomer joins an open copy, in the browser (bench/sync/join.ts): a crisis of n sightings made
 * through the store, copied into the app's database with its row cache; WebRTC, then the relay.
 */
async function joinBench() {
  await build({ configFile: join(ROOT, 'bench/sync/vite.config.mts'), logLevel: 'warn' });
  const { runJoinBench } = await import(pathToFileURL(join(ROOT, 'out/bench-sync/join.mjs')).href);
  for (const n of JOIN_SIZES) {
    const k = label(n);
    const store = `bench-join-${n}`;
    log(`${k}: join: the open copy's crisis (createMany)`);
    const s = await step('storeCreate', store, n, BATCH);
    await step('copyToApp', store);
    await step('copyRowCacheToApp', store);
    for (const r of await runJoinBench({ url: server.url, profile, launch: LAUNCH, crisisName: s.crisis.name, n, log, cpuProfiles: process.env.BENCH_JOIN_CPUPROFILES })) {
      const t = r.transport === 'webrtc' ? 'WebRTC' : 'relay';
      put(`${k} join ${t}: open copy connects, longest task`, r.connectLongest, 'ms', '≤ 50');
      put(`${k} join ${t}: open copy connects, main thread blocked`, r.connectBlocked, 'ms');
      put(`${k} join ${t}: open copy connects (saved → online)`, r.connectMs, 'ms');
      put(`${k} join ${t}: newcomer « Rejoindre » → first row`, r.firstRowMs, 'ms');
      put(`${k} join ${t}: newcomer « Rejoindre » → last row`, r.joinMs, 'ms');
      put(`${k} join ${t}: open copy's longest task meanwhile`, r.holderLongest, 'ms', '≤ 50');
      put(`${k} join ${t}: open copy's main thread blocked meanwhile`, r.holderBlocked, 'ms');
      put(`${k} join ${t}: newcomer's longest task (intake)`, r.newcomerLongest, 'ms');
      put(`${k} join ${t}: newcomer's main thread blocked`, r.newcomerBlocked, 'ms');
      put(`${k} join ${t}: load average`, r.load, '');
    }
  }
}

const results = {};
const put = (name, raw, unit, target) => {
  const value = Number(raw.toPrecision(4));
  results[name] = target ? { value, unit, target } : { value, unit };
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
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
      put(`${k} intake: longest main-thread task`, it.longestTaskMs, 'ms');
      put(`${k} intake: main thread in long tasks`, it.blockedMs, 'ms');

      log(`${k}: app cold load, first open after import (no row cache)`);
      await step('copyToApp', store);
      const cold = await appOpen(s.crisis.name, n);
      put(`${k} app (no cache) click → first row`, cold.ms, 'ms');
      put(`${k} app (no cache) click → loaded (journal read)`, cold.loadedMs, 'ms');
      put(`${k} app (no cache) longest task, click → loaded`, cold.longestToLoaded, 'ms');
      put(`${k} app (no cache) click → last long task (document loaded)`, cold.quietAt, 'ms');
      put(`${k} app (no cache) first row / raw toArray`, cold.ms / toArray.ms, '×');
      log(`${k}: app cold load, usual open (row cache present), then search, sort, priority key`);
      const cache = await step('copyRowCacheToApp', store);
      put(`${k} app: rows the first open had cached by itself before its page closed`, cache.appCached, 'rows');
      if (cache.rows !== n) throw new Error(`row cache: ${cache.rows} rows of ${n}`);
      const { letter, share } = await step('searchLetter', n);
      const app = await appOpen(s.crisis.name, n, { letter });
      put(`${k} app click → first row`, app.ms, 'ms');
      put(`${k} app click → first row (Playwright wall)`, app.wallMs, 'ms');
      put(`${k} app click → loaded (journal read)`, app.loadedMs, 'ms');
      put(`${k} app longest task, click → loaded`, app.longestToLoaded, 'ms', '≤ 50');
      put(`${k} app click → last long task (document loaded in the background)`, app.quietAt, 'ms');
      put(`${k} app after the first row: main thread blocked (long tasks)`, app.blockedAfterRow, 'ms');
      put(`${k} app after the first row: longest task`, app.longestAfterRow, 'ms');
      put(`${k} app cold load / raw toArray`, app.ms / toArray.ms, '×', '≤ 3');
      put(`${k} app heap after load (document loaded too)`, app.heapAfter, 'MB', '≤ 300');
      put(`${k} app heap delta (vs crisis list)`, app.heapDelta, 'MB');
      const f = app.fluid;
      const med = (xs, key) => percentile(xs.map((x) => x[key]).filter((v) => v !== null), 0.5);
      const worst = (xs, key) => Math.max(...xs.map((x) => x[key] ?? Infinity));
      if ([...f.search, ...f.widen, ...f.sort, ...f.priority].some((x) => x.timedOut)) log(`${k}: some UI action never showed its result`, JSON.stringify(f));
      put(`${k} ui floor: idle frame, median`, f.idleFrame.median, 'ms');
      put(`${k} ui search letter ('${letter}', ${Math.round(share * 100)} % of rows) → table, first keystroke`, f.search[0].ms ?? NaN, 'ms');
      put(`${k} ui search letter → table, median of 3`, med(f.search, 'ms'), 'ms', '≤ 50');
      put(`${k} ui search letter → letter shown, median of 3`, med(f.search, 'letterMs'), 'ms', '≤ 16');
      put(`${k} ui search: longest task (of 3)`, worst(f.search, 'longest'), 'ms');
      put(`${k} ui widen (Backspace: search cleared) → table, median of 3`, med(f.widen, 'ms'), 'ms', '≤ 50');
      put(`${k} ui widen: longest task (of 3)`, worst(f.widen, 'longest'), 'ms');
      put(`${k} ui sort by Texte → first row changed, first click`, f.sort[0].ms ?? NaN, 'ms', '≤ 100');
      put(`${k} ui sort by Texte, second click (descending)`, f.sort[1].ms ?? NaN, 'ms', '≤ 100');
      put(`${k} ui sort by Texte: longest task (of 2)`, worst(f.sort, 'longest'), 'ms');
      if (f.priority.length) {
        put(`${k} ui priority key "1" → row shows P1, median of ${f.priority.length}`, med(f.priority, 'ms'), 'ms', '≤ 50');
        put(`${k} ui priority key: longest task`, worst(f.priority, 'longest'), 'ms');
      }
      results[`${k} ui raw`] = { value: 0, unit: 'json', detail: f };

      log(`${k}: public exports (map HTML, GeoJSON) against JSON.stringify of the same features`);
      const x = await withPage('bench/page/index.html', async (page) => {
        await page.waitForFunction(() => window.benchExport, null, { timeout: 30_000 });
        return page.evaluate((rows) => window.benchExport.publicExports(rows), n);
      });
      put(`${k} export: public items`, x.items, 'n');
      put(`${k} export: JSON.stringify of the features (floor)`, x.floorMs, 'ms');
      put(`${k} export: JSON.stringify of the features, again after the builders`, x.floor2Ms, 'ms');
      put(`${k} export: public GeoJSON`, x.geojsonMs, 'ms');
      put(`${k} export: public GeoJSON / floor`, x.geojsonMs / Math.min(x.floorMs, x.floor2Ms), '×', '≤ 2');
      put(`${k} export: public map HTML`, x.htmlMs, 'ms');
      put(`${k} export: public map HTML / floor`, x.htmlMs / Math.min(x.floorMs, x.floor2Ms), '×', '≤ 2');
      put(`${k} export: features JSON bytes`, x.floorBytes / MB, 'MB');
      put(`${k} export: GeoJSON bytes`, x.geojsonBytes / MB, 'MB');
      put(`${k} export: map HTML bytes`, x.htmlBytes / MB, 'MB');
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

// A newcomer joins an open copy, in the browser (bench/sync/join.ts), on the app built above.
if (PARTS.has('join')) {
  if (!PARTS.has('store')) {
    await build({ configFile: join(ROOT, 'bench/vite.config.mts'), logLevel: 'warn' });
    await copyFile(join(ROOT, 'src-renderer/public/favicon.svg'), join(OUT, 'src-renderer/favicon.svg'));
  }
  server = await serveWeb({ root: OUT, port: 0 });
  profile = await mkdtemp(join(tmpdir(), 'vigie-bench-join-'));
  try {
    await joinBench();
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
const lines = Object.entries(results).filter(([, r]) => r.unit !== 'json').map(([name, r]) => [name, fmt(r.value), r.unit, r.target ?? '', verdict(r)]);
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
