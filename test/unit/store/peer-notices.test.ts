// When the table hears of what peers changed: a peer's edit a tenth of a second later; a bulk
// arrival (a newcomer receiving the whole crisis) less and less often, never more than 0.8 s apart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BULK_NOTICE, FIRST_NOTICE_MS, LONGEST_NOTICE_MS, PeerNotices } from '../../../src-renderer/store/peer-notices';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A store's listeners, as CrisisStore tells them: each notice takes what waits. */
function listened() {
  const told: { at: number; size: number }[] = [];
  const notices: PeerNotices = new PeerNotices(() => told.push({ at: Date.now(), size: notices.take(new Set()).size }));
  return { notices, told };
}
const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `s${from + i}`);

describe('PeerNotices', () => {
  it('tells a peer\'s edit FIRST_NOTICE_MS after it came, with what came meanwhile', () => {
    const { notices, told } = listened();
    const start = Date.now();
    notices.add(['a']);
    vi.advanceTimersByTime(40);
    notices.add(['b', 'a']);
    vi.advanceTimersByTime(FIRST_NOTICE_MS - 41);
    expect(told).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([{ at: start + FIRST_NOTICE_MS, size: 2 }]);
    expect(notices.waiting).toBe(false);
  });

  it('spaces the notices of a bulk arrival out, up to LONGEST_NOTICE_MS, and comes back to FIRST_NOTICE_MS after it', () => {
    const { notices, told } = listened();
    // 100 slices of 1,000 sightings, one every 20 ms (a newcomer's first sync).
    for (let slice = 0; slice < 100; slice++) {
      notices.add(ids(slice * 1000, 1000));
      vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(LONGEST_NOTICE_MS);
    expect(told.reduce((n, t) => n + t.size, 0)).toBe(100_000); // every sighting told
    const gaps = told.slice(1).map((t, i) => t.at - told[i]!.at);
    expect(gaps[0]).toBe(2 * FIRST_NOTICE_MS);
    expect(Math.max(...gaps)).toBe(LONGEST_NOTICE_MS);
    expect(told.length).toBeLessThan(10); // against 20 at a steady FIRST_NOTICE_MS
    // Once a notice is small again, the next one comes at FIRST_NOTICE_MS.
    while (notices.nextDelayMs !== FIRST_NOTICE_MS) {
      notices.add(['x']);
      vi.advanceTimersByTime(LONGEST_NOTICE_MS);
    }
    const before = told.length;
    notices.add(['y']);
    vi.advanceTimersByTime(FIRST_NOTICE_MS);
    expect(told.slice(before)).toEqual([{ at: Date.now(), size: 1 }]);
  });

  it('a notice told earlier (a local write) takes what waits with it, and the timer is dropped', () => {
    const { notices, told } = listened();
    notices.add(ids(0, BULK_NOTICE));
    const now = notices.take(new Set(['mine']));
    expect(now.size).toBe(BULK_NOTICE + 1);
    expect(notices.waiting).toBe(false);
    vi.advanceTimersByTime(LONGEST_NOTICE_MS);
    expect(told).toHaveLength(0);
    expect(notices.nextDelayMs).toBe(2 * FIRST_NOTICE_MS);
    expect(notices.take(new Set(['again'])).size).toBe(1); // nothing waiting: the notice as it is
  });
});
