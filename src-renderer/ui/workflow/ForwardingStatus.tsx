// Where a sighting stands with the COD, as every member sees it: forwarded by whom and when,
// received by whom and when, and what the COD did with it.
import { ACTION_LABELS } from '../../core/workflow';
import type { Forwarding } from '../../core/workflow-state';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { useMemberName, useNow, useWorkflow } from './hooks';
import { age, fill, useWorkflowStrings } from './strings';

export function ForwardingStatus({ sightingId }: { sightingId: string }) {
  const s = useWorkflowStrings();
  const lang = useLang();
  const { workflow } = useWorkflow();
  const forwardings = workflow.forwardingsOf(sightingId);
  if (!forwardings.length) return <p className="hint">{s.notForwarded}</p>;
  return (
    <ul className="forwardings" data-testid="forwardings">
      {forwardings.map((f) => (
        <li key={f.id}>
          <ForwardingLine f={f} />
        </li>
      ))}
    </ul>
  );
}

/** One forwarding: by whom and when, its message, received or waiting (and how long), the action. */
export function ForwardingLine({ f }: { f: Forwarding }) {
  const s = useWorkflowStrings();
  const lang = useLang();
  const nameOf = useMemberName();
  const now = useNow();
  return (
    <>
          <span>{fill(s.forwarded, { name: nameOf(f.actor), time: formatTime(f.at, lang) })}</span>
          {f.msg && <q>{f.msg}</q>}
          <span className={f.ack ? 'ok' : 'warn'}>
            {f.ack ? fill(s.received, { name: nameOf(f.ack.actor), time: formatTime(f.ack.at, lang) }) : fill(s.notReceived, { age: age(s, f.at, now) })}
          </span>
          {f.action && (
            <span>
              {fill(s.actionTaken, { action: ACTION_LABELS[f.action.action][lang] })}
              {f.action.note ? ` — ${f.action.note}` : ''} ({nameOf(f.action.actor)}, {formatTime(f.action.at, lang)})
            </span>
          )}
    </>
  );
}
