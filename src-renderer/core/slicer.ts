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

export class Slicer {
  private started = now();
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
    return now() - this.started >= this.budgetMs;
  }
  /** Gives the event loop a turn and starts a new slice. */
  async yieldNow(): Promise<void> {
    await this.yieldFn();
    this.started = now();
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
