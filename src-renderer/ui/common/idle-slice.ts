// Work done while the page is idle, a slice at a time: the search index, the column orders, the
// duplicate index. One policy for all of them: a slice stops after 8 ms whatever the browser's
// deadline offers (an input must never wait long; idle callbacks of 350 ms were measured), and runs
// at least 2 ms when the deadline is short or the 1 s timeout forced the call.

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
