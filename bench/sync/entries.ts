// Log entries as Vigie writes them (store/crisis-store.ts write): signed envelopes `{ d, g }`, `d` the
// JSON of the body (author `a` = the signer's public key, author time `t`), `g` its Ed25519
// signature of `crisisId + "\n" + d`. One creation entry per sighting, from the same seeded flood
// sightings as the store bench (bench/page/rows.ts), and one-field edits. The entry id
// (SHA-256 of d) is computed as the store computes it, though the envelope does not carry it.
import { creationBody, editBody } from '../../src-renderer/core/changes';
import { newId } from '../../src-renderer/core/ids';
import { signedText, type Body, type Envelope, type UnsignedBody } from '../../src-renderer/core/records';
import { DEFAULT_FIELDS, type Sighting } from '../../src-renderer/core/sighting';
import { entryId, newSigningKeys, signerFrom, type Signer } from '../../src-renderer/core/signing';
import { makeInputs } from '../page/rows';

export type LogEntry = Envelope;
export type { Signer };

/** A device's signer, as device-keys.ts makes one. */
export async function newSigner(): Promise<Signer> {
  return signerFrom(await newSigningKeys());
}

/** Signs bodies as CrisisStore.write does: all of them at once (in batches of 2,000 promises here). */
export async function signAll(signer: Signer, crisisId: string, unsigned: UnsignedBody[], t: number): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for (let i = 0; i < unsigned.length; i += 2000)
    out.push(
      ...(await Promise.all(
        unsigned.slice(i, i + 2000).map(async (u) => {
          const d = JSON.stringify({ ...u, a: signer.id, t } as Body);
          const [g] = await Promise.all([signer.sign(signedText(crisisId, d)), entryId(d)]);
          return { d, g };
        }),
      )),
    );
  return out;
}

/** n creation entries, as n sightings captured (or imported, createMany) by `signer`. */
export function creationEntries(n: number, signer: Signer, crisisId: string, t = Date.now()): Promise<LogEntry[]> {
  return signAll(signer, crisisId, makeInputs(n).map((input) => creationBody(newId(), { ...DEFAULT_FIELDS, ...input })), t);
}

/** One edit of one field, as CrisisStore.update writes it: `{k: 'e', s, f: {priority: 'P1'}, p: {priority: 'P2'}}`. */
export async function priorityEdit(sighting: string, signer: Signer, crisisId: string, t = Date.now()): Promise<LogEntry> {
  const body = editBody({ ...DEFAULT_FIELDS, id: sighting, priority: 'P2' } as Sighting, { priority: 'P1' })!;
  return (await signAll(signer, crisisId, [body], t))[0]!;
}

/** The sighting a creation entry creates, or null (peers do not verify: they only read their log). */
export function createdSighting(e: LogEntry): string | null {
  const b = JSON.parse(e.d) as Body;
  return b.k === 'c' ? b.s : null;
}
