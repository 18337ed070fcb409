// Whether a request to forget a document (after a purge) is backed by the crisis's own record: among
// the entries to keep, a purge certificate (`s`) correctly signed by a member the rules let purge (the
// creator, a coordinator, the COD), judged on the document's entries exactly as a copy judges them.
// The relay holds the key-holders' document, not their trust: a member with the key but not the
// right must not be able to empty it.
import { checkEntry, type Passed } from '../../src-renderer/core/check-entry';
import { CrisisState } from '../../src-renderer/core/crisis-state';
import { isEnvelope, parseBody, type Envelope } from '../../src-renderer/core/records';
import { can } from '../../src-renderer/core/rules';
import { entryId } from '../../src-renderer/core/signing';

export async function purgeBacked(record: readonly unknown[], keep: readonly Envelope[]): Promise<boolean> {
  const envelopes = record.filter(isEnvelope);
  // The crisis's id is its first entry's (`x`), whose id the rules check against it.
  let crisisId: string | null = null;
  for (const e of envelopes) {
    const parsed = parseBody(e.d);
    if (parsed.ok && parsed.body.k === 'x') {
      crisisId = await entryId(e.d);
      break;
    }
  }
  if (!crisisId) return false;
  const id = crisisId;
  const checked = await Promise.all(envelopes.map(async (e) => ({ ...(await checkEntry(id, e)), g: e.g })));
  const state = new CrisisState(id);
  // In rounds, as the intake does: an entry waiting for its author's admission is tried again.
  let waiting = checked.filter((c): c is Passed & { g: string } => !c.reason);
  for (let progress = true; progress && waiting.length; ) {
    const next = waiting.filter((e) => {
      const verdict = state.check(e);
      if (verdict.ok) state.apply(e);
      return !verdict.ok && verdict.pending;
    });
    progress = next.length < waiting.length;
    waiting = next;
  }
  for (const e of keep) {
    const c = await checkEntry(id, e);
    if (c.body && !c.reason && c.body.k === 's' && !e.g.startsWith('~') && can(state, c.body.a, 'purge')) return true;
  }
  return false;
}
