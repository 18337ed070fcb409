// Writing a free main courante line, or its correction: a type and a text. Cleared once the signed
// entry is stored; a refusal (crisis closed, role) goes to the workspace's error banner.
import { useState } from 'react';
import { Options } from '../common/options';
import { LOG_TYPE_LABELS, LOG_TYPES, MAX_LOG_TEXT, type LogType } from '../../core/main-courante-entry';
import { useLang } from '../../i18n';
import { useMainCouranteStrings } from './strings';

interface Props {
  initial?: { type: LogType; text: string };
  submitLabel: string;
  onSubmit(type: LogType, text: string): Promise<void>;
  onCancel?(): void;
  report(error: unknown): void;
}

export function EntryForm({ initial, submitLabel, onSubmit, onCancel, report }: Props) {
  const s = useMainCouranteStrings();
  const lang = useLang();
  const [type, setType] = useState<LogType>(initial?.type ?? 'information');
  const [text, setText] = useState(initial?.text ?? '');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit(type, text);
      setText('');
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form autoComplete="off"
      className="mc-form"
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {s.type}
        <select value={type} onChange={(e) => setType(e.target.value as LogType)}>
          <Options keys={LOG_TYPES} labels={LOG_TYPE_LABELS} lang={lang} />
        </select>
      </label>
      <label className="mc-text-field">
        {s.text}
        <textarea
          rows={2}
          value={text}
          maxLength={MAX_LOG_TEXT}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
        />
      </label>
      <button type="submit" disabled={busy || !text.trim()}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          {s.cancel}
        </button>
      )}
    </form>
  );
}
