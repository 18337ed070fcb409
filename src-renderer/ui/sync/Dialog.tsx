// A modal dialog on the native <dialog> element: focus trapping and Escape come with it.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-label={title} onClose={onClose} onCancel={onClose} className="dialog">
      <header>
        <h2>{title}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('sync.close')}
        </button>
      </header>
      {children}
    </dialog>
  );
}
