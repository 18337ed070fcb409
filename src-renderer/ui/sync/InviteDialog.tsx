// "Inviter": the invitation as links and as a QR code, for a colleague to join this crisis.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { encodeInvitation, invitationLinks } from '../../core/invitation';
import { useCrisisStore, useSyncSession } from '../session';
import { Dialog } from './Dialog';

export function InviteDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const store = useCrisisStore();
  const sync = useSyncSession();
  const [links, setLinks] = useState<{ desktop: string; web?: string } | null>(null);
  const [qr, setQr] = useState('');
  const [copied, setCopied] = useState('');
  const addresses = sync.currentAddresses;

  useEffect(() => {
    const { id, name, departement, hazard, startedAt, key } = store.crisis;
    encodeInvitation({ id, name, departement, hazard, startedAt, key, addresses })
      .then(async (code) => {
        const l = invitationLinks(code, location.protocol.startsWith('http') ? location.href : undefined);
        setLinks(l);
        setQr(await QRCode.toDataURL(l.desktop, { errorCorrectionLevel: 'M', margin: 2, width: 280 }));
      })
      .catch((e: Error) => setLinks({ desktop: e.message }));
  }, [store, addresses]);

  const copy = (text: string) => navigator.clipboard?.writeText(text).then(() => setCopied(text)).catch(() => undefined);
  const linkField = (label: string, value: string) => (
    <div className="field">
      <label>
        {label}
        <textarea readOnly rows={3} value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="secondary" onClick={() => copy(value)}>
        {copied === value ? t('sync.copied') : t('sync.copy')}
      </button>
    </div>
  );

  return (
    <Dialog title={t('sync.inviteTitle', { name: store.crisis.name })} onClose={onClose}>
      <p className="banner">{t('sync.inviteWarning')}</p>
      {!addresses.signaling.length && !addresses.relay.length && <p className="hint">{t('sync.noAddresses')}</p>}
      {links && linkField(t('sync.inviteDesktop'), links.desktop)}
      {links?.web && linkField(t('sync.inviteWeb'), links.web)}
      {qr && <img src={qr} alt={t('sync.inviteQr')} width={280} height={280} />}
    </Dialog>
  );
}
