// Every field of one sighting, editable, and its history. Only the fields the user touched are
// sent, so a colleague's concurrent edit of another field is kept.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUTHOR_KIND_LABELS, CATEGORY_LABELS, FIELD_LABELS, PLATFORM_LABELS, PRECISION_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../core/labels';
import { isSafeHttpUrl } from '../../core/links';
import { DEPARTEMENTS } from '../../core/departements';
import type { FieldName, SightingFields } from '../../core/sighting';
import { AUTHOR_KINDS, CATEGORIES, PLATFORMS, PRECISIONS, PRIORITIES, TRANSITIONS } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { platform } from '../../platform';
import { SightingValidationError } from '../../store/crisis-store';
import { Field } from '../common/Field';
import { formatTime } from '../common/format';
import { CloseIcon } from '../common/icons';
import { Options } from '../common/options';
import { useCrisisStore, useSyncSession } from '../session';
import { useViewers } from '../sync/hooks';
import { PlaceEditor } from '../map/PlaceEditor';
import { DuplicateSection } from './DuplicateSection';
import { HistoryList } from './HistoryList';
import { VerificationGroup } from '../workflow/VerificationGroup';
import { RumourLinks } from '../rumours/RumourLinks';
import { useSighting } from './hooks';

interface Props {
  id: string;
  onClose: () => void;
  onArchive: (id: string) => void;
  placing: boolean;
  onTogglePlacing: () => void;
  /** Shows the "Rumeurs" view (from a rumour this sighting carries). */
  onOpenRumour?: () => void;
  /** Opens another sighting (the original of a duplicate, a linked source). */
  onOpen?: (id: string) => void;
}

type Draft = Partial<SightingFields>;

export function DetailPanel({ id, onClose, onArchive, placing, onTogglePlacing, onOpenRumour, onOpen }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const s = useSighting(id);
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const sync = useSyncSession();
  const others = useViewers().get(id) ?? [];
  const dirty = Object.keys(draft).length > 0;
  useEffect(() => {
    setDraft({});
    setErrors({});
    setNotice('');
  }, [id]);
  // Colleagues see that this sighting is open here, and whether it is being edited.
  useEffect(() => sync.setViewing(id, dirty), [sync, id, dirty]);
  useEffect(() => () => sync.setViewing(null), [sync]);
  if (!s) return null;
  const claim = store.claimOf(id);
  const mine = claim?.actor === store.me.id;

  const value = <K extends FieldName>(k: K): SightingFields[K] => (k in draft ? (draft[k] as SightingFields[K]) : s[k]);
  const set = <K extends FieldName>(k: K, v: SightingFields[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const text = (k: FieldName, props: { multiline?: boolean; type?: string } = {}) => {
    const v = value(k);
    const shown = v === null || v === undefined ? '' : String(v);
    const onChange = (e: { target: { value: string } }) => set(k, e.target.value as never);
    return (
      <Field label={FIELD_LABELS[k][lang]} error={errors[k]}>
        {props.multiline ? <textarea value={shown} onChange={onChange} rows={4} /> : <input type={props.type ?? 'text'} value={shown} onChange={onChange} />}
      </Field>
    );
  };
  const number = (k: 'lat' | 'lon') => (
    <Field label={FIELD_LABELS[k][lang]} error={errors[k]}>
      <input
        type="number"
        step="any"
        value={value(k) ?? ''}
        onChange={(e) => set(k, e.target.value === '' ? null : Number(e.target.value))}
      />
    </Field>
  );
  function select<K extends FieldName>(k: K, keys: readonly string[], labels: Record<string, { fr: string; en: string }>) {
    return (
      <Field label={FIELD_LABELS[k][lang]} error={errors[k]}>
        <select value={String(value(k))} onChange={(e) => set(k, e.target.value as never)}>
          <Options keys={keys} labels={labels} lang={lang} />
        </select>
      </Field>
    );
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await store.update(id, draft);
      setDraft({});
      setErrors({});
      setNotice(Object.keys(draft).length ? t('detail.saved') : t('detail.none'));
    } catch (err) {
      if (err instanceof SightingValidationError) setErrors(Object.fromEntries(err.errors.map((x) => [x.field, x.message])));
      else setErrors({ sighting: (err as Error).message });
    }
  }

  const statusChoices = [s.status, ...TRANSITIONS[s.status]];
  const url = value('url');
  return (
    <aside className="detail" aria-label={t('detail.region')}>
      <header>
        <h2>{s.text ? s.text.slice(0, 80) : s.id}</h2>
        <button type="button" className="secondary" onClick={onClose} aria-label={t('detail.close')}>
          <CloseIcon />
        </button>
      </header>
      <p className="meta">{t('detail.createdBy', { name: store.member(s.createdBy)?.name ?? s.createdBy, date: formatTime(s.createdAt, lang) })}</p>
      <div className="claim">
        {claim && <span>{t('sync.claimedBy', { name: claim.name, time: formatTime(claim.until, lang) })}</span>}
        {!claim || mine ? (
          <button type="button" className="secondary" onClick={() => void (mine ? store.release(id) : store.claim(id))}>
            {mine ? t('sync.release') : t('sync.claim')}
          </button>
        ) : null}
        {others.length > 0 && (
          <span className="viewers">{t('sync.alsoViewing', { names: others.map((o) => (o.editing ? `${o.name} (${t('sync.editing')})` : o.name)).join(', ') })}</span>
        )}
      </div>
      <VerificationGroup id={id} onError={(message) => setErrors({ sighting: message })} />
      <RumourLinks sightingId={id} onOpenRumour={onOpenRumour && (() => onOpenRumour())} />
      <form autoComplete="off" onSubmit={save} noValidate>
        <fieldset>
          <legend>{t('detail.groups.triage')}</legend>
          {select('category', CATEGORIES, CATEGORY_LABELS)}
          {select('priority', PRIORITIES, PRIORITY_LABELS)}
          {select('status', statusChoices, STATUS_LABELS)}
          <DuplicateSection sighting={s} wanted={value('status') === 'doublon'} error={errors.duplicateOf} onOpen={onOpen} />
          {text('assignee')}
          {text('verificationNotes', { multiline: true })}
        </fieldset>
        <fieldset>
          <legend>{t('detail.groups.source')}</legend>
          {select('platform', PLATFORMS, PLATFORM_LABELS)}
          {text('url', { type: 'url' })}
          <button type="button" className="link" disabled={!url} onClick={() => void openLink(url)}>
            {t('detail.openLink')}
          </button>
          {text('authorHandle')}
          {select('authorKind', AUTHOR_KINDS, AUTHOR_KIND_LABELS)}
          {text('postedAt')}
          {text('text', { multiline: true })}
          <Field label={FIELD_LABELS.mediaUrls[lang]} error={errors.mediaUrls} hint={t('detail.mediaHint')}>
            <textarea rows={2} value={value('mediaUrls').join('\n')} onChange={(e) => set('mediaUrls', e.target.value.split('\n').map((l) => l.trim()).filter(Boolean))} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('detail.groups.place')}</legend>
          <PlaceEditor sighting={s} placing={placing} onTogglePlacing={onTogglePlacing} />
          {text('placeText')}
          {text('communeName')}
          {text('communeInsee')}
          <Field label={FIELD_LABELS.departement[lang]} error={errors.departement}>
            <select value={value('departement')} onChange={(e) => set('departement', e.target.value)}>
              <option value="">—</option>
              {DEPARTEMENTS.map((d) => (
                <option key={d.code} value={d.code}>{`${d.code} — ${d.nom}`}</option>
              ))}
            </select>
          </Field>
          {number('lat')}
          {number('lon')}
          {select('precision', PRECISIONS, PRECISION_LABELS)}
        </fieldset>
        <fieldset>
          <legend>{t('detail.groups.public')}</legend>
          <p className="hint">{t('detail.publicHint')}</p>
          <label className="check">
            <input type="checkbox" checked={value('isPublic')} onChange={(e) => set('isPublic', e.target.checked)} /> {FIELD_LABELS.isPublic[lang]}
          </label>
          {text('publicTitle')}
          {text('publicSummary', { multiline: true })}
        </fieldset>
        <div className="actions sticky">
          <button type="submit">{t('detail.save')}</button>
          <button type="button" className="danger" disabled={s.status === 'archive'} onClick={() => onArchive(id)}>
            {t('detail.archive')}
          </button>
          <span role="status">{notice}</span>
          {errors.sighting && <small className="error" role="alert">{errors.sighting}</small>}
          {errors.link && <small className="error" role="alert">{errors.link}</small>}
        </div>
      </form>
      <HistoryList id={id} />
    </aside>
  );

  async function openLink(link: string) {
    if (!isSafeHttpUrl(link) || !(await platform.openExternal(link))) setErrors((e) => ({ ...e, link: t('detail.linkRefused') }));
  }
}

