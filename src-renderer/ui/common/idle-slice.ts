// Work done while the page is idle, a slice at a time: the search index, the column orders, the
// duplicate index. One policy for all of them: a slice stops after 8 ms whatever the browser's
// deadline offers (an input must never wait long; idle callbacks of 350 ms were measured), and runs
// at least 2 ms when the deadline is short or the 1 s timeout forced the call. A page kept busy by
// other slices (the exchange document loading for 30 s with a long history) is never idle: work that
// must not wait for that gets its 8 ms slices in turn with them instead (inTurn).

import { postTask } from '../../core/slicer';

/** Runs `work` with a `more()` that says stop after `ms`. */
function slice(work: (more: () => boolean) => void, ms: number): void {
  const until = performance.now() + ms;
  work(() => performance.now() < until);
}

/**
 * Runs `work` when the page has nothing else to do, with a `more()` that says when to stop; returns
 * a function that cancels it. A background task (scheduler.postTask) when the browser has them:
 * idle callbacks come once per idle period of up to 50 ms, so 8 ms slices used 17 % of an idle
 * page (measured) and the indexes took six times longer than they need; background tasks follow
 * each other while nothing else waits (98 %), and still give way to input, frames and every other
 * task. The idle callback is kept beside it for its 1 s timeout: work goes on, if slowly, on a page
 * that is never idle. Without either, after `fallbackDelayMs`.
 */
export function whenIdle(work: (more: () => boolean) => void, fallbackDelayMs = 0): () => void {
  const run = (remaining: number) => slice(work, Math.min(8, Math.max(2, remaining)));
  if (typeof requestIdleCallback === 'function') {
    const controller = postTask ? new AbortController() : null;
    let handle = 0;
    const cancel = () => {
      controller?.abort();
      cancelIdleCallback(handle);
    };
    const once = (remaining: number) => {
      cancel();
      run(remaining);
    };
    handle = requestIdleCallback((d) => once(d.timeRemaining()), { timeout: 1000 });
    if (controller) postTask!(() => once(8), { priority: 'background', signal: controller.signal }).catch(() => undefined);
    return cancel;
  }
  const timer = setTimeout(() => run(8), fallbackDelayMs);
  return () => clearTimeout(timer);
}

/** Runs `work` in an 8 ms slice in the next macrotask, in turn with other sliced work. Returns a cancel. */
export function inTurn(work: (more: () => boolean) => void): () => void {
  const timer = setTimeout(() => slice(work, 8), 0);
  return () => clearTimeout(timer);
}
