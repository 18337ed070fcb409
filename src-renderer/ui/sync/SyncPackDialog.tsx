// "Paquet de synchronisation": placeholder until the pack format lands.
import { Dialog } from './Dialog';

export function SyncPackDialog({ onClose }: { onClose: () => void }) {
  return <Dialog title="Paquet de synchronisation" onClose={onClose}>{null}</Dialog>;
}
