// Quick capture, built for speed under stress: paste the link (the platform is recognised), paste
// the text, pick category and priority, type the place, save with one key. Saving: Ctrl+Enter from
// anywhere in the form, Enter from a one-line field; never an empty sighting (a link or a text is
// needed). Likely duplicates of what is being typed are listed under the form as it is typed.
import { forwardRef, useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS, PLATFORM_LABELS, PRIORITY_LABELS } from '../../core/labels';
import { recogniseLink } from '../../core/platforms';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { SightingValidationError } from '../../store/crisis-store';
import { Field } from '../common/Field';
import { Options } from '../common/options';
import { useCrisisStore } from '../session';
import { loadGazetteer } from '../../map/gazetteer-loader';
import type { Commune } from '../../core/gazetteer';
import { communeFromPlace } from '../../core/commune-placement';
import { useDuplicateIndex } from './duplicate-index';
import { useDuplicateText } from './duplicate-strings';
import { DuplicateWarning } from './DuplicateWarning';

interface Props {
  onSaved: (id: string) => void;
  /** Opens a sighting (a likely duplicate listed under the form). */
  onOpen?: (id: string) => void;
}

const EMPTY = { url: '', text: '', placeText: '', category: 'autre' as Category, priority: 'P3' as Priority };

export const QuickCapture = forwardRef<HTMLInputElement, Props>(function QuickCapture({ onSaved, onOpen }, urlRef) {
  const { t } = useTranslation();
  const d = useDuplicateText();
  const lang = useLang();
  const store = useCrisisStore();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const link = recogniseLink(form.url);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    if (errors.sighting) setErrors(({ sighting: _, ...rest }) => rest);
  };
  const hasContent = form.url.trim() !== '' || form.text.trim() !== '';

  // The commune the place names (the gazetteer is loaded on first use), for "same place" duplicates.
  const [commune, setCommune] = useState<Commune | undefined>(undefined);
  useEffect(() => {
    const place = form.placeText.trim();
    if (!place) return setCommune(undefined);
    let current = true;
    loadGazetteer().then(
      (g) => current && setCommune(communeFromPlace(g, place, store.crisis.departement)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [form.placeText, store.crisis.departement]);
  const duplicates = useDuplicateIndex();
  const candidates = useMemo(
    () =>
      hasContent || commune
        ? duplicates.index.candidates({ url: form.url.trim(), text: form.text, communeInsee: commune?.insee, time: Date.now() })
        : [],
    // version stands for the index's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [duplicates.index, duplicates.version, form.url, form.text, commune, hasContent],
  );

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const submitted = form;
    if (!hasContent) {
      setErrors({ sighting: d('empty') });
      return;
    }
    // Cleared and refocused at once, not after the disk write: whatever is typed next belongs to
    // the next sighting.
    setForm(EMPTY);
    if (urlRef && typeof urlRef !== 'function') urlRef.current?.focus();
    try {
      // "Moissac, quai du Port": a place that starts with a commune's name places the sighting there.
      const gazetteer = submitted.placeText.trim() ? await loadGazetteer().catch(() => null) : null;
      const commune = gazetteer ? communeFromPlace(gazetteer, submitted.placeText, store.crisis.departement) : undefined;
      const place = commune
        ? { communeName: commune.name, communeInsee: commune.insee, departement: commune.departement, lat: commune.lat, lon: commune.lon, precision: 'commune' as const }
        : {};
      const s = await store.create({ ...submitted, ...place, url: submitted.url.trim() });
      setErrors({});
      onSaved(s.id);
    } catch (err) {
      // Nothing was saved: the post is given back (for correction, or to try again), unless the next
      // one is already being typed.
      setForm((current) => (JSON.stringify(current) === JSON.stringify(EMPTY) ? submitted : current));
      if (err instanceof SightingValidationError) setErrors(Object.fromEntries(err.errors.map((x) => [x.field, x.message])));
      else setErrors({ sighting: (err as Error).message });
    }
  }

  // Ctrl+Enter saves from anywhere in the form, the text area included; Enter from a one-line field
  // (the browser's own submission, which would also fire on an empty form, is replaced by this).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.altKey || e.shiftKey) return;
    const oneLine = (e.target as HTMLElement).tagName === 'INPUT';
    if (!(e.ctrlKey || e.metaKey) && !oneLine) return;
    e.preventDefault();
    if (hasContent) void save();
    else if (e.ctrlKey || e.metaKey || (e.target as HTMLInputElement).value !== '') setErrors({ sighting: d('empty') });
  };

  return (
    <form autoComplete="off"
      className="quick-capture"
      aria-label={t('capture.region')}
      onSubmit={save}
      onKeyDown={onKeyDown}
      noValidate
      // for the bench (input → warning painted): whether the index is built, what the warning was computed for
      data-dup-index={duplicates.ready ? 'ready' : 'building'}
      data-dup-for={`${form.url.length}:${form.text.length}`}
    >
      <Field label={t('capture.url')} error={errors.url} hint={link ? t('capture.recognised', { platform: PLATFORM_LABELS[link.platform][lang] }) : undefined} className="grow">
        <input ref={urlRef} type="url" value={form.url} onChange={set('url')} placeholder="https://…" autoComplete="off" />
      </Field>
      <Field label={t('capture.text')} error={errors.text} className="grow2">
        <textarea value={form.text} onChange={set('text')} rows={2} />
      </Field>
      <Field label={t('capture.category')} error={errors.category}>
        <select value={form.category} onChange={set('category')}>
          <Options keys={CATEGORIES} labels={CATEGORY_LABELS} lang={lang} />
        </select>
      </Field>
      <Field label={t('capture.priority')} error={errors.priority}>
        <select value={form.priority} onChange={set('priority')}>
          <Options keys={PRIORITIES} labels={PRIORITY_LABELS} lang={lang} />
        </select>
      </Field>
      <Field label={t('capture.place')} error={errors.placeText}>
        <input value={form.placeText} onChange={set('placeText')} autoComplete="off" />
      </Field>
      <div className="actions">
        <button type="submit" title={t('capture.hint')}>
          {t('capture.submit')}
        </button>
        {errors.sighting && <small className="error" role="alert">{errors.sighting}</small>}
      </div>
      <DuplicateWarning candidates={candidates} onOpen={onOpen} />
    </form>
  );
});
