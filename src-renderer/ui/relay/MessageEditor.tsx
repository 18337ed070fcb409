// Drafting or editing a message to relay: category, title, official source, text, crisis hashtags,
// a variant per platform, each with its live length as that platform counts it (the whole post a
// volunteer will paste: text or variant, link and hashtags). Red above the limit; one polite live
// region says which platforms are over, so a screen reader is not told every keystroke.
import { useMemo, useState, type FormEvent } from 'react';
import { composePost, RELAY_CATEGORIES, RELAY_CATEGORY_LABELS, RELAY_LIMITS, RELAY_PLATFORMS, RELAY_PLATFORM_LABELS, type RelayPlatform } from '../../core/relay-kit';
import type { RelayMessage } from '../../core/relay-kit-state';
import { countFor } from '../../core/relay-counts';
import { useLang } from '../../i18n';
import type { RelayInput } from '../../store/relay-commands';
import { Field } from '../common/Field';
import { Options } from '../common/options';
import { useCrisisStore } from '../session';
import { fill, useRelayStrings, type RelayStrings } from './strings';

interface Props {
  message?: RelayMessage;
  onDone(notice: string): void;
  onCancel(): void;
}

const splitTags = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

export function MessageEditor({ message, onDone, onCancel }: Props) {
  const s = useRelayStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const [form, setForm] = useState<RelayInput>(() => ({
    category: message?.category ?? 'mise_en_securite',
    title: message?.title ?? '',
    source: message?.source ?? '',
    text: message?.text ?? '',
    variants: { ...(message?.variants ?? {}) },
    hashtags: message?.hashtags ?? [],
    ready: message?.ready ?? true,
  }));
  const [tags, setTags] = useState((message?.hashtags ?? []).join(' '));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RelayInput>) => setForm((f) => ({ ...f, ...patch }));
  const draft = { ...form, hashtags: splitTags(tags) };
  const counts = useMemo(
    () => Object.fromEntries(RELAY_PLATFORMS.map((p) => [p, countFor(p, composePost(draft, p))])) as Record<RelayPlatform, ReturnType<typeof countFor>>,
    // draft is rebuilt from these on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [form, tags],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (message) await store.relay.edit(message.id, draft);
      else await store.relay.create(draft);
      onDone(s.saved);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form autoComplete="off" className="relay-editor" aria-label={message ? s.editorEdit : s.editorNew} onSubmit={(e) => void submit(e)}>
      <div className="relay-editor-row">
        <Field label={s.category}>
          <select value={form.category} onChange={(e) => set({ category: e.target.value as RelayInput['category'] })}>
            <Options keys={RELAY_CATEGORIES} labels={RELAY_CATEGORY_LABELS} lang={lang} />
          </select>
        </Field>
        <Field label={s.title} className="grow">
          <input value={form.title} maxLength={RELAY_LIMITS.title} required onChange={(e) => set({ title: e.target.value })} />
        </Field>
      </div>
      <Field label={s.source} hint={s.sourceHint}>
        <input type="url" value={form.source} maxLength={2048} placeholder="https://" onChange={(e) => set({ source: e.target.value })} />
      </Field>
      <Field label={s.text}>
        <textarea rows={4} value={form.text} maxLength={RELAY_LIMITS.text} required onChange={(e) => set({ text: e.target.value })} />
      </Field>
      <Field label={s.hashtags} hint={s.hashtagsHint}>
        <input value={tags} maxLength={1100} onChange={(e) => setTags(e.target.value)} />
      </Field>
      <fieldset className="relay-variants">
        <legend>{s.variants}</legend>
        {RELAY_PLATFORMS.map((p) => (
          <div key={p} className="relay-variant">
            <Field label={fill(s.variantOf, { platform: RELAY_PLATFORM_LABELS[p][lang] })} hint={s.variantHint}>
              <textarea rows={2} value={form.variants[p] ?? ''} maxLength={RELAY_LIMITS.variant} onChange={(e) => set({ variants: { ...form.variants, [p]: e.target.value } })} />
            </Field>
            <Counter s={s} platform={p} count={counts[p]} />
          </div>
        ))}
      </fieldset>
      <p className="sr-status" role="status" aria-live="polite">
        {summary(s, counts, lang)}
      </p>
      <label className="check">
        <input type="checkbox" checked={form.ready} onChange={(e) => set({ ready: e.target.checked })} /> {s.ready}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {s.save}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}

/** "X : 212 / 280", red with "trop long de 12" above the limit. */
export function Counter({ s, platform, count }: { s: RelayStrings; platform: RelayPlatform; count: ReturnType<typeof countFor> }) {
  const lang = useLang();
  const name = RELAY_PLATFORM_LABELS[platform][lang];
  const text = count.limit === null ? fill(s.counterNoLimit, { platform: name, count: count.count }) : fill(s.counter, { platform: name, count: count.count, limit: count.limit });
  return (
    <span className={`relay-counter${count.over ? ' over' : ''}`} data-platform={platform} data-count={count.count}>
      {text}
      {count.over && count.limit !== null && ` — ${fill(s.over, { count: count.count - count.limit })}`}
    </span>
  );
}

/** What the live region says: only the platforms over their limit (or that all fit). */
function summary(s: RelayStrings, counts: Record<RelayPlatform, ReturnType<typeof countFor>>, lang: 'fr' | 'en'): string {
  const over = RELAY_PLATFORMS.filter((p) => counts[p].over).map((p) => `${RELAY_PLATFORM_LABELS[p][lang]} ${fill(s.over, { count: counts[p].count - counts[p].limit! })}`);
  return over.length ? fill(s.countsSummary, { list: over.join(', ') }) : s.allFit;
}
