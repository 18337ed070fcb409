// Where to find the others: signaling servers, relays and ICE servers, one per line. Nothing is
// filled in by default: no public server is ever contacted unless someone types its address.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { syncAddressesSchema } from '../../core/invitation';
import { saveAddresses } from '../../store/registry';
import { useSession, useSyncSession } from '../session';
import { Dialog } from './Dialog';
import { RelayHost } from './RelayHost';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

export function SyncSettings({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { db, store } = useSession();
  const sync = useSyncSession();
  const current = sync.currentAddresses;
  const [form, setForm] = useState({ signaling: current.signaling.join('\n'), relay: current.relay.join('\n'), ice: current.ice.join('\n') });
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = syncAddressesSchema.safeParse({ signaling: lines(form.signaling), relay: lines(form.relay), ice: lines(form.ice) });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join(' ')} : ${i.message}`).join(' ; '));
    setError('');
    await saveAddresses(db, store!.crisis.id, parsed.data);
    await sync.setAddresses(parsed.data);
    setMessage(t('sync.saved'));
  }

  const area = (key: keyof typeof form, label: string) => (
    <div className="field">
      <label>
        {label}
        <textarea rows={2} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
      </label>
    </div>
  );

  return (
    <Dialog title={t('sync.settingsTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {area('signaling', t('sync.signaling'))}
        {area('relay', t('sync.relayUrls'))}
        {area('ice', t('sync.ice'))}
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
        onStarted={(urls) =>
          setForm((f) => ({
            ...f,
            signaling: [urls.signalingUrl, ...lines(f.signaling).filter((u) => u !== urls.signalingUrl)].join('\n'),
            relay: [urls.syncUrl, ...lines(f.relay).filter((u) => u !== urls.syncUrl)].join('\n'),
          }))
        }
      />
    </Dialog>
  );
}
