// A labelled form control with its French error, wired for screen readers and tests.
import { useId, type ReactElement, cloneElement } from 'react';

interface Props {
  label: string;
  error?: string;
  hint?: string;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
  className?: string;
}

export function Field({ label, error, hint, children, className }: Props) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={`field ${className ?? ''} ${error ? 'field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': note ? noteId : undefined })}
      {note && (
        <small id={noteId} className={error ? 'error' : 'hint'} role={error ? 'alert' : undefined}>
          {note}
        </small>
      )}
    </div>
  );
}
