// Asked once per copy: who records the changes made here.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors, identityInputSchema } from '../../core/crisis';
import { ROLE_LABELS } from '../../core/labels';
import { ROLES } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { Field } from '../common/Field';
import { Options } from '../common/options';
import { useSession } from '../session';

export function IdentityForm() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setIdentity } = useSession();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget));
    const parsed = identityInputSchema.safeParse(data);
    if (!parsed.success) return setErrors(formErrors(parsed.error));
    await setIdentity(parsed.data);
  }

  return (
    <main className="page narrow">
      <h1>{t('identity.heading')}</h1>
      <p>{t('identity.intro')}</p>
      <form autoComplete="off" onSubmit={submit} noValidate>
        <Field label={t('identity.name')} error={errors.name}>
          <input name="name" autoComplete="nickname" autoFocus />
        </Field>
        <Field label={t('identity.organisation')} error={errors.organisation}>
          <input name="organisation" autoComplete="organization" />
        </Field>
        <Field label={t('identity.role')} error={errors.role}>
          <select name="role" defaultValue="veilleur">
            <Options keys={ROLES} labels={ROLE_LABELS} lang={lang} />
          </select>
        </Field>
        <button type="submit">{t('identity.submit')}</button>
      </form>
    </main>
  );
}
