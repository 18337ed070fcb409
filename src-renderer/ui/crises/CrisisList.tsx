// The crises this copy takes part in: open one, close one, create one.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisRecord } from '../../core/crisis';
import { departementName } from '../../core/departements';
import { HAZARD_LABELS } from '../../core/labels';
import { useLang } from '../../i18n';
import { listCrises } from '../../store/registry';
import { formatTime } from '../common/format';
import { useSession } from '../session';
import { CrisisForm } from './CrisisForm';
import { JoinForm } from './JoinForm';
import { usePendingInvitation } from './pending-invitation';

export function CrisisList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { db, identity, openCrisis } = useSession();
  const [crises, setCrises] = useState<CrisisRecord[] | null>(null);
  const invitation = usePendingInvitation();
  const refresh = useCallback(() => listCrises(db).then(setCrises), [db]);
  useEffect(() => void refresh(), [refresh]);

  return (
    <main className="page">
      <header className="page-header">
        <h1>{t('crises.heading')}</h1>
        <span className="who">{identity?.name}</span>
      </header>
      <section aria-label={t('crises.list')}>
        {crises?.length === 0 && <p>{t('crises.empty')}</p>}
        <ul className="crisis-list">
          {crises?.map((c) => (
            <li key={c.id} className={c.closedAt ? 'closed' : ''}>
              <div>
                <strong>{c.name}</strong>
                <span>
                  {c.departement} {departementName(c.departement)} · {HAZARD_LABELS[c.hazard][lang]} ·{' '}
                  {formatTime(Date.parse(c.startedAt), lang)} · {c.closedAt ? t('crises.closed') : t('crises.ongoing')}
                </span>
              </div>
              <button onClick={() => openCrisis(c)} aria-label={`${t('crises.open')} ${c.name}`}>
                {t('crises.open')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <div className="forms">
        <CrisisForm onCreated={(c) => void openCrisis(c)} />
        <JoinForm key={invitation} initial={invitation} />
      </div>
    </main>
  );
}
