// One rumour in the "Rumeurs" region: its claim, verdict (changed in place), the sightings that carry
// it (counts by platform, first and last seen), the correction and its link, whether it is public,
// who made and changed it. Every change is one signed entry; text from peers is React text only.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORM_LABELS, STATUS_LABELS } from '../../core/labels';
import { isSafeHttpUrl } from '../../core/links';
import type { RumourStats } from '../../core/rumour-view';
import { seenAt } from '../../core/sighting';
import { isDebunked, RUMOUR_VERDICT_LABELS, RUMOUR_VERDICTS, type RumourVerdict } from '../../core/workflow';
import type { Rumour } from '../../core/workflow-state';
import { useLang } from '../../i18n';
import { platform } from '../../platform';
import type { RumourInput } from '../../store/workflow-commands';
import { Field } from '../common/Field';
import { formatTime } from '../common/format';
import { Options } from '../common/options';
import { useCrisisStore } from '../session';
import { claimProblem, MAX_CLAIM } from './claim';
import { useMemberName } from './hooks';

interface Props {
  rumour: Rumour;
  stats: RumourStats;
  selectedIds: readonly string[];
  canPublish: boolean;
  onSelectSighting?: (id: string) => void;
}

type Draft = Pick<RumourInput, 'claim' | 'evidence' | 'correction' | 'link'>;
const SHOWN_SIGHTINGS = 200;

export function RumourCard({ rumour: r, stats, selectedIds, canPublish, onSelectSighting }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const name = useMemberName();
  const [editing, setEditing] = useState(false);
  // Only the fields the user touched are sent, so a colleague's edit of another field is kept.
  const [draft, setDraft] = useState<Draft>({});
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [showSightings, setShowSightings] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const run = async (work: () => Promise<unknown>, done = '') => {
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
  const value = (k: keyof Draft) => draft[k] ?? r[k];
  const save = async () => {
    const problems: Partial<Record<keyof Draft, string>> = {};
    const claim = claimProblem(value('claim'));
    if (claim) problems.claim = t(`rumours.${claim}`);
    const link = value('link').trim();
    if (link && !isSafeHttpUrl(link)) problems.link = t('rumours.linkInvalid');
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    const patch: RumourInput = { ...draft, ...(draft.claim !== undefined ? { claim: draft.claim.trim() } : {}), ...(draft.link !== undefined ? { link } : {}) };
    if (await run(() => store.workflow.updateRumour(r.id, patch), t('rumours.saved'))) {
      setDraft({});
      setEditing(false);
    }
  };

  const debunked = isDebunked(r.verdict);
  const toLink = selectedIds.filter((id) => !r.sightings.has(id) && store.get(id));
  const platforms = stats.byPlatform.map(([p, n]) => `${PLATFORM_LABELS[p][lang]} : ${n}`).join(', ');
  const seen = stats.count
    ? [t('rumours.firstSeen', { at: formatTime(stats.firstSeen!, lang) }), t('rumours.lastSeen', { at: formatTime(stats.lastSeen!, lang) })].join(' · ')
    : t('rumours.noSighting');
  const linked = [...r.sightings].map((id) => store.get(id)).filter((s) => s !== undefined);

  return (
    <li className={`rumour verdict-${r.verdict}`} aria-label={r.claim}>
      <h3>{r.claim}</h3>
      <div className="rumour-controls">
        <Field label={t('rumours.verdict')}>
          <select value={r.verdict} onChange={(e) => void run(() => store.workflow.updateRumour(r.id, { verdict: e.target.value as RumourVerdict }))}>
            <Options keys={RUMOUR_VERDICTS} labels={RUMOUR_VERDICT_LABELS} lang={lang} />
          </select>
        </Field>
        {canPublish && (debunked || r.isPublic) ? (
          <label className="check">
            <input type="checkbox" checked={r.isPublic} onChange={(e) => void run(() => store.workflow.updateRumour(r.id, { isPublic: e.target.checked }))} /> {t('rumours.publish')}
          </label>
        ) : r.isPublic && debunked ? (
          <span className="rumour-public">{t('rumours.published')}</span>
        ) : debunked ? (
          <span className="hint">{t('rumours.publishHint')}</span>
        ) : null}
      </div>
      {r.isPublic && !debunked && <p className="banner">{t('rumours.notDebunkedAnyMore')}</p>}
      <p className="meta">
        {[t('rumours.sightings', { count: stats.count }), platforms, seen].filter(Boolean).join(' · ')}
      </p>
      {r.correction && <p className="rumour-correction">{t('rumours.correctionShown', { text: r.correction })}</p>}
      {r.link && isSafeHttpUrl(r.link) && (
        <p>
          <button type="button" className="link" onClick={() => void platform.openExternal(r.link)}>
            {r.link}
          </button>
        </p>
      )}
      <p className="meta">
        {t('rumours.createdBy', { who: name(r.createdBy), at: formatTime(r.createdAt, lang) })} ·{' '}
        {t('rumours.updatedBy', { who: name(r.updatedBy), at: formatTime(r.updatedAt, lang) })}
      </p>
      <div className="actions">
        <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? t('rumours.closeEdit') : t('rumours.edit')}
        </button>
        <button type="button" className="secondary" aria-expanded={showSightings} onClick={() => setShowSightings(!showSightings)}>
          {showSightings ? t('rumours.hideSightings') : t('rumours.showSightings', { count: r.sightings.size })}
        </button>
        {toLink.length > 0 && (
          <button type="button" onClick={() => void run(() => store.workflow.linkToRumour(r.id, toLink), t('rumours.linked'))}>
            {t('rumours.linkSelected')}
          </button>
        )}
      </div>
      {editing && (
        <div className="rumour-edit">
          <Field label={t('rumours.claim')} error={fieldErrors.claim}>
            <input value={value('claim')} maxLength={MAX_CLAIM + 100} onChange={(e) => setDraft({ ...draft, claim: e.target.value })} />
          </Field>
          <Field label={t('rumours.evidence')}>
            <textarea rows={3} maxLength={5000} value={value('evidence')} onChange={(e) => setDraft({ ...draft, evidence: e.target.value })} />
          </Field>
          <Field label={t('rumours.correction')}>
            <textarea rows={2} maxLength={2000} value={value('correction')} onChange={(e) => setDraft({ ...draft, correction: e.target.value })} />
          </Field>
          <Field label={t('rumours.link')} error={fieldErrors.link}>
            <input type="url" maxLength={2048} value={value('link')} placeholder="https://…" onChange={(e) => setDraft({ ...draft, link: e.target.value })} />
          </Field>
          <button type="button" onClick={() => void save()}>
            {t('rumours.save')}
          </button>
        </div>
      )}
      {!editing && r.evidence && <p className="rumour-evidence">{`${t('rumours.evidence')} : ${r.evidence}`}</p>}
      {showSightings && (
        <ul className="rumour-sightings">
          {linked.slice(0, SHOWN_SIGHTINGS).map((s) => (
            <li key={s.id}>
              <span>
                {[PLATFORM_LABELS[s.platform][lang], s.communeName, formatTime(seenAt(s), lang), s.status === 'archive' ? STATUS_LABELS.archive[lang] : ''].filter(Boolean).join(' · ')} — {s.text.slice(0, 120) || s.url || s.id}
              </span>{' '}
              {onSelectSighting && (
                <button type="button" className="secondary" onClick={() => onSelectSighting(s.id)}>
                  {t('rumours.open')}
                </button>
              )}{' '}
              <button type="button" className="secondary" aria-label={`${t('rumours.unlink')} — ${s.text.slice(0, 60) || s.id}`} onClick={() => void run(() => store.workflow.linkToRumour(r.id, [s.id], false), t('rumours.unlinked'))}>
                {t('rumours.unlink')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
