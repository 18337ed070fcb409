// Random ids and keys from the platform's CSPRNG (browser, Electron and Node 20 alike).
import { toBase64url as base64url } from './base64url';

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** 96 random bits: unique across peers without coordination, and short in every log entry. */
export function newId(): string {
  return base64url(randomBytes(12));
}

/** A crisis's secret: 256 random bits, base64url (43 characters). */
export function newCrisisKey(): string {
  return base64url(randomBytes(32));
}

export const CRISIS_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
