// "Ce qui sera public": lists exactly what a public export will hold, flags likely personal data in
// every public field, lets the publisher fix a title or summary (saved as a signed edit) or exclude a
// sighting, then asks for confirmation before writing the file. Text is rendered by React (as text).
// A rumour record placed in several communes is one entry here (its claim and correction, edited on
// the rumour), as it is one information on the public map.
import { useEffect, useMemo, useState } from 'react';
import { flagPublicFields } from '../../core/export/personal-data';
import type { PublicItem, Withheld } from '../../core/export/public-subset';
import { useLang } from '../../i18n';
import { useCrisisStore, useSession } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { Dialog } from '../sync/Dialog';
import { buildPublicExport, loadPublicLinks, publicItems, saveAndRecord, savePublicLinks, type PublicFormat, type PublicLinks } from './exports';
import { EXPORT_STRINGS, fill } from './strings';

const SHOWN = 300;

export function PublicReviewDialog({ initialFormat, onClose }: { initialFormat: PublicFormat; onClose: () => void }) {
  const s = EXPORT_STRINGS[useLang()];
  const store = useCrisisStore();
  const { db } = useSession();
  const version = useStoreVersion(store);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [subset, setSubset] = useState<{ items: PublicItem[]; withheld: Withheld[] } | null>(null);
  const [format, setFormat] = useState<PublicFormat>(initialFormat);
  const [links, setLinks] = useState<PublicLinks>({ prefecture: '', consignes: '' });
  const [online, setOnline] = useState(false);
  const [phase, setPhase] = useState<'review' | 'confirm' | 'writing' | 'done'>('review');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    publicItems(store, excluded).then(
      (r) => live && setSubset(r),
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, [store, version, excluded]);
  useEffect(() => {
    void loadPublicLinks(db, store.crisis.id).then(setLinks);
  }, [db, store]);

  // One entry per information: a rumour's items (one per commune) together, with their communes.
  const entries = useMemo(() => {
    const byKey = new Map<string, { item: PublicItem; places: string[] }>();
    for (const item of subset?.items ?? []) {
      const k = keyOf(item);
      let e = byKey.get(k);
      if (!e) byKey.set(k, (e = { item, places: [] }));
      if (item.rumourId && item.communeName) e.places.push(item.communeName);
    }
    return [...byKey.values()];
  }, [subset]);
  const flagged = useMemo(() => {
    const m = new Map<string, ReturnType<typeof flagPublicFields>>();
    for (const { item } of entries) {
      const f = flagPublicFields({ title: item.title, summary: item.summary });
      if (f.length) m.set(keyOf(item), f);
    }
    return m;
  }, [entries]);
  const ordered = useMemo(
    () => [...entries.filter((e) => flagged.has(keyOf(e.item))), ...entries.filter((e) => !flagged.has(keyOf(e.item)))],
    [entries, flagged],
  );

  const toggle = (id: string) => {
    const next = new Set(excluded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExcluded(next);
  };

  const write = async () => {
    if (!subset) return;
    setPhase('writing');
    setError('');
    try {
      const file = await buildPublicExport(store, format, { items: subset.items, links, onlineTiles: online }, (done, total) => setProgress({ done, total }));
      const saved = await saveAndRecord(store, file);
      setMessage(saved ? fill(s.done, { count: file.count }) : s.cancelled);
      setPhase('done');
    } catch (e) {
      setError(fill(s.failed, { message: (e as Error).message }));
      setPhase('review');
    }
  };

  const count = entries.length;
  return (
    <Dialog title={s.reviewTitle} onClose={onClose}>
      <div className="export-review">
        <p>{s.reviewIntro}</p>
        <p>{s.rumourIntro}</p>
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        {!subset ? (
          <p>{s.loading}</p>
        ) : phase === 'confirm' ? (
          <section aria-label={s.confirmTitle}>
            <h3>{s.confirmTitle}</h3>
            <p>{fill(s.confirmText, { count })}</p>
            <button type="button" onClick={() => void write()}>
              {s.confirm}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setPhase('review')}>
              {s.back}
            </button>
          </section>
        ) : phase === 'writing' ? (
          <p role="status">
            {fill(s.progress, { done: progress?.done ?? 0, total: progress?.total ?? count })}
            <progress max={progress?.total || 1} value={progress?.done ?? 0} />
          </p>
        ) : phase === 'done' ? (
          <>
            <p role="status">{message}</p>
            <button type="button" onClick={onClose}>
              {s.close}
            </button>
          </>
        ) : (
          <>
            <p role="status">{fill(s.summary, { count, flagged: flagged.size })}</p>
            <label>
              {s.format}{' '}
              <select value={format} onChange={(e) => setFormat(e.target.value as PublicFormat)}>
                {(['html', 'umap', 'geojson', 'kml', 'csv'] as const).map((f) => (
                  <option key={f} value={f}>
                    {s.formats[f]}
                  </option>
                ))}
              </select>
            </label>
            {format === 'html' && (
              <fieldset>
                <legend>{s.links}</legend>
                <label>
                  {s.prefecture}{' '}
                  <input type="url" value={links.prefecture} placeholder="https://www.….gouv.fr" onChange={(e) => setLinks({ ...links, prefecture: e.target.value })} onBlur={() => void savePublicLinks(db, store.crisis.id, links)} />
                </label>
                <label>
                  {s.consignes}{' '}
                  <input type="url" value={links.consignes} placeholder="https://…" onChange={(e) => setLinks({ ...links, consignes: e.target.value })} onBlur={() => void savePublicLinks(db, store.crisis.id, links)} />
                </label>
                <label>
                  <input type="checkbox" checked={online} onChange={(e) => setOnline(e.target.checked)} /> {s.online}
                </label>
              </fieldset>
            )}
            <ol className="export-items">
              {ordered.slice(0, SHOWN).map(({ item, places }) => (
                <ReviewItem key={keyOf(item)} item={item} places={places} flags={flagged.get(keyOf(item))} onExclude={() => toggle(keyOf(item))} />
              ))}
            </ol>
            {ordered.length > SHOWN && <p>{fill(s.moreItems, { count: ordered.length - SHOWN })}</p>}
            {subset.withheld.length > 0 && (
              <details>
                <summary>{fill(s.withheld, { count: subset.withheld.length })}</summary>
                <ul>
                  {subset.withheld.slice(0, SHOWN).map((w) => (
                    <li key={w.id}>
                      {w.title ?? (store.get(w.id)?.publicTitle || w.id)} — {w.reason}{' '}
                      {excluded.has(w.id) && (
                        <button type="button" className="secondary" onClick={() => toggle(w.id)}>
                          {s.include}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <button type="button" disabled={count === 0} onClick={() => setPhase('confirm')}>
              {fill(s.publish, { count })}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}

/** A sighting's item by its id, a rumour's items by the rumour's (excluding a rumour excludes all its communes). */
function keyOf(item: PublicItem): string {
  return item.rumourId ?? item.id;
}

function ReviewItem({ item, places, flags, onExclude }: { item: PublicItem; places: readonly string[]; flags?: ReturnType<typeof flagPublicFields>; onExclude: () => void }) {
  const s = EXPORT_STRINGS[useLang()];
  const store = useCrisisStore();
  const [title, setTitle] = useState(item.title);
  const [summary, setSummary] = useState(item.summary);
  const [note, setNote] = useState('');
  useEffect(() => {
    setTitle(item.title);
    setSummary(item.summary);
  }, [item.title, item.summary]);
  const dirty = title !== item.title || summary !== item.summary;
  const save = async () => {
    try {
      if (item.rumourId) await store.workflow.updateRumour(item.rumourId, { claim: title, correction: summary });
      else await store.update(item.id, { publicTitle: title, publicSummary: summary });
      setNote(s.saved);
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  const place = places.length ? `${places.join(', ')} (${item.precisionLabel})` : item.lat === null ? s.noPlace : `${item.communeName || `${item.lat}, ${item.lon}`} (${item.precisionLabel})`;
  const titleLabel = item.rumourId ? s.rumourClaim : s.title;
  const summaryLabel = item.rumourId ? s.rumourCorrection : s.summaryField;
  return (
    <li className={flags ? 'flagged' : undefined} aria-label={item.title}>
      <p className="meta">
        {item.layer === 'rumeurs' ? `${s.rumour} · ` : ''}
        {item.categoryLabel} · {s.place} : {place}
      </p>
      <label>
        {titleLabel} <input value={title} maxLength={item.rumourId ? 500 : 200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {summaryLabel} <textarea value={summary} rows={2} maxLength={2000} onChange={(e) => setSummary(e.target.value)} />
      </label>
      {flags && (
        <div role="alert" className="export-flags">
          <strong>{s.flagsHeading}</strong>
          <ul>
            {flags.flatMap((f) => f.flags.map((flag) => <li key={`${f.field}-${flag.index}`}>{`${f.field === 'title' ? titleLabel : summaryLabel} — ${flag.message}`}</li>))}
          </ul>
        </div>
      )}
      <button type="button" disabled={!dirty} onClick={() => void save()}>
        {s.save}
      </button>{' '}
      <button type="button" className="secondary" onClick={onExclude}>
        {s.exclude}
      </button>
      {note && <span role="status"> {note}</span>}
    </li>
  );
}
