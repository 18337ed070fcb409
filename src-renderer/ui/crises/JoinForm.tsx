// "Rejoindre une crise": paste an invitation (or arrive through a #/join/… link).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeInvitation } from '../../core/invitation';
import { joinCrisis } from '../../store/registry';
import { Field } from '../common/Field';
import { useSession } from '../session';

export function JoinForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const { db, openCrisis } = useSession();
  const [text, setText] = useState(initial);
  const [error, setError] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const crisis = await joinCrisis(db, await decodeInvitation(text));
      setError('');
      await openCrisis(crisis);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form autoComplete="off" onSubmit={submit} noValidate aria-label={t('sync.join')} className="crisis-form">
      <h2>{t('sync.join')}</h2>
      <Field label={t('sync.invitation')} error={error || undefined} hint={t('sync.joinHint')}>
        <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <button type="submit">{t('sync.joinSubmit')}</button>
    </form>
  );
}
