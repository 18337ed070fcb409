// On the sync bar: nothing forwarded to the COD stays unacknowledged unnoticed.
import { useMemo } from 'react';
import { useNow, useWorkflow } from './hooks';
import { age, fill, useWorkflowStrings } from './strings';

export function PendingForwards({ onShow }: { onShow: () => void }) {
  const s = useWorkflowStrings();
  const { workflow, version } = useWorkflow();
  const now = useNow();
  const pending = useMemo(() => workflow.unacknowledged(), [workflow, version]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!pending.length) return null;
  return (
    <button type="button" className="link warn" data-testid="unacknowledged" data-count={pending.length} onClick={onShow}>
      {fill(s.pending, { count: pending.length, age: age(s, pending[0]!.at, now) })}
    </button>
  );
}
