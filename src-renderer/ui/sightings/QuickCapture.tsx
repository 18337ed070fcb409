// Quick capture, built for speed under stress: paste the link (the platform is recognised), paste
// the text, pick category and priority, type the place, save with one key.
import { forwardRef, useState, type FormEvent, type KeyboardEvent } from 'react';
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
import { communeFromPlace } from '../../core/gazetteer';

interface Props {
  onSaved: (id: string) => void;
}

const EMPTY = { url: '', text: '', placeText: '', category: 'autre' as Category, priority: 'P3' as Priority };

export const QuickCapture = forwardRef<HTMLInputElement, Props>(function QuickCapture({ onSaved }, urlRef) {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useCrisisStore();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const link = recogniseLink(form.url);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const submitted = form;
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

  // Ctrl+Enter saves from anywhere in the form, the text area included.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
  };

  return (
    <form className="quick-capture" aria-label={t('capture.region')} onSubmit={save} onKeyDown={onKeyDown} noValidate>
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
    </form>
  );
});
