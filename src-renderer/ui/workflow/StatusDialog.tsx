// "S" on a row: move the sighting to one of its allowed statuses from the keyboard (1, 2, … or the
// arrows, then Entrée), asked for a reason where it matters. A verdict (confirmé, démenti) is recorded
// as a verification step; "transmis" forwards to the COD with a message; "doublon" goes through
// "Lier comme doublon" in the detail, where the original is chosen.
import { useEffect, useRef, useState } from 'react';
import { STATUS_LABELS } from '../../core/labels';
import { can } from '../../core/rules';
import type { Sighting } from '../../core/sighting';
import { TRANSITIONS, type Status } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { useCrisisStore } from '../session';
import { Dialog } from '../sync/Dialog';
import { useWorkflowStrings } from './strings';

/** Statuses whose change asks why (and where the reason is kept). */
const NEEDS_REASON: ReadonlySet<Status> = new Set(['dementi', 'traite', 'transmis']);
const POWER_OF: Partial<Record<Status, 'forward' | 'handle'>> = { transmis: 'forward', traite: 'handle' };

export function StatusDialog({ sighting, onClose, onOpenDetail }: { sighting: Sighting; onClose: () => void; onOpenDetail: () => void }) {
  const s = useWorkflowStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const choices = TRANSITIONS[sighting.status].filter((to) => !POWER_OF[to] || can(store.state, store.me.id, POWER_OF[to]!));
  const [to, setTo] = useState<Status | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const group = useRef<HTMLDivElement>(null);
  // The dialog focuses its first control when it opens (after this effect): the first status then.
  useEffect(() => {
    const frame = requestAnimationFrame(() => group.current?.querySelector('button')?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  const apply = async (target: Status) => {
    if (target === 'doublon') {
      onClose();
      return onOpenDetail();
    }
    if (NEEDS_REASON.has(target) && !reason.trim()) {
      setTo(target);
      return;
    }
    try {
      if (target === 'transmis') await store.workflow.forward([sighting.id], reason);
      else if (target === 'dementi' || target === 'confirme') await store.workflow.verdict(sighting.id, target, reason);
      else if (target === 'traite') await store.update(sighting.id, { status: target, verificationNotes: appendNote(sighting.verificationNotes, `${STATUS_LABELS.traite.fr} : ${reason.trim()}`) });
      else await store.update(sighting.id, { status: target });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Dialog title={s.statusTitle} onClose={onClose}>
      <p className="hint">{s.statusHint}</p>
      <div
        className="status-choices"
        ref={group}
        role="group"
        aria-label={s.statusTitle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
            const buttons = [...e.currentTarget.querySelectorAll('button')];
            const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
            const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1;
            buttons[(at + step + buttons.length) % buttons.length]?.focus();
            e.preventDefault();
            e.stopPropagation();
            return;
          }
          const n = Number(e.key);
          if (n >= 1 && n <= choices.length && !(e.target instanceof HTMLInputElement)) {
            e.preventDefault();
            void apply(choices[n - 1]!);
          }
        }}
      >
        {choices.map((c, i) => (
          <button key={c} type="button" aria-pressed={to === c} onClick={() => void apply(c)}>
            {i + 1}. {STATUS_LABELS[c][lang]}
          </button>
        ))}
      </div>
      {to && (
        <form autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void apply(to);
          }}
        >
          <label>
            {to === 'transmis' ? s.forwardMessage : s.reason}
            <input autoFocus value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={!reason.trim()}>
            {STATUS_LABELS[to][lang]}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function appendNote(notes: string, line: string): string {
  return (notes ? `${notes}\n${line}` : line).slice(-20000);
}
