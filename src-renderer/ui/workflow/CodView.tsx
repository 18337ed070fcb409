// The COD's view "Transmis au COD": what the volunteers forwarded, unread first, each with
// "Accuser réception" and the action taken. Everyone sees it; only the COD acknowledges.
import { useState } from 'react';
import { ACTION_LABELS, ACTIONS, type Action } from '../../core/workflow';
import type { Forwarding } from '../../core/workflow-state';
import { PRIORITY_LABELS } from '../../core/labels';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { useCrisisStore } from '../session';
import { ForwardingLine } from './ForwardingStatus';
import { useCan, useMemberName, useWorkflow } from './hooks';
import { fill, useWorkflowStrings } from './strings';

export function CodView({ onOpen }: { onOpen: (sightingId: string) => void }) {
  const s = useWorkflowStrings();
  const { workflow } = useWorkflow();
  const [error, setError] = useState('');
  const all = [...workflow.forwardings.values()];
  const unread = all.filter((f) => !f.ack).sort((x, y) => x.at - y.at);
  const read = all.filter((f) => f.ack).sort((x, y) => y.at - x.at);
  return (
    <section className="cod-view" aria-label={s.codRegion}>
      <h2>{s.codRegion}</h2>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {!all.length && <p className="hint">{s.codEmpty}</p>}
      {unread.length > 0 && <h3>{fill(s.unread, { count: unread.length })}</h3>}
      <ul>
        {unread.map((f) => (
          <ForwardingCard key={f.id} f={f} onOpen={onOpen} onError={setError} />
        ))}
      </ul>
      {read.length > 0 && <h3>{fill(s.read, { count: read.length })}</h3>}
      <ul>
        {read.map((f) => (
          <ForwardingCard key={f.id} f={f} onOpen={onOpen} onError={setError} />
        ))}
      </ul>
    </section>
  );
}

function ForwardingCard({ f, onOpen, onError }: { f: Forwarding; onOpen: (id: string) => void; onError: (m: string) => void }) {
  const s = useWorkflowStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const nameOf = useMemberName();
  const isCod = useCan('acknowledge');
  const [action, setAction] = useState<Action | ''>(f.action?.action ?? '');
  const [note, setNote] = useState(f.action?.note ?? '');
  const run = (p: Promise<unknown>) => void p.catch((e: Error) => onError(e.message));
  return (
    <li className={`forwarding ${f.ack ? 'read' : 'unread'}`} aria-label={fill(s.forwarded, { name: nameOf(f.actor), time: formatTime(f.at, lang) })}>
      <p className="forwarding-line">
        <ForwardingLine f={f} />
      </p>
      <ul className="forwarded-sightings">
        {f.sightings.map((id) => {
          const row = store.get(id);
          return (
            <li key={id}>
              {row ? `${PRIORITY_LABELS[row.priority][lang]} · ${row.communeName || row.placeText || '—'} · ${row.text.slice(0, 160)}` : id}{' '}
              <button type="button" className="link" onClick={() => onOpen(id)}>
                {s.open}
              </button>
            </li>
          );
        })}
      </ul>
      {isCod ? (
        <div className="cod-actions">
          {!f.ack && (
            <button type="button" onClick={() => run(store.workflow.acknowledge(f.id))}>
              {s.acknowledge}
            </button>
          )}
          <label>
            {s.action}
            <select aria-label={s.action} value={action} onChange={(e) => setAction(e.target.value as Action)}>
              <option value="">—</option>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {ACTION_LABELS[a][lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s.actionNote}
            <input aria-label={s.actionNote} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="button" className="secondary" disabled={!action} onClick={() => action && run(store.workflow.acknowledge(f.id, action, note))}>
            {s.saveAction}
          </button>
        </div>
      ) : (
        !f.ack && <p className="hint">{s.codOnly}</p>
      )}
    </li>
  );
}
