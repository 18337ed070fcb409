// "Inviter": one invitation per person. Creating it admits a one-purpose key with the chosen role
// (a signed entry of the crisis); the invitation carries that key and the proof of its admission,
// as links and as a QR code.
import QRCode from 'qrcode';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { encodeInvitation, invitationLinks } from '../../core/invitation';
import { ROLE_LABELS, type Lang } from '../../core/labels';
import { can } from '../../core/rules';
import { ROLES, type Role } from '../../core/taxonomy';
import { Options } from '../common/options';
import { useCrisisStore, useSyncSession } from '../session';
import { Dialog } from './Dialog';

export function InviteDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'fr') as Lang;
  const store = useCrisisStore();
  const sync = useSyncSession();
  const [links, setLinks] = useState<{ desktop: string; web?: string } | null>(null);
  const [qr, setQr] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState('');
  const addresses = sync.currentAddresses;
  const me = store.me.id;
  const allowed = can(store.state, me, 'admit');
  const roles = ROLES.filter((r) => r !== 'cod' || can(store.state, me, 'admitCod'));

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      const role = data.get('role') as Role;
      const label = String(data.get('label') ?? '').trim().slice(0, 80) || undefined;
      const admission = await store.membership.newInvitationAdmission(role, label);
      const { id, name, departement, hazard, startedAt, key, epoch } = store.crisis;
      const code = await encodeInvitation({ id, name, departement, hazard, startedAt, key, epoch, addresses, admission });
      const l = invitationLinks(code, location.protocol.startsWith('http') ? location.href : undefined);
      setLinks(l);
      setQr(await QRCode.toDataURL(l.desktop, { errorCorrectionLevel: 'L', margin: 2, width: 320 }).catch(() => ''));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

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
      {!allowed && <p role="alert">{t('sync.inviteNotAllowed')}</p>}
      {allowed && !links && (
        <form autoComplete="off" onSubmit={create} aria-label={t('sync.inviteCreate')}>
          <p className="hint">{t('sync.inviteOnePerPerson')}</p>
          <div className="field">
            <label>
              {t('sync.inviteRole')}
              <select name="role" defaultValue="veilleur">
                <Options keys={roles} labels={ROLE_LABELS} lang={lang} />
              </select>
            </label>
          </div>
          <div className="field">
            <label>
              {t('sync.inviteLabel')}
              <input name="label" maxLength={80} />
            </label>
          </div>
          <button type="submit" disabled={busy}>
            {t('sync.inviteCreate')}
          </button>
        </form>
      )}
      {error && <p role="alert">{error}</p>}
      {links && linkField(t('sync.inviteDesktop'), links.desktop)}
      {links?.web && linkField(t('sync.inviteWeb'), links.web)}
      {links && (qr ? <img src={qr} alt={t('sync.inviteQr')} width={320} height={320} /> : <p className="hint">{t('sync.inviteQrTooLong')}</p>)}
    </Dialog>
  );
}
