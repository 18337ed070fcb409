// Long work cut into slices so the page stays responsive: work until the slice's budget is spent,
// then give the event loop a turn (input, painting, progress) and go on. Used by imports, exports,
// and the store's long loops (cold open, large writes).

export type Yield = () => Promise<void>;

/** A macrotask turn. MessageChannel where there is one (setTimeout(0) is clamped to 4 ms when nested). */
export const yieldToEventLoop: Yield = () =>
  new Promise((resolve) => {
    if (typeof MessageChannel === 'function') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else setTimeout(resolve, 0);
  });

type PostTask = (task: () => void, options: { priority: 'background'; signal?: AbortSignal }) => Promise<void>;
const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
/** The browser's scheduler.postTask, where it has one (not in Node). */
export const postTask: PostTask | undefined = scheduler?.postTask?.bind(scheduler);

/**
 * A turn after whatever else the page has to do (a background task where the browser has
 * scheduler.postTask): for work nobody waits on, so that what a user waits on (React's first render of
 * a crisis, cut into slices too) is not slowed down by it.
 */
export const yieldInBackground: Yield = postTask ? () => postTask(() => undefined, { priority: 'background' }) : yieldToEventLoop;

/** How often due() reads the clock, at most: about every this many milliseconds of work. */
const CHECK_EVERY_MS = 0.25;
/** Not more: an item that turns out long right after cheap ones stretches the slice by this many items at most. */
const MAX_STRIDE = 8;

export class Slicer {
  private started = now();
  private lastCheck = this.started;
  /** due() reads the clock once every `stride` calls: reading it costs about a microsecond, as much as a cheap item. */
  private stride = 1;
  private calls = 0;
  constructor(
    private readonly budgetMs = 12,
    private readonly yieldFn: Yield = yieldToEventLoop,
  ) {}
  /** Yields when the current slice has used its budget. */
  async maybeYield(): Promise<void> {
    if (this.due()) await this.yieldNow();
  }
  /** Whether the slice's budget is spent (no promise: for loops over hundreds of thousands of items). */
  due(): boolean {
    if (++this.calls < this.stride) return false;
    this.calls = 0;
    const t = now();
    // Items that take no time: read the clock less often; items that take long: every time.
    const since = t - this.lastCheck;
    this.lastCheck = t;
    if (since < CHECK_EVERY_MS / 2) this.stride = Math.min(this.stride * 2, MAX_STRIDE);
    else if (since > CHECK_EVERY_MS * 2) this.stride = 1;
    return t - this.started >= this.budgetMs;
  }
  /** Gives the event loop a turn and starts a new slice. */
  async yieldNow(): Promise<void> {
    await this.yieldFn();
    this.started = this.lastCheck = now();
    this.calls = 0;
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
