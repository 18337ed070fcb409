// Work done while the page is idle, a slice at a time: the search index, the column orders, the
// duplicate index. One policy for all of them: a slice stops after 8 ms whatever the browser's
// deadline offers (an input must never wait long; idle callbacks of 350 ms were measured), and runs
// at least 2 ms when the deadline is short or the 1 s timeout forced the call. A page kept busy by
// other slices (the exchange document loading for 30 s with a long history) is never idle: work that
// must not wait for that gets its 8 ms slices in turn with them instead (inTurn).

/**
 * Runs `work` in the next idle period with a `more()` that says when to stop; without
 * requestIdleCallback, after `fallbackDelayMs`. Returns a function that cancels it.
 */
export function whenIdle(work: (more: () => boolean) => void, fallbackDelayMs = 0): () => void {
  const run = (remaining: number) => {
    const until = performance.now() + Math.min(8, Math.max(2, remaining));
    work(() => performance.now() < until);
  };
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback((d) => run(d.timeRemaining()), { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(() => run(8), fallbackDelayMs);
  return () => clearTimeout(timer);
}

/** Runs `work` in an 8 ms slice in the next macrotask, in turn with other sliced work. Returns a cancel. */
export function inTurn(work: (more: () => boolean) => void): () => void {
  const timer = setTimeout(() => {
    const until = performance.now() + 8;
    work(() => performance.now() < until);
  }, 0);
  return () => clearTimeout(timer);
}
