// The sync settings' fingerprint field: what people paste, what invitations carry.
import { describe, expect, it } from 'vitest';
import { displayFingerprint, MAX_FINGERPRINTS, normalizeFingerprint, parseFingerprintLines } from '../../../src-renderer/core/fingerprints';
import { syncAddressesSchema } from '../../../src-renderer/core/invitation';

const HEX = '3f2a9c0b7d1e4f5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c';
const COLONS = HEX.toUpperCase().match(/../g)!.join(':');
const other = (n: number) => n.toString(16).padStart(2, '0').repeat(32);

describe('normalizeFingerprint', () => {
  it('accepts the relay’s line, the AA:BB:… form, OpenSSL’s and a browser’s, and gives lowercase hex', () => {
    for (const text of [
      HEX,
      HEX.toUpperCase(),
      COLONS,
      `  ${COLONS}  `,
      `sha256 Fingerprint=${COLONS}`,
      `SHA256 Fingerprint=${COLONS}`,
      `SHA-256: ${COLONS}`,
      COLONS.replace(/:/g, ' '),
      `${COLONS.slice(0, 47)}\t${COLONS.slice(48)}`,
    ]) {
      expect(normalizeFingerprint(text)).toEqual({ fingerprint: HEX });
    }
    expect(COLONS).toHaveLength(95);
  });

  it('says why a text is not a SHA-256 fingerprint', () => {
    expect(normalizeFingerprint(HEX.slice(1))).toEqual({ reason: 'length', digits: 63 });
    expect(normalizeFingerprint(`${HEX}0`)).toEqual({ reason: 'length', digits: 65 });
    expect(normalizeFingerprint('')).toEqual({ reason: 'length', digits: 0 });
    expect(normalizeFingerprint(HEX.slice(0, 40))).toEqual({ reason: 'sha1' });
    expect(normalizeFingerprint(`${HEX.slice(0, 10)}g${HEX.slice(11)}`)).toEqual({ reason: 'character', char: 'g' });
    expect(normalizeFingerprint(`${HEX.slice(0, 63)}-`)).toEqual({ reason: 'character', char: '-' });
    expect(normalizeFingerprint('md5 Fingerprint=AB:CD')).toEqual({ reason: 'character', char: 'm' });
  });
});

describe('parseFingerprintLines', () => {
  it('keeps one normalised fingerprint per line, ignores blank lines and duplicates', () => {
    expect(parseFingerprintLines('')).toEqual({ ok: true, fingerprints: [] });
    expect(parseFingerprintLines(`\n${COLONS}\r\n\n  \n${other(1)}\n${HEX}\n`)).toEqual({ ok: true, fingerprints: [HEX, other(1)] });
  });

  it('names each wrong line as the user sees it (blank lines counted) and why', () => {
    const text = [HEX, '', HEX.slice(2), `${COLONS}:ZZ`, HEX.slice(0, 40)].join('\n');
    expect(parseFingerprintLines(text)).toEqual({
      ok: false,
      issues: [
        { line: 3, reason: 'length', digits: 62 },
        { line: 4, reason: 'character', char: 'Z' },
        { line: 5, reason: 'sha1' },
      ],
    });
  });

  it('allows as many as an invitation carries', () => {
    const eight = Array.from({ length: MAX_FINGERPRINTS }, (_, i) => other(i));
    expect(parseFingerprintLines(eight.join('\n'))).toEqual({ ok: true, fingerprints: eight });
    expect(parseFingerprintLines([...eight, other(8)].join('\n'))).toEqual({ ok: false, issues: [{ line: null, reason: 'tooMany', count: 9 }] });
    // Duplicates do not count twice.
    expect(parseFingerprintLines([...eight, eight[0]].join('\n')).ok).toBe(true);
  });

  it('produces what the invitation schema accepts, and the schema keeps it', () => {
    const result = parseFingerprintLines(`${COLONS}\n${other(7)}`);
    if (!result.ok) throw new Error('refusé');
    const addresses = { signaling: [], relay: ['wss://192.168.10.2:4444/sync'], ice: [], fingerprints: result.fingerprints };
    expect(syncAddressesSchema.parse(addresses)).toEqual(addresses);
  });
});

describe('displayFingerprint', () => {
  it('shows the AA:BB:… form browsers and OpenSSL print, which the field accepts back', () => {
    expect(displayFingerprint(HEX)).toBe(COLONS);
    expect(normalizeFingerprint(displayFingerprint(HEX))).toEqual({ fingerprint: HEX });
  });
});

describe('fingerprints in a crisis’s addresses', () => {
  it('are saved with the settings, travel in the invitation and are kept by the copy that joins', async () => {
    const { CrisisStore } = await import('../../../src-renderer/store/crisis-store');
    const { decodeInvitation, encodeInvitation } = await import('../../../src-renderer/core/invitation');
    const { joinCrisis, listCrises, saveAddresses } = await import('../../../src-renderer/store/registry');
    const { alice, crisisIn, freshDb } = await import('../store/helpers');
    const parsed = parseFingerprintLines(`${COLONS}\n${other(5)}`);
    if (!parsed.ok) throw new Error('refusé');
    const addresses = { signaling: ['wss://192.168.10.2:4444/signal'], relay: ['wss://192.168.10.2:4444/sync'], ice: [], fingerprints: parsed.fingerprints };

    const dbA = freshDb();
    const created = await crisisIn(dbA);
    const saved = await saveAddresses(dbA, created.id, addresses);
    expect(saved.addresses).toEqual(addresses);
    const store = await CrisisStore.open(dbA, saved, alice);
    const { id, name, departement, hazard, startedAt, key, epoch } = store.crisis;
    const code = await encodeInvitation({ id, name, departement, hazard, startedAt, key, epoch, addresses: saved.addresses!, admission: await store.membership.newInvitationAdmission('veilleur') });
    const invitation = await decodeInvitation(code);
    expect(invitation.addresses.fingerprints).toEqual([HEX, other(5)]);

    const dbB = freshDb();
    const record = await joinCrisis(dbB, invitation);
    expect(record.addresses).toEqual(addresses);
    expect((await listCrises(dbB)).find((c) => c.id === id)?.addresses?.fingerprints).toEqual([HEX, other(5)]);
    await store.close();
  });
});
