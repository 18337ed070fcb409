// "Membres": who is in the crisis, with which role, admitted by whom; a coordinator changes a role or
// removes a member (lost laptop). Below, what this copy refused from its peers and why: nothing a
// peer sends is dropped silently.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../core/labels';
import { can } from '../../core/rules';
import { ROLES, type Role } from '../../core/taxonomy';
import type { RejectedRow } from '../../store/database';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { Options } from '../common/options';
import { useStoreVersion } from '../sightings/hooks';
import { useCrisisStore } from '../session';
import { Dialog } from './Dialog';

export function MembersDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  const [rejected, setRejected] = useState<RejectedRow[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    store.rejections(200).then(setRejected, (e: Error) => setError(e.message));
  }, [store, version]);

  const me = store.me.id;
  const name = (id?: string) => (id ? store.member(id)?.name || id.slice(0, 8) : '—');
  const act = (p: Promise<unknown>) => p.then(() => setError(''), (e: Error) => setError(e.message));
  const members = store.members().filter((m) => !m.invitation);
  const invitations = store.members().filter((m) => m.invitation);

  return (
    <Dialog title={t('members.title')} onClose={onClose}>
      {error && <p role="alert">{error}</p>}
      <table className="members" aria-label={t('members.title')}>
        <thead>
          <tr>
            <th>{t('members.name')}</th>
            <th>{t('members.organisation')}</th>
            <th>{t('members.role')}</th>
            <th>{t('members.admittedBy')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const removed = m.removedAt !== undefined;
            const mayChange = !removed && m.id !== me && m.id !== store.state.creator && can(store.state, me, m.role === 'cod' ? 'admitCod' : 'admit');
            return (
              <tr key={m.id} className={removed ? 'removed' : undefined}>
                <td>
                  {m.name}
                  {m.id === store.state.creator ? ` (${t('members.creator')})` : ''}
                  {m.id === me ? ` (${t('members.you')})` : ''}
                </td>
                <td>{m.organisation}</td>
                <td>
                  {mayChange ? (
                    <select aria-label={t('members.roleOf', { name: m.name })} value={m.role} onChange={(e) => void act(store.membership.admit(m.id, e.target.value as Role))}>
                      <Options keys={ROLES.filter((r) => r !== 'cod' || can(store.state, me, 'admitCod'))} labels={ROLE_LABELS} lang={lang} />
                    </select>
                  ) : (
                    ROLE_LABELS[m.role][lang]
                  )}
                </td>
                <td>{m.id === store.state.creator ? '—' : name(m.admittedBy)}</td>
                <td>
                  {removed ? (
                    t('members.removed', { time: formatTime(m.removedAt!, lang), by: name(m.removedBy) })
                  ) : mayChange && can(store.state, me, 'remove') ? (
                    <button type="button" className="secondary" onClick={() => window.confirm(t('members.confirmRemove', { name: m.name })) && void act(store.membership.remove(m.id))}>
                      {t('members.remove')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {can(store.state, me, 'rotate') && (
        <div className="rekey">
          <p className="hint">{t('members.rekeyHint')}</p>
          {store.membership.withoutExchangeKey().length > 0 && (
            <p className="hint">{t('members.rekeyMissing', { names: store.membership.withoutExchangeKey().map((m) => m.name).join(', ') })}</p>
          )}
          <button type="button" onClick={() => window.confirm(t('members.rekeyConfirm')) && void act(store.membership.rotateKey())}>
            {t('members.rekey')}
          </button>
        </div>
      )}
      {invitations.length > 0 && (
        <p className="hint">{t('members.invitations', { count: invitations.filter((i) => i.removedAt === undefined).length })}</p>
      )}
      <h3>{t('members.rejectedTitle')}</h3>
      {rejected.length === 0 ? (
        <p>{t('members.noneRejected')}</p>
      ) : (
        <ul className="rejected" aria-label={t('members.rejectedTitle')}>
          {rejected.map((r) => (
            <li key={r.seq}>
              <strong>{formatTime(r.at, lang, true)}</strong> — {r.reason}
              {r.author && ` — ${t('members.from', { name: name(r.author) })}`}
              {r.excerpt && <code>{r.excerpt.slice(0, 160)}</code>}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
