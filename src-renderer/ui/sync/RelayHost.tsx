// Desktop only: make this workstation the hub of a LAN with no internet (see docs/relay.md), in
// ws:// or in wss:// with the relay's self-signed certificate, whose fingerprint goes into the
// crisis's addresses.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayFingerprint } from '../../core/fingerprints';
import { platform } from '../../platform';
import type { RelayUrls } from '../../platform/index-types';

export function RelayHost({ onStarted }: { onStarted: (urls: RelayUrls) => void }) {
  const { t } = useTranslation();
  const relay = platform.relay;
  const [interfaces, setInterfaces] = useState<{ name: string; address: string }[]>([]);
  const [host, setHost] = useState('');
  const [port, setPort] = useState(4444);
  const [tls, setTls] = useState(false);
  const [running, setRunning] = useState<RelayUrls | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!relay) return;
    relay.interfaces().then((list) => {
      setInterfaces(list);
      setHost((h) => h || list.find((i) => i.address !== '127.0.0.1')?.address || list[0]?.address || '');
    });
    relay.status().then((s) => {
      if (!s.running || !s.signalingUrl || !s.syncUrl) return;
      setRunning({ signalingUrl: s.signalingUrl, syncUrl: s.syncUrl, ...(s.fingerprint ? { fingerprint: s.fingerprint } : {}) });
      setTls(s.fingerprint !== undefined);
    });
  }, [relay]);
  if (!relay) return null;

  const start = async () => {
    try {
      setError('');
      const urls = await relay.start({ host, port, tls });
      setRunning(urls);
      onStarted(urls);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const stop = async () => {
    await relay.stop();
    setRunning(null);
  };

  return (
    <fieldset className="relay-host">
      <legend>{t('sync.hostTitle')}</legend>
      <div className="field">
        <label>
          {t('sync.hostInterface')}
          <select value={host} onChange={(e) => setHost(e.target.value)}>
            {interfaces.map((i) => (
              <option key={i.address} value={i.address}>{`${i.address} (${i.name})`}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="field">
        <label>
          {t('sync.hostPort')}
          <input type="number" min={1024} max={65535} value={port} onChange={(e) => setPort(Number(e.target.value))} />
        </label>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" style={{ width: 'auto' }} checked={tls} disabled={running !== null} onChange={(e) => setTls(e.target.checked)} />{' '}
          {t('sync.hostTls')}
        </label>
      </div>
      {running ? (
        <>
          <p role="status">{t('sync.hostRunning', { url: running.syncUrl })}</p>
          {running.fingerprint && (
            <p className="hint">
              {t('sync.hostFingerprint', { fingerprint: displayFingerprint(running.fingerprint) })}
            </p>
          )}
          <button type="button" className="secondary" onClick={() => void stop()}>
            {t('sync.hostStop')}
          </button>
          {/* Reopened settings: the addresses of the running relay, again in one click. */}
          <button type="button" className="secondary" onClick={() => onStarted(running)}>
            {t('sync.hostUse')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void start()}>
          {t('sync.hostStart')}
        </button>
      )}
      {error && (
        <small className="error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
