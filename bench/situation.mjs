// Issue #14, the point de situation through the app: the crisis `Crue du Tarn <n>` opened, once the
// table has loaded and the page is quiet: a click on the tab « Point » → the first frame showing the
// report of the crisis's n sightings with its map drawn (article[data-ready=yes]; the built-in
// basemap's first load included), then clicks on the period presets (« 24 h », « Depuis le début »,
// alternately) → the first frame showing the report of that period. Each: from the click's
// event.timeStamp to the requestAnimationFrame callback, and the longest long task in between.
// Goal: ≤ 2 s at 10,000 sightings. Floor: an idle frame in the same page.
export async function appSituation(withPage, idleFrame, n) {
  return withPage('src-renderer/index.html', async (page) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const open = page.getByRole('button', { name: `Ouvrir Crue du Tarn ${n}`, exact: true });
    await open.waitFor({ timeout: 60_000 });
    await open.click();
    // Loaded: every sighting counted in the status tabs (the first tab, « active », is a subtotal), as appOpen waits.
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('.status-tabs .count')].slice(1).reduce((sum, c) => sum + Number(c.textContent.replace(/\D/g, '')), 0) >= n,
      n,
      { timeout: 300_000 },
    );
    await page.evaluate(async () => {
      window.__sitTasks = [];
      new PerformanceObserver((list) => window.__sitTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, end: e.startTime + e.duration })))).observe({ type: 'longtask', buffered: true });
      const lastEnd = () => Math.max(0, ...window.__sitTasks.map((t) => t.end));
      await new Promise((r) => setTimeout(r, 500));
      while (performance.now() - lastEnd() < 2000) await new Promise((r) => setTimeout(r, 100));
      window.__sitArm = (period, total) =>
        new Promise((resolve) => {
          let start = 0;
          window.addEventListener('click', (e) => (start = e.timeStamp), { capture: true, once: true });
          const t0 = performance.now();
          const frame = () => {
            const now = performance.now();
            const a = document.querySelector('article.situation-report');
            if (start && a && a.dataset.ready === 'yes' && a.dataset.period === period && (total === null || a.dataset.total === String(total)))
              return setTimeout(() => {
                const longest = Math.max(0, ...window.__sitTasks.filter((t) => t.end > start && t.start < now).map((t) => Math.min(t.end, now) - Math.max(t.start, start)));
                resolve({ ms: now - start, longest, total: Number(a.dataset.total) });
              }, 0);
            if (now - t0 > 60_000) return resolve({ ms: null, longest: 0, timedOut: true });
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        });
    });
    const out = { idleFrame: await idleFrame(page), periods: [] };
    // The default period, « 12 h »: the bench's crises are made « now », it holds every sighting.
    await page.evaluate(() => ((window.__sitArmed = window.__sitArm('12h', null)), true));
    await page.getByRole('button', { name: 'Point', exact: true }).click();
    out.open = await page.evaluate(() => window.__sitArmed);
    for (const [label, period] of [['24 h', '24h'], ['Depuis le début', 'all'], ['24 h', '24h'], ['Depuis le début', 'all']]) {
      await page.waitForTimeout(500);
      await page.evaluate(([p, n]) => ((window.__sitArmed = window.__sitArm(p, n)), true), [period, n]);
      await page.getByRole('button', { name: label, exact: true }).click();
      out.periods.push(await page.evaluate(() => window.__sitArmed));
    }
    out.replay = await replayMeasures(page);
    return out;
  });
}

/**
 * The replay (« Relecture ») at n sightings, same page: a click on the tab → the first frame of the
 * table at the end of the record (the whole journal read and replayed); then the slider moved (one
 * `input` event, as a drag's step) to the middle (back: the state rebuilt from the start), to three
 * quarters (forward: only the entries in between applied), to a quarter (back again): each from the
 * event to the first frame whose banner shows that time (the table is rendered in the same commit).
 */
async function replayMeasures(page) {
  await page.evaluate(() => {
    window.__replayArm = (type, time) =>
      new Promise((resolve) => {
        let start = 0;
        window.addEventListener(type, (e) => (start = e.timeStamp), { capture: true, once: true });
        const t0 = performance.now();
        const frame = () => {
          const now = performance.now();
          const banner = document.querySelector('.replay-banner');
          if (start && banner && (time === null || banner.dataset.time === String(time)))
            return setTimeout(() => {
              const longest = Math.max(0, ...window.__sitTasks.filter((t) => t.end > start && t.start < now).map((t) => Math.min(t.end, now) - Math.max(t.start, start)));
              resolve({ ms: now - start, longest, rows: document.querySelector('.replay [aria-rowcount]')?.getAttribute('aria-rowcount') });
            }, 0);
          if (now - t0 > 60_000) return resolve({ ms: null, longest: 0, timedOut: true });
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
  });
  await page.waitForTimeout(500);
  await page.evaluate(() => ((window.__replayArmed = window.__replayArm('click', null)), true));
  await page.getByRole('button', { name: 'Relecture', exact: true }).click();
  const out = { open: await page.evaluate(() => window.__replayArmed), moves: [] };
  const slider = page.getByRole('slider', { name: 'Instant de la relecture' });
  const min = Number(await slider.getAttribute('min'));
  const max = Number(await slider.getAttribute('max'));
  for (const [name, share] of [['back to the middle (rebuilt)', 0.5], ['forward to three quarters (incremental)', 0.75], ['back to a quarter (rebuilt)', 0.25]]) {
    const time = min + Math.round((share * (max - min)) / 1000) * 1000;
    await page.waitForTimeout(500);
    await page.evaluate((t) => ((window.__replayArmed = window.__replayArm('input', t)), true), time);
    // One input event, as one step of a drag of the slider (Playwright's fill on a range input).
    await slider.fill(String(time));
    out.moves.push({ name, ...(await page.evaluate(() => window.__replayArmed)) });
  }
  return out;
}

export function putSituation(put, percentile, k, s) {
  const ms = s.periods.map((x) => x.ms).filter((v) => v !== null);
  put(`${k} situation ui floor: idle frame, median`, s.idleFrame.median, 'ms');
  put(`${k} situation ui tab « Point » → report and map painted (basemap's first load included)`, s.open.ms ?? NaN, 'ms', '≤ 2000');
  put(`${k} situation ui tab « Point »: longest task`, s.open.longest, 'ms');
  put(`${k} situation ui period changed → report painted, median of ${ms.length}`, percentile(ms, 0.5), 'ms', '≤ 2000');
  put(`${k} situation ui period changed: longest task (of ${ms.length})`, Math.max(0, ...s.periods.map((x) => x.longest)), 'ms');
  put(`${k} situation ui sightings in the report (« Depuis le début »)`, s.periods.at(-1)?.total ?? NaN, 'n');
  put(`${k} replay ui tab « Relecture » → table at the end painted (journal read and replayed)`, s.replay.open.ms ?? NaN, 'ms');
  put(`${k} replay ui tab « Relecture »: longest task`, s.replay.open.longest, 'ms');
  for (const m of s.replay.moves) {
    put(`${k} replay ui slider ${m.name} → table painted`, m.ms ?? NaN, 'ms');
    put(`${k} replay ui slider ${m.name}: longest task`, m.longest, 'ms');
  }
}
