// Certificate fingerprints as a coordinator types or pastes them into the sync settings, one per
// line, and as invitations carry them (`addresses.fingerprints`: SHA-256 of the certificate's DER,
// 64 lowercase hex digits, at most 8). Accepts what people copy: the relay's own line (lowercase
// hex), OpenSSL's `sha256 Fingerprint=AB:CD:…`, a browser's `AB:CD:…` or `AB CD …`. Pure: no DOM.

/** As syncAddressesSchema (core/invitation.ts). */
export const MAX_FINGERPRINTS = 8;

const HEX_DIGITS = 64;
/** A SHA-1 fingerprint, which some tools still show first: 40 hex digits. */
const SHA1_DIGITS = 40;

export type FingerprintProblem =
  /** A character other than a hex digit, ':' or a space (`char` is the first one). */
  | { reason: 'character'; char: string }
  /** A SHA-1 fingerprint (40 digits) where SHA-256 is needed. */
  | { reason: 'sha1' }
  /** Not 64 hex digits (`digits` is how many were found). */
  | { reason: 'length'; digits: number };

export type FingerprintIssue =
  /** `line` counts from 1, blank lines included, as the user sees the field. */
  | ({ line: number } & FingerprintProblem)
  | { line: null; reason: 'tooMany'; count: number };

// OpenSSL prints "sha256 Fingerprint=…" (3.x) or "SHA256 Fingerprint=…" (1.x); some tools "SHA-256: …".
const LABEL = /^sha-?256(?:\s*fingerprint)?\s*[=:]?\s*/i;

/** One fingerprint in the invitations' form (64 lowercase hex), or why the text is not one. */
export function normalizeFingerprint(text: string): { fingerprint: string } | FingerprintProblem {
  const bare = text.trim().replace(LABEL, '');
  const bad = /[^0-9a-f:\s]/i.exec(bare);
  if (bad) return { reason: 'character', char: bad[0] };
  const digits = bare.replace(/[:\s]/g, '').toLowerCase();
  if (digits.length === HEX_DIGITS) return { fingerprint: digits };
  if (digits.length === SHA1_DIGITS) return { reason: 'sha1' };
  return { reason: 'length', digits: digits.length };
}

/**
 * The settings field: one fingerprint per line, blank lines ignored, duplicates (in any of the
 * accepted forms) kept once. Either every line is a fingerprint, or the issues, line by line.
 */
export function parseFingerprintLines(text: string): { ok: true; fingerprints: string[] } | { ok: false; issues: FingerprintIssue[] } {
  const fingerprints: string[] = [];
  const issues: FingerprintIssue[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const result = normalizeFingerprint(raw);
    if ('fingerprint' in result) {
      if (!fingerprints.includes(result.fingerprint)) fingerprints.push(result.fingerprint);
    } else {
      issues.push({ line: index + 1, ...result });
    }
  });
  if (issues.length === 0 && fingerprints.length > MAX_FINGERPRINTS) issues.push({ line: null, reason: 'tooMany', count: fingerprints.length });
  return issues.length === 0 ? { ok: true, fingerprints } : { ok: false, issues };
}

/** `ab12…` → `AB:12:…`, the form browsers and OpenSSL show, for reading side by side. */
export function displayFingerprint(fingerprint: string): string {
  return (fingerprint.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}
