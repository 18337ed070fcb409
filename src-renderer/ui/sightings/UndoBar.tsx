// After an archive: a few seconds to take it back.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onUndo: () => void;
  onDismiss: () => void;
}

export function UndoBar({ onUndo, onDismiss }: Props) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onDismiss, 15000);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  return (
    <div className="undo" role="status">
      {t('undo.archived')}{' '}
      <button type="button" onClick={onUndo}>
        {t('undo.undo')}
      </button>
    </div>
  );
}
