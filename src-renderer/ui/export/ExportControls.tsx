// The workspace's export buttons: "Exporter la carte publique" (coordinators and the COD) and
// "Exporter", a menu of formats for the public subset and for the restricted table (whole or the
// table's current selection), with the crisis's export history, visible to every member.
import { useEffect, useRef, useState } from 'react';
import { can } from '../../core/rules';
import type { Sighting } from '../../core/sighting';
import { useLang } from '../../i18n';
import { platform } from '../../platform';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { Dialog } from '../sync/Dialog';
import { buildRestrictedExport, saveAndRecord, type PublicFormat, type RestrictedFormat } from './exports';
import { PublicReviewDialog } from './PublicReviewDialog';
import { EXPORT_STRINGS, fill } from './strings';
import './export.css';

export function ExportControls({ selection }: { selection: readonly Sighting[] }) {
  const s = EXPORT_STRINGS[useLang()];
  const store = useCrisisStore();
  useStoreVersion(store);
  const canPublish = can(store.state, store.me.id, 'publish');
  const [menu, setMenu] = useState(false);
  const [review, setReview] = useState<PublicFormat | null>(null);
  const [history, setHistory] = useState(false);
  const [onlySelection, setOnlySelection] = useState(false);
  const [status, setStatus] = useState('');
  const menuRef = useRef<HTMLDivElement>(null);

  // The desktop menu's "Exporter la carte publique…" (absent from the web build).
  const publishRef = useRef(canPublish);
  publishRef.current = canPublish;
  useEffect(() => {
    return platform.onExportPublicMap?.(() => (publishRef.current ? setReview('html') : setStatus(s.publicMapDenied)));
  }, [s.publicMapDenied]);

  useEffect(() => {
    if (!menu) return;
    const close = (e: MouseEvent) => !menuRef.current?.contains(e.target as Node) && setMenu(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menu]);

  const restricted = async (format: RestrictedFormat) => {
    setMenu(false);
    const rows = onlySelection ? selection : [...store.rows.values()];
    try {
      setStatus(fill(s.progress, { done: 0, total: rows.length }));
      const file = await buildRestrictedExport(store, format, rows, onlySelection, (done, total) => setStatus(fill(s.progress, { done, total })));
      setStatus((await saveAndRecord(store, file)) ? fill(s.done, { count: file.count }) : s.cancelled);
    } catch (e) {
      setStatus(fill(s.failed, { message: (e as Error).message }));
    }
  };

  return (
    <>
      <button type="button" disabled={!canPublish} title={canPublish ? undefined : s.publicMapDenied} onClick={() => setReview('html')}>
        {s.publicMap}
      </button>
      <div className="export-menu" ref={menuRef}>
        <button type="button" className="secondary" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
          {s.exportMenu}
        </button>
        {menu && (
          <div role="menu" aria-label={s.exportMenu} className="export-menu-list">
            {canPublish && (
              <div role="group" aria-label={s.publicSection}>
                <p className="meta">{s.publicSection}</p>
                {(['html', 'umap', 'geojson', 'kml', 'csv'] as const).map((f) => (
                  <button
                    key={f}
                    type="button"
                    role="menuitem"
                    onClick={() => {
                      setMenu(false);
                      setReview(f);
                    }}
                  >
                    {`${s.formats[f]} — public…`}
                  </button>
                ))}
              </div>
            )}
            <div role="group" aria-label={s.restrictedSection}>
              <p className="meta">{s.restrictedSection}</p>
              <label>
                <input type="checkbox" checked={onlySelection} onChange={(e) => setOnlySelection(e.target.checked)} /> {fill(s.selectionOnly, { count: selection.length })}
              </label>
              {(['geojson', 'kml', 'csv', 'umap', 'synthese'] as const).map((f) => (
                <button key={f} type="button" role="menuitem" onClick={() => void restricted(f)}>
                  {`${s.formats[f]} — diffusion restreinte`}
                </button>
              ))}
            </div>
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setMenu(false);
                setHistory(true);
              }}
            >
              {`${s.history} (${store.outputs().length})`}
            </button>
          </div>
        )}
      </div>
      {status && (
        <span className="export-status" role="status">
          {status}
        </span>
      )}
      {review && <PublicReviewDialog initialFormat={review} onClose={() => setReview(null)} />}
      {history && <ExportHistoryDialog onClose={() => setHistory(false)} />}
    </>
  );
}

export function ExportHistoryDialog({ onClose }: { onClose: () => void }) {
  const s = EXPORT_STRINGS[useLang()];
  const store = useCrisisStore();
  useStoreVersion(store);
  const outputs = store.outputs();
  const c = s.historyCols;
  return (
    <Dialog title={s.history} onClose={onClose}>
      {outputs.length === 0 ? (
        <p>{s.historyEmpty}</p>
      ) : (
        <table className="export-history">
          <thead>
            <tr>
              <th>{c.who}</th>
              <th>{c.when}</th>
              <th>{c.format}</th>
              <th>{c.scope}</th>
              <th>{c.count}</th>
              <th>{c.sha}</th>
              <th>{c.name}</th>
            </tr>
          </thead>
          <tbody>
            {outputs.map((o) => (
              <tr key={`${o.a}-${o.t}-${o.sha256}`}>
                <td>{store.member(o.a)?.name || o.a.slice(0, 12)}</td>
                <td>{new Date(o.t).toLocaleString('fr-FR')}</td>
                <td>{o.format}</td>
                <td>{o.scope === 'public' ? s.scopePublic : s.scopeRestricted}</td>
                <td>{o.count}</td>
                <td>
                  <code title={o.sha256}>{o.sha256}</code>
                </td>
                <td>{o.name ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
