// The detail panel's "Vérification" group: each check with who and when, the verdict with its
// reason, and where the sighting stands with the COD. Every change is a signed entry.
import { useState } from 'react';
import { AUTHOR_KIND_LABELS } from '../../core/labels';
import { AUTHOR_KINDS, type AuthorKind } from '../../core/taxonomy';
import { CHECK_LABELS, CHECKS, VERDICT_LABELS, VERDICTS, type Check, type Verdict } from '../../core/workflow';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { useCrisisStore } from '../session';
import { ForwardingStatus } from './ForwardingStatus';
import { ForwardForm } from './ForwardForm';
import { useCan, useMemberName, useWorkflow } from './hooks';
import { fill, useWorkflowStrings } from './strings';

export function VerificationGroup({ id, onError }: { id: string; onError: (message: string) => void }) {
  const s = useWorkflowStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const { workflow } = useWorkflow();
  const nameOf = useMemberName();
  const canForward = useCan('forward');
  const current = workflow.verificationOf(id);
  const verdict = current.get('verdict');
  const [verdictDraft, setVerdictDraft] = useState<Verdict | ''>('');
  const [reason, setReason] = useState('');
  const run = (p: Promise<unknown>) => p.catch((e: Error) => onError(e.message));
  const who = (step: { actor: string; at: number; ok: boolean }) =>
    fill(step.ok ? s.checkBy : s.checkUndone, { name: nameOf(step.actor), time: formatTime(step.at, lang) });

  return (
    <fieldset className="verification" aria-label={s.verification}>
      <legend>{s.verification}</legend>
      <ul className="checks">
        {CHECKS.map((check) => {
          const step = current.get(check);
          return (
            <li key={check}>
              <label>
                <input type="checkbox" checked={!!step?.ok} onChange={(e) => void run(store.workflow.check(id, { check, ok: e.target.checked }))} />
                {CHECK_LABELS[check][lang]}
              </label>
              {step && <span className="hint"> — {who(step)}</span>}
              <CheckDetails check={check} id={id} step={step} run={run} />
            </li>
          );
        })}
      </ul>
      <div className="verdict">
        <p>
          <strong>{s.verdict} :</strong>{' '}
          {verdict?.verdict ? (
            <>
              {VERDICT_LABELS[verdict.verdict][lang]} — {who(verdict)}
              {verdict.note ? ` — « ${verdict.note} »` : ''}
            </>
          ) : (
            s.verdictNone
          )}
        </p>
        <label>
          {s.verdict}
          <select aria-label={s.verdict} value={verdictDraft} onChange={(e) => setVerdictDraft(e.target.value as Verdict)}>
            <option value="">—</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {VERDICT_LABELS[v][lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.reason}
          <input aria-label={s.reason} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={verdictDraft === 'dementi' ? s.reasonNeeded : ''} />
        </label>
        <button
          type="button"
          disabled={!verdictDraft}
          onClick={() =>
            verdictDraft &&
            void run(
              store.workflow.verdict(id, verdictDraft, reason).then(() => {
                setVerdictDraft('');
                setReason('');
              }),
            )
          }
        >
          {s.saveVerdict}
        </button>
      </div>
      {workflow.stepsOf(id).length > 0 && (
        <details className="steps">
          <summary>
            {s.steps} ({workflow.stepsOf(id).length})
          </summary>
          <ol>
            {workflow.stepsOf(id).map((step) => (
              <li key={step.id}>
                {formatTime(step.at, lang)} · {nameOf(step.actor)} · {step.check === 'verdict' ? `${s.verdict} : ${step.verdict ? VERDICT_LABELS[step.verdict][lang] : ''}` : `${CHECK_LABELS[step.check][lang]}${step.ok ? '' : ` (${s.withdrawn})`}`}
                {step.note ? ` — ${step.note}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
      <h4>{s.forwardTitle}</h4>
      <ForwardingStatus sightingId={id} />
      {canForward && <ForwardForm ids={[id]} onError={onError} />}
    </fieldset>
  );
}

/** The details some checks carry: the source's kind, the other sources' links, who confirmed. */
function CheckDetails({ check, id, step, run }: { check: Check; id: string; step?: { sourceKind?: AuthorKind; links?: string[]; by?: string }; run: (p: Promise<unknown>) => void }) {
  const s = useWorkflowStrings();
  const lang = useLang();
  const store = useCrisisStore();
  const [links, setLinks] = useState(step?.links?.join('\n') ?? '');
  const [by, setBy] = useState(step?.by ?? '');
  if (check === 'source')
    return (
      <label className="detail-line">
        {s.sourceKind}
        <select aria-label={s.sourceKind} value={step?.sourceKind ?? ''} onChange={(e) => run(store.workflow.check(id, { check, sourceKind: e.target.value as AuthorKind }))}>
          <option value="">—</option>
          {AUTHOR_KINDS.map((k) => (
            <option key={k} value={k}>
              {AUTHOR_KIND_LABELS[k][lang]}
            </option>
          ))}
        </select>
      </label>
    );
  if (check === 'autres_sources')
    return (
      <div className="detail-line">
        <label>
          {s.otherLinks}
          <textarea aria-label={s.otherLinks} rows={2} value={links} onChange={(e) => setLinks(e.target.value)} />
        </label>
        <button type="button" className="secondary" onClick={() => run(store.workflow.check(id, { check, links: links.split('\n') }))}>
          {s.saveLinks}
        </button>
        {step?.links?.map((l) => (
          <span key={l} className="hint link-text">
            {l}
          </span>
        ))}
      </div>
    );
  if (check === 'confirmation_officielle')
    return (
      <div className="detail-line">
        <label>
          {s.officialBy}
          <input aria-label={s.officialBy} value={by} onChange={(e) => setBy(e.target.value)} />
        </label>
        <button type="button" className="secondary" onClick={() => run(store.workflow.check(id, { check, by }))}>
          {s.saveOfficial}
        </button>
      </div>
    );
  return null;
}
