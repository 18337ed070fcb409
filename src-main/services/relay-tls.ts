// wss:// for the relay: its own certificate, either given (--cert/--key, PEM files) or self-signed,
// generated at first start and kept in the data folder so that its fingerprint — which travels in
// invitations (addresses.fingerprints) — stays the same across restarts. Plain Node, no Electron.
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files';

export interface RelayCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), 64 lowercase hex digits: what invitations carry. */
  fingerprint: string;
}

export const CERT_FILE = 'relais-cert.pem';
export const KEY_FILE = 'relais-cle.pem';

/** The fingerprint as invitations carry it (lowercase hex, no colons). */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/** Reads a PEM certificate and key given by the operator. French message when unusable. */
export async function loadCertificate(certFile: string, keyFile: string): Promise<RelayCertificate> {
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  } catch (error) {
    throw new Error(`Certificat ou clé illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'}) : ${certFile}, ${keyFile}.`);
  }
  let fingerprint: string;
  try {
    fingerprint = certificateFingerprint(cert);
  } catch {
    throw new Error(`« ${certFile} » n’est pas un certificat PEM.`);
  }
  return { cert, key, fingerprint };
}

/**
 * The relay's self-signed certificate in `dir`, created on first use (RSA 2048, 10 years, the
 * listening address as subject alternative name; the key file private to the user). Without a
 * folder the certificate lives in memory and its fingerprint changes at every start.
 */
export async function selfSignedCertificate(host: string, dir?: string): Promise<RelayCertificate> {
  if (dir) {
    try {
      return await loadCertificate(join(dir, CERT_FILE), join(dir, KEY_FILE));
    } catch {
      /* not there yet: created below */
    }
  }
  const { generate } = await import('selfsigned');
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  const generated = await generate([{ name: 'commonName', value: 'Relais Vigie' }], {
    days: 3650,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [isIp ? { type: 7, ip: host } : { type: 2, value: host }] }],
  } as never);
  const certificate = { cert: generated.cert, key: generated.private, fingerprint: certificateFingerprint(generated.cert) };
  if (dir) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(dir, KEY_FILE), certificate.key);
    await chmod(join(dir, KEY_FILE), 0o600);
    await writeFileAtomic(join(dir, CERT_FILE), certificate.cert);
  }
  return certificate;
}
