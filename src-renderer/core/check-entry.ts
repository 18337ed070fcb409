// What is checked of each entry that arrives, before any rule: its id, its body and its signature
// (and, for a joiner's profile, the invitation key's binding). Pure WebCrypto: the same code runs in
// the page and in the verification worker (store/verify-worker.ts), so the checks cannot differ.
import { bindingText, parseBody, signedText, type Body, type Envelope } from './records';
import { entryId, verifySignature } from './signing';
import { sha256Base64url } from './purge';

/** An entry that passed: its id and its validated body. */
export interface Passed {
  id: string;
  body: Body;
  reason?: undefined;
}
/** An entry that failed: why, in French (and its body when it could be read). */
export interface Failed {
  id: string;
  body?: Body;
  reason: string;
}
export type Checked = Passed | Failed;

/** Ids of signed texts (SHA-256), in order. */
export function entryIds(texts: readonly string[]): Promise<string[]> {
  return Promise.all(texts.map((d) => entryId(d)));
}

/** Body, signature and binding of one envelope (its shape already checked: isEnvelope). */
export async function checkEntry(crisisId: string, v: Envelope, id?: string): Promise<Checked> {
  id ??= await entryId(v.d);
  const parsed = parseBody(v.d);
  if (!parsed.ok) return { id, reason: parsed.reason };
  const body = parsed.body;
  // A redacted entry: no signature, the hash of its text instead; a purge certificate must vouch for
  // it (checked with the rules, core/crisis-state.ts), or it is never accepted.
  if (v.g.startsWith('~')) return v.g === `~${await sha256Base64url(v.d)}` ? { id, body } : { id, body, reason: 'entrée purgée altérée' };
  const signed = await verifySignature(body.a, signedText(crisisId, v.d), v.g);
  const bound = body.k === 'p' && body.i && body.w ? await verifySignature(body.i, bindingText(crisisId, body.a), body.w) : true;
  if (!signed || !bound) return { id, body, reason: signed ? "liaison d'invitation invalide" : 'signature invalide' };
  return { id, body };
}

/** Every envelope of a batch, in order (ids given when already computed). */
export function checkEntries(crisisId: string, envelopes: readonly Envelope[], ids?: readonly string[]): Promise<Checked[]> {
  return Promise.all(envelopes.map((v, i) => checkEntry(crisisId, v, ids?.[i])));
}
