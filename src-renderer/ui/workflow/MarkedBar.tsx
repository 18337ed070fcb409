// Several sightings ticked in the table (Ctrl+click or Espace): forwarded to the COD together, with
// one message, as one forwarding the COD acknowledges once.
import { useCan } from './hooks';
import { ForwardForm } from './ForwardForm';
import { fill, useWorkflowStrings } from './strings';

export function MarkedBar({ ids, onClear, onError }: { ids: readonly string[]; onClear: () => void; onError: (message: string) => void }) {
  const s = useWorkflowStrings();
  const canForward = useCan('forward');
  return (
    <div className="marked-bar" role="group" aria-label={fill(s.marked, { count: ids.length })}>
      <strong>{fill(s.marked, { count: ids.length })}</strong>
      {canForward ? <ForwardForm ids={ids} onError={onError} onDone={onClear} /> : <span className="hint">{s.forwardNotAllowed}</span>}
      <button type="button" className="secondary" onClick={onClear}>
        {s.unmark}
      </button>
    </div>
  );
}
