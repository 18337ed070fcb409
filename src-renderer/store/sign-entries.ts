// Entries written on this copy, signed with its device key (core/signing.ts) and named by the hash
// of their text, a slice at a time: a large batch (an import) never holds the page for long.
import { entryText, signedText, type Body, type UnsignedBody } from '../core/records';
import { entryId, type Signer } from '../core/signing';
import { yieldToEventLoop } from '../core/slicer';
import type { SignedEntry } from './intake';

const SIGN_SLICE = 250;

/** Every body as written by `signer` at author time `t`, in order; `onSigned` hears of each slice of a large batch. */
export async function signEntries(crisisId: string, signer: Signer, t: number, unsigned: readonly UnsignedBody[], onSigned?: (count: number) => void): Promise<SignedEntry[]> {
  const entries: SignedEntry[] = [];
  for (let i = 0; i < unsigned.length; i += SIGN_SLICE) {
    const slice = await Promise.all(
      unsigned.slice(i, i + SIGN_SLICE).map(async (u) => {
        const body = { ...u, a: signer.id, t } as Body;
        const d = entryText(body);
        const [g, id] = await Promise.all([signer.sign(signedText(crisisId, d)), entryId(d)]);
        return { id, d, g, body };
      }),
    );
    entries.push(...slice);
    if (unsigned.length > SIGN_SLICE) {
      onSigned?.(entries.length);
      await yieldToEventLoop();
    }
  }
  return entries;
}
