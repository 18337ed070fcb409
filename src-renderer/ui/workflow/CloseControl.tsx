// Closing is shared and signed: a coordinator or the COD closes the crisis for every copy, which
// then refuses captures and edits until one of them reopens it.
import { useState } from 'react';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { useCan } from './hooks';
import { useWorkflowStrings } from './strings';
import './workflow.css';

export function CloseControl({ onError }: { onError: (message: string) => void }) {
  const s = useWorkflowStrings();
  const store = useCrisisStore();
  useStoreVersion(store);
  const allowed = useCan('close');
  const [busy, setBusy] = useState(false);
  const closed = !!store.state.info?.closed;
  if (!allowed) return null;
  const toggle = async () => {
    if (!closed && !window.confirm(s.closeConfirm)) return;
    setBusy(true);
    try {
      await store.workflow.setClosed(!closed);
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="secondary" disabled={busy} onClick={() => void toggle()}>
      {closed ? s.reopenCrisis : s.closeCrisis}
    </button>
  );
}
