// The verification worker: ids (SHA-256) and checks (body, Ed25519 signature) of entries that
// arrive, off the page's thread (a newcomer receiving a whole crisis verifies 100,000 signatures).
// It decides nothing: the page applies the rules and writes the journal (intake.ts), with the
// results this worker returns. See verifier.ts.
import { checkEntries, entryIds } from '../core/check-entry';
import type { VerifyRequest, VerifyResponse } from './verifier';

const scope = self as unknown as { onmessage: ((e: MessageEvent<VerifyRequest>) => void) | null; postMessage(m: VerifyResponse): void };

scope.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.op === 'ids') scope.postMessage({ seq: m.seq, ids: await entryIds(m.texts) });
    else scope.postMessage({ seq: m.seq, results: await checkEntries(m.crisisId, m.envelopes, m.ids) });
  } catch (error) {
    scope.postMessage({ seq: m.seq, error: String(error) });
  }
};
