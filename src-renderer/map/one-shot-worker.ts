// A worker asked once for one result (the basemap prepared, the gazetteer read), then ended: both
// sides of the exchange. The page side takes the worker made by its caller, since Vite bundles a
// worker only where it sees `new Worker(new URL('./file.ts', import.meta.url))` written out.

/** Page side: posts one request, resolves with the answer's `result`, or rejects (worker failed). */
export function askOnce<T>(worker: Worker, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ result?: T; error?: string }>) => {
      worker.terminate();
      if (e.data.result !== undefined) resolve(e.data.result);
      else reject(new Error(e.data.error ?? `${what} worker: no result`));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || `${what} worker failed`));
    };
    worker.postMessage(what);
  });
}

/** Worker side: answers the request with `make()`, its buffers transferred, not copied. */
export function answerOnce<T>(make: () => T, buffersOf: (result: T) => ArrayBuffer[]): void {
  const scope = self as unknown as { onmessage: (() => void) | null; postMessage(message: unknown, transfer?: Transferable[]): void };
  scope.onmessage = () => {
    try {
      const result = make();
      scope.postMessage({ result }, buffersOf(result));
    } catch (error) {
      scope.postMessage({ error: String(error) });
    }
  };
}
