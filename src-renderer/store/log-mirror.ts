// Follows the shared change log and keeps, for each sighting, its entries (in log order) and its
// current row. Entries appended at the end (the usual case) are applied one by one; entries that a
// merge places before others make the sightings they touch replay from their entries.
import type * as Y from 'yjs';
import { applyChange, parseChange, replay, type Change } from '../core/changes';
import type { Sighting } from '../core/sighting';

export class LogMirror {
  private raw: unknown[] = [];
  readonly entries = new Map<string, Change[]>();
  readonly rows = new Map<string, Sighting>();

  /** Builds everything from the whole log (after loading from disk). */
  reset(all: unknown[]): void {
    this.raw = [];
    this.entries.clear();
    this.rows.clear();
    for (const r of all) this.append(r);
  }

  /** Applies a Y.Array event's delta; returns the ids of the sightings that changed. */
  applyDelta(delta: Y.YEvent<Y.Array<unknown>>['changes']['delta']): Set<string> {
    const touched = new Set<string>();
    let index = 0;
    let reordered = false;
    for (const op of delta) {
      if (op.retain) index += op.retain;
      else if (op.insert) {
        const items = op.insert as unknown[];
        if (index === this.raw.length) for (const r of items) this.append(r, touched);
        else {
          this.raw = this.raw.slice(0, index).concat(items, this.raw.slice(index));
          for (const r of items) {
            const c = parseChange(r);
            if (c) touched.add(c.s);
          }
          reordered = true;
        }
        index += items.length;
      } else if (op.delete) {
        // The app never deletes log entries; a peer that does forces a full rebuild.
        const kept = this.raw;
        kept.splice(index, op.delete);
        this.reset(kept);
        return new Set(this.rows.keys());
      }
    }
    if (reordered) this.rebuild(touched);
    return touched;
  }

  private append(r: unknown, touched?: Set<string>): void {
    this.raw.push(r);
    const c = parseChange(r);
    if (!c) return;
    const list = this.entries.get(c.s);
    if (list) list.push(c);
    else this.entries.set(c.s, [c]);
    const row = applyChange(this.rows.get(c.s), c);
    if (row) this.rows.set(c.s, row);
    touched?.add(c.s);
  }

  private rebuild(ids: Set<string>): void {
    for (const id of ids) this.entries.set(id, []);
    for (const r of this.raw) {
      if (!ids.has((r as { s?: string } | null)?.s as string)) continue;
      const c = parseChange(r);
      if (c && ids.has(c.s)) this.entries.get(c.s)!.push(c);
    }
    for (const id of ids) {
      const row = replay(this.entries.get(id)!);
      if (row) this.rows.set(id, row);
      else this.rows.delete(id);
    }
  }
}
