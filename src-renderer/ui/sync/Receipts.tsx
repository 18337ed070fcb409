// In the sync bar: who holds my last change (from signed receipts, sync/receipts.ts) and, for the
// COD, who has not been heard from for more than N minutes; details in a small panel.
import { useState } from 'react';
import { useLang } from '../../i18n';
import { fill } from '../common/fill';
import { formatTime } from '../common/format';
import { useSyncSession } from '../session';
import { useCan, useNow } from '../workflow/hooks';
import { age, useWorkflowStrings } from '../workflow/strings';
import { useSyncStatus } from './hooks';
import { useReceiptStrings } from './receipt-strings';
import './receipts.css';

export function Receipts() {
  const r = useReceiptStrings();
  const w = useWorkflowStrings();
  const lang = useLang();
  const s = useSyncStatus();
  const sync = useSyncSession();
  const isCod = useCan('acknowledge');
  const now = useNow(30_000);
  const [open, setOpen] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const held = new Map(s.heldBy.map((h) => [h.actor, h]));
  const latest = s.heldBy.reduce((max, h) => Math.max(max, h.since), 0);
  return (
    <>
      {s.heldBy.length > 0 && (
        <span className="ok" data-testid="held-by" data-names={s.heldBy.map((h) => h.name).join(',')}>
          {fill(r.heldBy, { names: s.heldBy.map((h) => h.name).join(', '), age: age(w, latest, Math.max(now, latest)) })}
        </span>
      )}
      {isCod && s.silent.length > 0 && (
        <span className="warn" data-testid="silent" data-names={s.silent.map((m) => m.name).join(',')}>
          {fill(r.silent, { minutes: s.silenceMinutes, names: s.silent.map((m) => m.name).join(', ') })}
        </span>
      )}
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {r.details}
      </button>
      {open && (
        <div className="receipts-panel" role="region" aria-label={r.detailsTitle}>
          {s.heard.length ? (
            <ul>
              {s.heard.map((m) => {
                const h = held.get(m.actor);
                return (
                  <li key={m.actor}>
                    <strong>{m.name}</strong> —{' '}
                    {h ? fill(r.holds, { time: formatTime(h.since, lang, true) }) : m.lastHeard ? fill(r.lastHeard, { time: formatTime(m.lastHeard, lang, true) }) : r.never}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="hint">{r.noMembers}</p>
          )}
          {s.refusedReceipts > 0 && <p className="error" data-testid="refused-receipts" data-count={s.refusedReceipts}>{fill(r.refused, { count: s.refusedReceipts })}</p>}
          {isCod && (
            <label>
              {r.threshold}
              <input
                type="number"
                min={1}
                max={1440}
                defaultValue={s.silenceMinutes}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  const ok = Number.isInteger(n) && n >= 1 && n <= 1440;
                  setInvalid(!ok);
                  if (ok) sync.setSilenceMinutes(n);
                }}
              />
              {invalid && <span className="error">{r.thresholdInvalid}</span>}
            </label>
          )}
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            {r.close}
          </button>
        </div>
      )}
    </>
  );
}
