// "Nouvelle rumeur": the claim in one sentence (required), optionally with the sighting selected in
// the table. Nothing is written until the claim is sound; the store's refusal, if any, is shown as is.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../common/Field';
import { useCrisisStore } from '../session';
import { claimProblem, MAX_CLAIM } from './claim';

interface Props {
  /** Sightings selected in the table, offered for linking (ticked by default). */
  selectedIds: readonly string[];
  onCreated: (id: string) => void;
  onCancel: () => void;
}

export function NewRumourForm({ selectedIds, onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const store = useCrisisStore();
  const [claim, setClaim] = useState('');
  const [withSelection, setWithSelection] = useState(true);
  const [claimError, setClaimError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const selection = selectedIds.filter((id) => store.get(id));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = claimProblem(claim);
    setClaimError(problem ? t(`rumours.${problem}`) : '');
    setError('');
    if (problem) return;
    setBusy(true);
    try {
      onCreated(await store.workflow.createRumour(claim, withSelection ? selection : []));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form autoComplete="off" className="rumour-new" aria-label={t('rumours.newForm')} onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('rumours.claim')} error={claimError}>
        <input value={claim} maxLength={MAX_CLAIM + 100} autoFocus onChange={(e) => setClaim(e.target.value)} />
      </Field>
      {selection.length > 0 && (
        <label className="check">
          <input type="checkbox" checked={withSelection} onChange={(e) => setWithSelection(e.target.checked)} /> {t('rumours.withSelection', { count: selection.length })}
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('rumours.create')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('rumours.cancel')}
        </button>
        {error && (
          <small className="error" role="alert">
            {error}
          </small>
        )}
      </div>
    </form>
  );
}
