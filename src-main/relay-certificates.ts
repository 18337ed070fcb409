// wss:// relays with their own (self-signed) certificate: the desktop shell accepts such a
// certificate only when its SHA-256 fingerprint is one the open crisis lists in its addresses
// (invitation `addresses.fingerprints`, docs/relay.md). The page tells the shell which fingerprints
// are trusted through one IPC channel, sender-checked and validated like those of ipc.ts; every
// other certificate gets Chromium's own verdict, unchanged.
import { X509Certificate } from 'node:crypto';
import { ipcMain, session, type Certificate, type IpcMainInvokeEvent, type Session } from 'electron';
import { z } from 'zod';
import { TRUST_RELAY_CERTIFICATES } from './bridge';
import { assertTrustedSender, type IpcDeps } from './ipc';

/** The page → shell channel (declared in bridge.ts for the preload): the whole list of trusted fingerprints (replaces the previous one). */
export { TRUST_RELAY_CERTIFICATES };

/** Eight per crisis (the invitation's limit), a few crises open over a session. */
export const MAX_TRUSTED_FINGERPRINTS = 64;

const fingerprintsSchema = z
  .array(z.string().regex(/^[0-9a-f]{64}$/, { error: 'empreinte SHA-256 attendue (64 chiffres hexadécimaux)' }))
  .max(MAX_TRUSTED_FINGERPRINTS, { error: `au plus ${MAX_TRUSTED_FINGERPRINTS} empreintes` });

/** SHA-256 of the certificate (DER) as invitations carry it; null when Electron's PEM does not parse. */
export function fingerprintOf(certificate: Pick<Certificate, 'data'>): string | null {
  try {
    return new X509Certificate(certificate.data).fingerprint256.replace(/:/g, '').toLowerCase();
  } catch {
    return null;
  }
}

interface VerifyRequest {
  hostname: string;
  certificate: Certificate;
  verificationResult: string;
  errorCode: number;
}

/** Chromium's verdict (-3), or 0 (accepted) for a certificate whose fingerprint is trusted. */
export function verifyCertificate(request: VerifyRequest, trusted: ReadonlySet<string>): number {
  if (request.verificationResult === 'net::OK') return -3;
  const fingerprint = fingerprintOf(request.certificate);
  return fingerprint !== null && trusted.has(fingerprint) ? 0 : -3;
}

export interface RelayCertificates {
  /** Fingerprints currently trusted (tests, diagnostics). */
  trusted(): ReadonlySet<string>;
}

/** Installs the verification on the default session and the IPC channel. Call once, when ready. */
export function installRelayCertificates(deps: IpcDeps, target: Session = session.defaultSession): RelayCertificates {
  let trusted = new Set<string>();
  // (A session without the method — the shared Electron stand-in of older tests — keeps Chromium's
  // verification for every certificate, which is the safe side.)
  if (typeof target.setCertificateVerifyProc === 'function') {
    target.setCertificateVerifyProc((request, callback) => callback(verifyCertificate(request, trusted)));
  }
  ipcMain.handle(TRUST_RELAY_CERTIFICATES, (event: IpcMainInvokeEvent, fingerprints: unknown): number => {
    assertTrustedSender(event, deps);
    const result = fingerprintsSchema.safeParse(fingerprints, { error: z.locales.fr().localeError });
    if (!result.success) {
      throw new Error(`Argument invalide pour ${TRUST_RELAY_CERTIFICATES} : ${result.error.issues[0]?.message ?? 'refusé'}.`);
    }
    trusted = new Set(result.data);
    return trusted.size;
  });
  return { trusted: () => trusted };
}
