// The rumours a sighting carries, for the detail panel: each with its verdict and "Délier"; a picker
// (by claim) to link it to an existing rumour; a claim to create a rumour from it. No <form> here: the
// detail panel may place this inside its own form, and forms do not nest (Enter is handled by hand).
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RUMOUR_VERDICT_LABELS } from '../../core/workflow';
import { useLang } from '../../i18n';
import { Field } from '../common/Field';
import { useCrisisStore } from '../session';
import { claimProblem, MAX_CLAIM } from './claim';
import { useRumours } from './hooks';
import './rumours.css';

interface Props {
  sightingId: string;
  /** Shows a rumour (e.g. switches to the "Rumeurs" region); the claim is a plain text otherwise. */
  onOpenRumour?: (rumourId: string) => void;
}

const short = (text: string, n = 120) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function RumourLinks({ sightingId, onOpenRumour }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const rumours = useRumours();
  const [pick, setPick] = useState('');
  const [claim, setClaim] = useState('');
  const [claimError, setClaimError] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const carried = rumours.filter(({ rumour }) => rumour.sightings.has(sightingId)).map((e) => e.rumour);
  const others = rumours.filter(({ rumour }) => !rumour.sightings.has(sightingId)).map((e) => e.rumour);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    try {
      await work();
      setNotice(done);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  const link = async () => {
    if (!pick) return;
    if (await run(() => store.workflow.linkToRumour(pick, [sightingId]), t('rumours.linked'))) setPick('');
  };
  const create = async () => {
    const problem = claimProblem(claim);
    setClaimError(problem ? t(`rumours.${problem}`) : '');
    if (problem) return;
    if (await run(() => store.workflow.createRumour(claim, [sightingId]), t('rumours.created'))) setClaim('');
  };
  const onEnter = (action: () => Promise<void>) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void action();
  };

  return (
    <fieldset className="rumour-links">
      <legend>{t('rumours.linksGroup')}</legend>
      {carried.length ? (
        <ul>
          {carried.map((r) => (
            <li key={r.id}>
              {onOpenRumour ? (
                <button type="button" className="link" onClick={() => onOpenRumour(r.id)}>
                  {short(r.claim)}
                </button>
              ) : (
                <span>{short(r.claim)}</span>
              )}{' '}
              <span className="meta">({RUMOUR_VERDICT_LABELS[r.verdict][lang]})</span>{' '}
              <button type="button" className="secondary" aria-label={t('rumours.unlinkFrom', { claim: short(r.claim, 60) })} onClick={() => void run(() => store.workflow.linkToRumour(r.id, [sightingId], false), t('rumours.unlinked'))}>
                {t('rumours.unlink')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('rumours.noneCarried')}</p>
      )}
      {others.length > 0 && (
        <div className="row">
          <Field label={t('rumours.pick')}>
            <select value={pick} onChange={(e) => setPick(e.target.value)} onKeyDown={onEnter(link)}>
              <option value="">{t('rumours.pickNone')}</option>
              {others.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${short(r.claim, 100)} (${RUMOUR_VERDICT_LABELS[r.verdict][lang]})`}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" disabled={!pick} onClick={() => void link()}>
            {t('rumours.linkTo')}
          </button>
        </div>
      )}
      <div className="row">
        <Field label={t('rumours.fromThisClaim')} error={claimError}>
          <input value={claim} maxLength={MAX_CLAIM + 100} onChange={(e) => setClaim(e.target.value)} onKeyDown={onEnter(create)} />
        </Field>
        <button type="button" onClick={() => void create()}>
          {t('rumours.fromThis')}
        </button>
      </div>
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
