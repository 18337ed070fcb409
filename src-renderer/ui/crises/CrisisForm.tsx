// Opening a new crisis workspace: name, département, hazard, start time.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { crisisInputSchema, formErrors, type CrisisRecord } from '../../core/crisis';
import { DEPARTEMENTS } from '../../core/departements';
import { HAZARD_LABELS } from '../../core/labels';
import { HAZARDS } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { createCrisis } from '../../store/registry';
import { Field } from '../common/Field';
import { isoTime } from '../common/format';
import { Options } from '../common/options';
import { useSession } from '../session';

/** "2026-11-23T08:30" in local time, as a datetime-local input wants it. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function CrisisForm({ onCreated }: { onCreated: (c: CrisisRecord) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { db } = useSession();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    // An impossible date stays as typed, for the schema to refuse in French (toISOString would throw).
    const startedAt = data.startedAt ? (isoTime(new Date(data.startedAt).getTime()) ?? data.startedAt) : '';
    const parsed = crisisInputSchema.safeParse({ ...data, startedAt });
    if (!parsed.success) return setErrors(formErrors(parsed.error));
    onCreated(await createCrisis(db, parsed.data));
  }

  return (
    <form autoComplete="off" onSubmit={submit} noValidate aria-label={t('crises.create')} className="crisis-form">
      <h2>{t('crises.create')}</h2>
      <Field label={t('crises.name')} error={errors.name}>
        <input name="name" placeholder="Crue du Tarn — novembre 2026" />
      </Field>
      <Field label={t('crises.departement')} error={errors.departement}>
        <select name="departement" defaultValue="">
          <option value="" disabled>
            —
          </option>
          {DEPARTEMENTS.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} — {d.nom}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('crises.hazard')} error={errors.hazard}>
        <select name="hazard" defaultValue="inondation">
          <Options keys={HAZARDS} labels={HAZARD_LABELS} lang={lang} />
        </select>
      </Field>
      <Field label={t('crises.startedAt')} error={errors.startedAt}>
        <input name="startedAt" type="datetime-local" defaultValue={localNow()} />
      </Field>
      <button type="submit">{t('crises.submit')}</button>
    </form>
  );
}
