// "Paquet de synchronisation": the crisis as an encrypted file for a USB key, and its import.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SYNC_PACK_EXTENSION, SYNC_PACK_LIMITS, syncPackError } from '../../core/sync-pack';
import { platform } from '../../platform';
import { exportSyncPack, importSyncPack } from '../../store/sync-pack';
import { useCrisisStore } from '../session';
import { Dialog } from './Dialog';

export function SyncPackDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const store = useCrisisStore();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(task: () => Promise<string>) {
    setBusy(true);
    setError('');
    setMessage('');
    try {
      setMessage(await task());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const exportPack = () =>
    run(async () => {
      const { bytes, fileName } = await exportSyncPack(store, { by: store.me.name });
      const saved = await platform.saveFile({ suggestedName: fileName, data: bytes, mime: 'application/octet-stream' });
      return saved ? t('sync.packExported', { name: fileName }) : t('sync.packCancelled');
    });

  const importPack = (file: File) =>
    run(async () => {
      // Refused before it is read into memory (openPack checks the bytes again).
      if (file.size > SYNC_PACK_LIMITS.maxPackBytes) throw syncPackError('too-large');
      const result = await importSyncPack(store, new Uint8Array(await file.arrayBuffer()));
      return result.alreadyKnown ? t('sync.packKnown') : t('sync.packImported', { count: result.newEntries });
    });

  return (
    <Dialog title={t('sync.packTitle')} onClose={onClose}>
      <p>{t('sync.packIntro')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void exportPack()}>
          {t('sync.packExport')}
        </button>
        <label className="file-button">
          {t('sync.packImport')}
          <input
            type="file"
            accept={SYNC_PACK_EXTENSION}
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importPack(file);
            }}
          />
        </label>
      </div>
      <p role="status">{message}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
