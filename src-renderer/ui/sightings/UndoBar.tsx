// After an archive: "Annuler", until the user takes it back, closes it, or has gone on with a few
// other actions (Workspace counts them); never on a timer, which ran out while the volunteer was
// reading. The region sits above the map (Leaflet's panes would catch the click otherwise), is always
// in the page so screen readers hear what is added to it, and Ctrl+Z undoes the newest archive.
import { useTranslation } from 'react-i18next';
import { CloseIcon, UndoIcon } from '../common/icons';

export interface UndoItem {
  key: number;
  /** The archived sighting's text, shortened: which one this undoes. */
  text: string;
}

interface Props {
  items: readonly UndoItem[];
  onUndo: (key: number) => void;
  onDismiss: (key: number) => void;
}

const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

export function UndoBar({ items, onUndo, onDismiss }: Props) {
  const { t } = useTranslation();
  return (
    <section className="toasts" aria-label={t('undo.region')} aria-live="polite">
      {items.map((item, i) => (
        <div className="undo" key={item.key}>
          <span className="what">{item.text ? t('undo.archivedText', { text: excerpt(item.text) }) : t('undo.archived')}</span>
          <button type="button" onClick={() => onUndo(item.key)} aria-keyshortcuts={i === items.length - 1 ? 'Control+Z' : undefined} title={i === items.length - 1 ? 'Ctrl+Z' : undefined}>
            <UndoIcon /> {t('undo.undo')}
          </button>
          <button type="button" className="close" onClick={() => onDismiss(item.key)} aria-label={t('undo.dismiss')} title={t('undo.dismiss')}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </section>
  );
}
