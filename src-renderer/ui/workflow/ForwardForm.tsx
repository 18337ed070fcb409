// "Transmettre au COD": one sighting or several, with a message. A coordinator or the COD.
import { useState } from 'react';
import { useCrisisStore } from '../session';
import { fill, useWorkflowStrings } from './strings';

export function ForwardForm({ ids, onError, onDone }: { ids: readonly string[]; onError: (message: string) => void; onDone?: () => void }) {
  const s = useWorkflowStrings();
  const store = useCrisisStore();
  const [msg, setMsg] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      await store.workflow.forward(ids, msg);
      setMsg('');
      onDone?.();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="forward-form">
      <label>
        {s.forwardMessage}
        <textarea aria-label={s.forwardMessage} rows={2} value={msg} maxLength={2000} onChange={(e) => setMsg(e.target.value)} />
      </label>
      <button type="button" disabled={busy || !ids.length} onClick={() => void send()}>
        {ids.length > 1 ? fill(s.forwardSelection, { count: ids.length }) : s.forward}
      </button>
    </div>
  );
}
