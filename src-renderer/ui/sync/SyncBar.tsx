// Always visible: connected or not, through what, who is there, the last exchange, and how many
// local changes no peer holds yet.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { useSyncSession } from '../session';
import { useSyncStatus } from './hooks';
import { InviteDialog } from './InviteDialog';
import { MembersDialog } from './MembersDialog';
import { SyncPackDialog } from './SyncPackDialog';
import { SyncSettings } from './SyncSettings';
import { PendingForwards } from '../workflow/PendingForwards';
import { Receipts } from './Receipts';

export function SyncBar({ onShowForwarded }: { onShowForwarded: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const sync = useSyncSession();
  const s = useSyncStatus();
  const [dialog, setDialog] = useState<'invite' | 'settings' | 'pack' | 'members' | null>(null);
  const peers = s.transports.reduce((n, x) => n + x.peers, 0);
  const online = s.transports.some((x) => x.online);
  const state = s.paused ? t('sync.paused') : !s.configured ? t('sync.unconfigured') : s.preparing ? t('sync.preparing') : peers > 0 ? t('sync.connected') : online ? t('sync.waiting') : t('sync.offline');
  const tone = s.paused || !s.configured ? 'idle' : s.preparing ? 'wait' : peers > 0 ? 'ok' : online ? 'wait' : 'down';
  const errors = s.transports.map((x) => x.error).filter(Boolean);

  return (
    <section className={`syncbar ${tone}`} aria-label={t('sync.region')} data-exchange={s.preparing ? 'preparing' : 'ready'}>
      <strong className="state">● {state}</strong>
      {s.transports.map((x) =>
        x.kind === 'webrtc' ? (
          <span key="webrtc" className="transport" data-testid="webrtc-peers" data-peers={x.peers}>
            {t('sync.webrtc', { count: x.peers })}
          </span>
        ) : (
          <span key={`relay`} className="transport" data-testid="relay-state">
            {t('sync.relay', { state: x.holdsEverything ? t('sync.relaySynced') : x.online ? t('sync.relayOnline') : t('sync.relayOffline') })}
          </span>
        ),
      )}
      <span className="peers">{s.peers.length ? t('sync.present', { names: s.peers.map((p) => p.name).join(', ') }) : t('sync.alone')}</span>
      <span>{s.lastExchange ? t('sync.lastExchange', { time: formatTime(s.lastExchange, lang, true) }) : t('sync.never')}</span>
      <span className="unconfirmed" data-testid="unconfirmed" data-count={s.unconfirmed}>
        {s.unconfirmed ? t('sync.unconfirmed', { count: s.unconfirmed }) : t('sync.allConfirmed')}
      </span>
      {s.rejected > 0 && (
        <button type="button" className="link error" data-testid="rejected" data-count={s.rejected} onClick={() => setDialog('members')}>
          {t('sync.rejected', { count: s.rejected })}
        </button>
      )}
      {s.waiting > 0 && (
        <span className="hint" data-testid="waiting">
          {t('sync.waitingEntries', { count: s.waiting })}
        </span>
      )}
      <Receipts />
      <PendingForwards onShow={onShowForwarded} />
      {errors.map((e) => (
        <span key={e} className="error" role="alert">
          {e}
        </span>
      ))}
      <span className="spacer" />
      <button type="button" className="secondary" onClick={() => setDialog('members')}>
        {t('sync.members')}
      </button>
      <button type="button" className="secondary" onClick={() => setDialog('invite')}>
        {t('sync.invite')}
      </button>
      <button type="button" className="secondary" onClick={() => setDialog('settings')}>
        {t('sync.settings')}
      </button>
      <button type="button" className="secondary" onClick={() => setDialog('pack')}>
        {t('sync.pack')}
      </button>
      <button type="button" className="secondary" onClick={() => void sync.pause(!s.paused)}>
        {s.paused ? t('sync.resume') : t('sync.pause')}
      </button>
      {dialog === 'invite' && <InviteDialog onClose={() => setDialog(null)} />}
      {dialog === 'settings' && <SyncSettings onClose={() => setDialog(null)} />}
      {dialog === 'pack' && <SyncPackDialog onClose={() => setDialog(null)} />}
      {dialog === 'members' && <MembersDialog onClose={() => setDialog(null)} />}
    </section>
  );
}
