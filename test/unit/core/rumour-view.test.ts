import { describe, expect, it } from 'vitest';
import { orderRumours, rumourStats } from '../../../src-renderer/core/rumour-view';
import { seenAt, type Sighting } from '../../../src-renderer/core/sighting';
import type { Rumour } from '../../../src-renderer/core/workflow-state';
import { sighting } from './export/helpers';

const T = (h: number, m = 0) => Date.UTC(2026, 10, 23, h, m);
function rumour(id: string, fields: Partial<Rumour> = {}): Rumour {
  return { id, claim: id, verdict: 'non_verifiee', evidence: '', correction: '', link: '', isPublic: false, sightings: new Set(), createdBy: 'a', createdAt: T(6), updatedBy: 'a', updatedAt: T(6), ...fields };
}

describe('rumour stats', () => {
  const x1 = sighting({ platform: 'x', postedAt: new Date(T(9, 15)).toISOString(), createdAt: T(11) });
  const x2 = sighting({ platform: 'x', createdAt: T(10) });
  const fb = sighting({ platform: 'facebook', postedAt: 'pas une date', createdAt: T(12) });
  const gone = sighting({ platform: 'tiktok', status: 'archive', createdAt: T(7) });
  const rows = new Map<string, Sighting>([x1, x2, fb, gone].map((s) => [s.id, s]));
  const get = (id: string) => rows.get(id);

  it('seen at the post’s time when known, else at capture', () => {
    expect(seenAt(x1)).toBe(T(9, 15));
    expect(seenAt(x2)).toBe(T(10));
    expect(seenAt(fb)).toBe(T(12));
  });

  it('counts the linked sightings by platform, first and last seen; archived and not yet received ones left out', () => {
    const r = rumour('r', { sightings: new Set([x1.id, x2.id, fb.id, gone.id, 'unknown']) });
    expect(rumourStats(r, get)).toEqual({ count: 3, byPlatform: [['x', 2], ['facebook', 1]], firstSeen: T(9, 15), lastSeen: T(12) });
    expect(rumourStats(rumour('empty'), get)).toEqual({ count: 0, byPlatform: [], firstSeen: null, lastSeen: null });
  });

  it('orders the unverified first, then the most recently seen', () => {
    const old = rumour('old', { verdict: 'non_verifiee', sightings: new Set([x2.id]) });
    const recent = rumour('recent', { verdict: 'non_verifiee', sightings: new Set([fb.id]) });
    const done = rumour('done', { verdict: 'fausse', sightings: new Set([fb.id]), updatedAt: T(13) });
    const doneEarlier = rumour('doneEarlier', { verdict: 'vraie', updatedAt: T(8) });
    const doneLater = rumour('doneLater', { verdict: 'trompeuse', updatedAt: T(14) });
    expect(orderRumours([done, doneEarlier, old, doneLater, recent], get).map((e) => e.rumour.id)).toEqual(['recent', 'old', 'doneLater', 'done', 'doneEarlier']);
  });
});
