// Where to find the others: signaling servers, relays and ICE servers, one per line, and the
// fingerprints of the self-signed certificates of wss:// relays. Nothing is filled in by default: no
// public server is ever contacted unless someone types its address.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeFingerprint, parseFingerprintLines, type FingerprintIssue } from '../../core/fingerprints';
import { syncAddressesSchema } from '../../core/invitation';
import { platform } from '../../platform';
import { saveAddresses } from '../../store/registry';
import { useSession, useSyncSession } from '../session';
import { Dialog } from './Dialog';
import { RelayHost } from './RelayHost';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
/** The same server, whether ws:// or wss:// (starting the relay encrypted replaces its ws:// lines). */
const sameServer = (a: string, b: string) => a.replace(/^wss?:/, '') === b.replace(/^wss?:/, '');
const putFirst = (text: string, url: string) => [url, ...lines(text).filter((u) => !sameServer(u, url))].join('\n');
const sameFingerprint = (line: string, fingerprint: string) => {
  const parsed = normalizeFingerprint(line);
  return 'fingerprint' in parsed && parsed.fingerprint === fingerprint;
};

export function SyncSettings({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, store } = useSession();
  const sync = useSyncSession();
  const current = sync.currentAddresses;
  const [form, setForm] = useState({
    signaling: current.signaling.join('\n'),
    relay: current.relay.join('\n'),
    ice: current.ice.join('\n'),
    fingerprints: (current.fingerprints ?? []).join('\n'),
  });
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const issueText = (issue: FingerprintIssue): string => {
    if (issue.reason === 'tooMany') return t('sync.fingerprintTooMany', { total: issue.count });
    const reason =
      issue.reason === 'character'
        ? t('sync.fingerprintCharacter', { char: issue.char })
        : issue.reason === 'sha1'
          ? t('sync.fingerprintSha1')
          : t('sync.fingerprintLength', { digits: issue.digits });
    return t('sync.fingerprintLine', { line: issue.line, reason });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    const prints = parseFingerprintLines(form.fingerprints);
    if (!prints.ok) return setError(prints.issues.map(issueText).join(' ; '));
    const parsed = syncAddressesSchema.safeParse({
      signaling: lines(form.signaling),
      relay: lines(form.relay),
      ice: lines(form.ice),
      // Left out when empty: the invitation stays as short as before.
      ...(prints.fingerprints.length > 0 ? { fingerprints: prints.fingerprints } : {}),
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join(' ')} : ${i.message}`).join(' ; '));
    setError('');
    setForm((f) => ({ ...f, fingerprints: prints.fingerprints.join('\n') }));
    await saveAddresses(db, store!.crisis.id, parsed.data);
    // The shell learns the certificates before the transports reconnect (ui/session.tsx does the
    // same when a crisis opens).
    const pinned = await platform.trustRelayCertificates(prints.fingerprints);
    await sync.setAddresses(parsed.data);
    setMessage(prints.fingerprints.length > 0 && !pinned ? t('sync.fingerprintsBrowser') : t('sync.saved'));
  }

  const area = (key: keyof typeof form, label: string, hint?: string) => (
    <div className="field">
      <label>
        {label}
        <textarea rows={2} value={form[key]} spellCheck={false} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
      </label>
      {hint && <small className="hint">{hint}</small>}
    </div>
  );

  return (
    <Dialog title={t('sync.settingsTitle')} onClose={onClose}>
      <form autoComplete="off" onSubmit={submit} noValidate>
        {area('signaling', t('sync.signaling'))}
        {area('relay', t('sync.relayUrls'))}
        {area('ice', t('sync.ice'))}
        {area('fingerprints', t('sync.fingerprints'), t('sync.fingerprintsHint'))}
        <div className="actions">
          <button type="submit">{t('sync.save')}</button>
          <span role="status">{message}</span>
          {error && (
            <small className="error" role="alert">
              {error}
            </small>
          )}
        </div>
      </form>
      <RelayHost
        onStarted={(urls) => {
          setForm((f) => ({
            ...f,
            signaling: putFirst(f.signaling, urls.signalingUrl),
            relay: putFirst(f.relay, urls.syncUrl),
            fingerprints: urls.fingerprint
              ? [urls.fingerprint, ...lines(f.fingerprints).filter((p) => !sameFingerprint(p, urls.fingerprint!))].join('\n')
              : f.fingerprints,
          }));
          setMessage(t('sync.hostFilled'));
        }}
      />
    </Dialog>
  );
}
