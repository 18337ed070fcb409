// The idle-time slices (ui/common/idle-slice.ts whenIdle): a background task when the browser has
// scheduler.postTask, an idle callback beside it for its 1 s timeout; whichever comes first runs
// the work once and cancels the other; cancelling before either runs nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';

interface Posted {
  task: () => void;
  signal: AbortSignal;
}

async function withFakes() {
  const posted: Posted[] = [];
  const idle = new Map<number, (d: { timeRemaining: () => number }) => void>();
  let next = 1;
  vi.stubGlobal('scheduler', {
    postTask: (task: () => void, o: { priority: string; signal: AbortSignal }) => {
      expect(o.priority).toBe('background');
      posted.push({ task, signal: o.signal });
      return new Promise((resolve, reject) => o.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    },
  });
  vi.stubGlobal('requestIdleCallback', (cb: (d: { timeRemaining: () => number }) => void) => {
    idle.set(next, cb);
    return next++;
  });
  vi.stubGlobal('cancelIdleCallback', (h: number) => idle.delete(h));
  vi.resetModules();
  const { whenIdle } = await import('../../../src-renderer/ui/common/idle-slice');
  return { whenIdle, posted, idle };
}

afterEach(() => vi.unstubAllGlobals());

describe('travail en tâche de fond', () => {
  it('passe par une tâche de fond, et l’appel au repos prévu est annulé', async () => {
    const { whenIdle, posted, idle } = await withFakes();
    const work = vi.fn();
    whenIdle(work);
    expect(posted).toHaveLength(1);
    expect(idle.size).toBe(1);
    posted[0]!.task();
    expect(work).toHaveBeenCalledTimes(1);
    expect(idle.size).toBe(0);
    expect(posted[0]!.signal.aborted).toBe(true);
  });

  it('sur une page jamais au repos, l’appel au repos (délai d’une seconde) passe et la tâche de fond est abandonnée', async () => {
    const { whenIdle, posted, idle } = await withFakes();
    let slice = -1;
    whenIdle((more) => {
      const t0 = performance.now();
      while (more()) if (performance.now() - t0 > 50) break;
      slice = performance.now() - t0;
    });
    [...idle.values()][0]!({ timeRemaining: () => 0 });
    expect(posted[0]!.signal.aborted).toBe(true);
    // At least 2 ms when the deadline is spent, and never the 50 ms of the guard.
    expect(slice).toBeGreaterThan(1.5);
    expect(slice).toBeLessThan(50);
  });

  it('annulé avant, ne fait rien', async () => {
    const { whenIdle, posted, idle } = await withFakes();
    const work = vi.fn();
    whenIdle(work)();
    expect(idle.size).toBe(0);
    expect(posted[0]!.signal.aborted).toBe(true);
  });
});
