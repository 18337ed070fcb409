// The workspace's "Importer" button and its dialog.
import { useState } from 'react';
import { ImportDialog } from './ImportDialog';
import { useImportText } from './strings';

export function ImportButton({ onImported }: { onImported?: (ids: string[]) => void }) {
  const t = useImportText();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('button')}
      </button>
      {open && <ImportDialog onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}
