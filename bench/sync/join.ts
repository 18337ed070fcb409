// A peer joins an open copy (issue #12), in the browser, through the real app and the real transports:
// the open copy (the "holder": the bench's crisis of n sightings, opened in the app from the bench's
// persistent profile) connects to a Vigie relay service on 127.0.0.1 (its LAN signaling service, or
// its Yjs relay), then a newcomer in another browser (its own process and storage) joins through an
// invitation the holder made in the UI. Measured on the holder: every long task (PerformanceObserver
// `longtask`, in wall-clock time so that both browsers share one clock) while it connects, and from
// the newcomer's click on « Rejoindre » to the newcomer's last row (its status tabs count all n
// sightings); on the newcomer: that time, and its own longest task (its intake).
//
// Bundled for Node by bench/sync/vite.config.mts (out/bench-sync/join.mjs); bench/run.mjs calls
// runJoinBench with its served bench build and its profile, once 'vigie' holds the crisis.
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join as joinPath } from 'node:path';
import { startRelayServer } from '../../src-main/services/relay-server';
import { browserPids, canPin, lowerPriority, pinTree, type MachineModel } from './newcomer-machine';

export interface JoinBenchOptions {
  /** The served bench build (its app is src-renderer/index.html). */
  url: string;
  /** The persistent profile whose 'vigie' database holds the crisis (with its row cache). */
  profile: string;
  launch: LaunchOptions;
  crisisName: string;
  n: number;
  log: (...args: unknown[]) => void;
  /** A folder: write CPU profiles of both pages during the join there (.cpuprofile, for DevTools). */
  cpuProfiles?: string;
  /** A folder: write what the open copy allocated during the join and kept past its young generation. */
  promotedProfiles?: string;
  /** Heap snapshots of the open copy after the join, and of the newcomer once its heap settled. */
  snapshotHolder?: (page: Page, name: string) => Promise<void>;
  /**
   * Waits, once the open copy shows every row, until its idle-time work is done too (the search
   * index's tokens, the duplicate index: seconds of short slices after the page looks quiet), as a
   * copy open for a while would be. Without it the open copy builds them while the newcomer joins.
   */
  settleHolder?: (page: Page) => Promise<unknown>;
  /** The newcomer's heap once it holds the crisis and its idle work is done (MB). */
  newcomerHeap?: (page: Page) => Promise<{ mb: number }>;
  /**
   * Then this long without anything to do (ms). Settling reads the heap after full collections, and
   * V8's memory reducer answers a full collection with more of them, from 8 s later: on a 250 MB
   * heap each froze the page 60–390 ms, in the middle of the join. A copy open for a while had
   * those long before anyone joined.
   */
  quietAfterSettleMs?: number;
  /**
   * How the newcomer's browser stands for another machine (newcomer-machine.ts): each browser on a
   * CPU of its own (`pinned`), the newcomer at the lowest priority (`nice`), or neither (`shared`).
   * The open copy's long tasks are then its own work, not waits for a core.
   */
  machines?: MachineModel;
}

export interface Block {
  start: number;
  end: number;
}

export interface JoinResult {
  transport: 'webrtc' | 'relay';
  /** Holder: from « Enregistrer » (addresses set) until connected (WebRTC: signaling online; relay: « à jour »). */
  connectMs: number;
  connectLongest: number;
  connectBlocked: number;
  /** From the newcomer's « Rejoindre » to its last row. */
  joinMs: number;
  /** « Rejoindre » → every entry of the open copy's journal in the newcomer's. */
  durableMs: number;
  /** From « Rejoindre » to the newcomer's first row. */
  firstRowMs: number;
  /** Holder's long tasks in that window. */
  holderLongest: number;
  holderBlocked: number;
  holderTasks: number;
  /**
   * Holder's longest frame in that window (Long Animation Frames: from the first work after a frame
   * to the next frame). Long tasks leave out a collection V8 finishes in a task of its own; a frame
   * waits for it all the same.
   */
  holderLongestFrame: number;
  /** Newcomer's own long tasks in that window (its intake). */
  newcomerLongest: number;
  newcomerBlocked: number;
  /** Newcomer's heap once it holds the crisis, its idle work done (NaN when not measured). */
  newcomerHeapMB: number;
  load: number;
}

/** Records long tasks and the first/last row times of the page, in epoch ms (both browsers' clock). */
const INSTRUMENT = () => {
  const w = window as unknown as { __tasks: { start: number; end: number }[] };
  w.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__tasks.push({ start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + e.startTime + e.duration });
  }).observe({ type: 'longtask' });
  // Each long animation frame and what ran in it (which callback, which function; logged after the join).
  const l = window as unknown as { __frames: { start: number; duration: number; blocking: number; scripts: string[] }[] };
  l.__frames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as { startTime: number; duration: number; blockingDuration: number; scripts: { invoker: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number; duration: number }[] }[])
      // Every frame the page was late for (over 50 ms), long task in it or not.
      l.__frames.push({
        start: performance.timeOrigin + e.startTime,
        duration: e.duration,
        blocking: e.blockingDuration,
        scripts: e.scripts.filter((x) => x.duration > 5).map((x) => `${Math.round(x.duration)} ms ${x.invoker} → ${x.sourceFunctionName || '?'} ${x.sourceURL.split('/').pop()}:${x.sourceCharPosition}`),
      });
  }).observe({ type: 'long-animation-frame', buffered: true });
};

/**
 * Installed in every page too: sightings counted in the status tabs (the first tab, "active", is a
 * subtotal). The app's CSP forbids evaluating strings, so page code is given as functions.
 */
const COUNTER = () => {
  (window as unknown as { __counted: () => number }).__counted = () =>
    [...document.querySelectorAll('.status-tabs .count')].slice(1).reduce((s, c) => s + Number((c.textContent ?? '').replace(/\D/g, '')), 0);
};
type Counted = { __counted: () => number };

const within = (tasks: Block[], from: number, to: number) => tasks.filter((t) => t.end > from && t.start < to).map((t) => Math.min(t.end, to) - Math.max(t.start, from));
const tasksOf = (page: Page) => page.evaluate(() => (window as unknown as { __tasks: Block[] }).__tasks);

async function untilQuiet(page: Page, quietMs = 2000, limitMs = 300_000): Promise<void> {
  await page.evaluate(
    async ([quiet, limit]) => {
      const w = window as unknown as { __tasks: { end: number }[] };
      const t0 = Date.now();
      const lastEnd = () => Math.max(t0, ...w.__tasks.map((t) => t.end));
      while (Date.now() - lastEnd() < quiet && Date.now() - t0 < limit) await new Promise((r) => setTimeout(r, 100));
    },
    [quietMs, limitMs],
  );
}

/** Entries in the page's journal (its IndexedDB, read beside the app's own connection). */
const journalCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('vigie');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('journal').objectStore('journal').count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => (db.close(), reject(count.error));
        };
      }),
  );

async function setAddresses(page: Page, signaling: string[], relay: string[]): Promise<number> {
  await page.getByRole('button', { name: 'Réglages de synchronisation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Réglages de synchronisation' });
  await dialog.getByLabel('Serveurs de signalisation WebRTC').fill(signaling.join('\n'));
  await dialog.getByLabel('Relais (ws://…/sync)').fill(relay.join('\n'));
  const at = await page.evaluate(() => {
    window.addEventListener('click', () => ((window as unknown as { __savedAt: number }).__savedAt = Date.now()), { capture: true, once: true });
    return Date.now();
  });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Réglages enregistrés' }).waitFor();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  return (await page.evaluate(() => (window as unknown as { __savedAt?: number }).__savedAt)) ?? at;
}

async function invitationLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Inviter' }).click();
  const dialog = page.getByRole('dialog', { name: /Inviter dans la crise/ });
  await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
  await dialog.getByRole('img', { name: 'QR code de l’invitation' }).waitFor();
  const link = await dialog.getByLabel('Lien pour la version web').inputValue();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  return link;
}

/** The page's long animation frames so far (INSTRUMENT). */
function framesOf(page: Page): Promise<{ start: number; duration: number; blocking: number; scripts: string[] }[]> {
  return page.evaluate(() => (window as unknown as { __frames: { start: number; duration: number; blocking: number; scripts: string[] }[] }).__frames);
}

async function startProfile(page: Page): Promise<() => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile;
}

/**
 * What the open copy allocates during a join and that outlives the young generation's collections
 * (V8's sampling heap profiler, minor-GC garbage left out): what fills its old space, then its full
 * collections. Chrome DevTools' Memory tab reads the .heapprofile.
 */
async function startPromotedSampling(page: Page): Promise<() => Promise<unknown>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false } as never);
  return async () => (await cdp.send('HeapProfiler.stopSampling')).profile;
}

/** One join through one transport: a freshly launched holder, a newcomer in another browser. */
async function joinOnce(o: JoinBenchOptions, transport: 'webrtc' | 'relay', addresses: { signaling: string; relay: string }): Promise<JoinResult> {
  let holderContext: BrowserContext | null = null;
  let newcomerBrowser: Browser | null = null;
  try {
    const running = browserPids();
    holderContext = await chromium.launchPersistentContext(o.profile, o.launch);
    const holderPids = [...browserPids()].filter((pid) => !running.has(pid));
    await holderContext.addInitScript(INSTRUMENT);
    await holderContext.addInitScript(COUNTER);
    const holder = holderContext.pages()[0] ?? (await holderContext.newPage());
    holder.on('pageerror', (e) => o.log('holder page error:', e.message));
    await holder.goto(`${o.url}src-renderer/index.html`);
    await holder.getByRole('button', { name: `Ouvrir ${o.crisisName}`, exact: true }).click({ timeout: 60_000 });
    await holder.waitForFunction((n) => (window as unknown as Counted).__counted() >= n, o.n, { timeout: 300_000, polling: 200 });
    await untilQuiet(holder);
    await o.settleHolder?.(holder);
    if (o.settleHolder && o.quietAfterSettleMs) await new Promise((resolve) => setTimeout(resolve, o.quietAfterSettleMs));

    // The holder connects.
    const savedAt = await setAddresses(holder, transport === 'webrtc' ? [addresses.signaling] : [], transport === 'relay' ? [addresses.relay] : []);
    if (transport === 'webrtc') await holder.locator('.syncbar .state').filter({ hasText: 'En attente de pairs' }).waitFor({ timeout: 60_000 });
    else await holder.getByTestId('relay-state').filter({ hasText: 'Relais : à jour' }).waitFor({ timeout: 300_000 });
    const connectedAt = await holder.evaluate(() => Date.now());
    await untilQuiet(holder);
    const connectTasks = within(await tasksOf(holder), savedAt, connectedAt + 2000);
    for (const f of (await framesOf(holder)).filter((f) => f.start >= savedAt && f.start < connectedAt + 2000))
      o.log(`holder frame while connecting, blocking ${Math.round(f.blocking)} ms at +${Math.round(f.start - savedAt)} ms: ${f.scripts.join(' ; ')}`);
    const link = await invitationLink(holder);
    await untilQuiet(holder);

    // The newcomer: another browser, its own storage.
    const before = browserPids();
    newcomerBrowser = await chromium.launch(o.launch);
    const launched = [...browserPids()].filter((pid) => !before.has(pid));
    const context = await newcomerBrowser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await context.addInitScript(INSTRUMENT);
    await context.addInitScript(COUNTER);
    const newcomer = await context.newPage();
    newcomer.on('pageerror', (e) => o.log('newcomer page error:', e.message));
    // What Vigie itself warns of (a write refused, work put off) is logged: a silent failure here
    // once left a newcomer holding every text twice.
    newcomer.on('console', (m) => void (m.type() === 'warning' && m.text().startsWith('Vigie') && o.log('newcomer warns:', m.text())));
    await newcomer.goto(link);
    await newcomer.getByLabel('Nom ou pseudonyme').fill('Nouvelle Recrue');
    await newcomer.getByRole('button', { name: 'Continuer' }).click();
    const join = newcomer.getByRole('button', { name: 'Rejoindre', exact: true });
    await join.waitFor();
    await newcomer.evaluate((n) => {
      const w = window as unknown as Counted & { __joined: Promise<{ clickAt: number; firstAt: number; lastAt: number }> };
      w.__joined = new Promise((resolve) => {
        let clickAt = 0;
        let firstAt = 0;
        window.addEventListener('click', () => (clickAt = Date.now()), { capture: true, once: true });
        const frame = () => {
          if (clickAt && !firstAt && document.querySelector('[role=row][data-id]')) firstAt = Date.now();
          if (clickAt && w.__counted() >= n) return resolve({ clickAt, firstAt, lastAt: Date.now() });
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
    }, o.n);
    const profiling = o.cpuProfiles ? await Promise.all([holder, newcomer].map(startProfile)) : [];
    const sampling = o.promotedProfiles ? await startPromotedSampling(holder) : null;
    // Now that its page runs, and again during the join: Chromium starts processes and threads later
    // (and sets a renderer's priority itself), and the verification workers start at the first entries.
    let lowered = 0;
    const keepApart = () => {
      if (o.machines === 'nice') lowered = Math.max(lowered, launched.reduce((n, pid) => n + lowerPriority(pid), 0));
      if (o.machines !== 'pinned') return;
      for (const pid of holderPids) pinTree(pid, 0);
      for (const pid of launched) pinTree(pid, 1);
    };
    keepApart();
    const keeping = o.machines === 'shared' ? null : setInterval(keepApart, o.machines === 'pinned' ? 500 : 200);
    await join.click();
    const { clickAt, firstAt, lastAt } = await newcomer.evaluate(() => (window as unknown as { __joined: Promise<{ clickAt: number; firstAt: number; lastAt: number }> }).__joined);
    if (keeping) clearInterval(keeping);
    if (o.machines === 'nice') o.log(`newcomer's browser: ${launched.length} process tree(s), up to ${lowered} threads kept at nice 19`);
    if (o.machines === 'pinned') o.log('each browser on a CPU of its own (the open copy on CPU 0, the newcomer on CPU 1)');
    if (sampling) await writeFile(joinPath(o.promotedProfiles!, `join-${o.n}-${transport}-holder.heapprofile`), JSON.stringify(await sampling()));
    for (const [i, stop] of profiling.entries()) await writeFile(joinPath(o.cpuProfiles!, `join-${o.n}-${transport}-${i ? 'newcomer' : 'holder'}.cpuprofile`), JSON.stringify(await stop()));
    await new Promise((r) => setTimeout(r, 300)); // long-task entries arrive a little after the task
    await o.snapshotHolder?.(holder, `join-${o.n}-${transport}-holder.heapsnapshot`);
    const holderFrames = (await framesOf(holder)).filter((f) => f.start >= clickAt && f.start < lastAt);
    // What ran in the open copy's long frames (none in a good run).
    for (const f of [...holderFrames].sort((x, y) => y.blocking - x.blocking).slice(0, 8)) o.log(`holder frame blocking ${Math.round(f.blocking)} ms at +${Math.round(f.start - clickAt)} ms: ${f.scripts.join(' ; ')}`);
    const holderTasks = within(await tasksOf(holder), clickAt, lastAt);
    const newcomerTasks = within(await tasksOf(newcomer), clickAt, lastAt);
    // Rows are shown once decided; the newcomer's journal writes them to disk behind (one core for its
    // page, its verification and its disk). Its document holds the texts by reference only once they
    // are all there (hold-pass.ts): the heap is read after that, and one pass.
    const expected = await journalCount(holder);
    for (let t0 = Date.now(); (await journalCount(newcomer)) < expected && Date.now() - t0 < 600_000; ) await new Promise((r) => setTimeout(r, 250));
    const durableAt = await newcomer.evaluate(() => Date.now());
    await new Promise((r) => setTimeout(r, 5000));
    // (Measured after the tasks were read: the settle forces collections.)
    const newcomerHeapMB = o.newcomerHeap ? (await o.newcomerHeap(newcomer)).mb : NaN;
    await o.snapshotHolder?.(newcomer, `join-${o.n}-${transport}-newcomer.heapsnapshot`);
    return {
      transport,
      connectMs: connectedAt - savedAt,
      connectLongest: Math.max(0, ...connectTasks),
      connectBlocked: connectTasks.reduce((s, t) => s + t, 0),
      joinMs: lastAt - clickAt,
      durableMs: durableAt - clickAt,
      firstRowMs: firstAt - clickAt,
      holderLongest: Math.max(0, ...holderTasks),
      holderBlocked: holderTasks.reduce((s, t) => s + t, 0),
      holderTasks: holderTasks.length,
      holderLongestFrame: Math.max(0, ...holderFrames.map((f) => f.duration)),
      newcomerLongest: Math.max(0, ...newcomerTasks),
      newcomerBlocked: newcomerTasks.reduce((s, t) => s + t, 0),
      newcomerHeapMB,
      load: loadavg()[0]!,
    };
  } finally {
    await newcomerBrowser?.close().catch(() => undefined);
    await holderContext?.close().catch(() => undefined);
  }
}

/** Both transports, one relay service (its /signal and /sync) for the run. */
export async function runJoinBench(o: JoinBenchOptions): Promise<JoinResult[]> {
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
  try {
    const addresses = { signaling: server.signalingUrl!, relay: server.syncUrl! };
    const out: JoinResult[] = [];
    const pinnable = canPin();
    const machines = o.machines ?? (pinnable ? 'pinned' : 'nice');
    if (!['pinned', 'nice', 'shared'].includes(machines)) throw new Error(`BENCH_JOIN_MACHINES: pinned, nice or shared, not ${machines}`);
    if (machines === 'pinned' && !pinnable) throw new Error('BENCH_JOIN_MACHINES=pinned needs two CPUs and taskset');
    o = { ...o, machines };
    for (const transport of ['webrtc', 'relay'] as const) {
      o.log(`${o.n}: a newcomer joins an open copy through ${transport === 'webrtc' ? 'WebRTC (LAN signaling)' : 'the relay'}`);
      out.push(await joinOnce(o, transport, addresses));
    }
    return out;
  } finally {
    await server.close();
  }
}
