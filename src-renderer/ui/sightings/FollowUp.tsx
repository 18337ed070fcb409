// The table's "Suivi" cell: who claimed a sighting ("Je m'en occupe") and who is looking at or editing
// it, with icons shipped with the app; each icon is named for screen readers, the whole said as a tooltip.
import { useTranslation } from 'react-i18next';
import { EyeIcon, HandIcon, PencilIcon } from '../common/icons';

export interface FollowUpInfo {
  /** Name of the member who claimed it, if anyone has. */
  claim: string | null;
  viewers: readonly { name: string; editing: boolean }[];
}

/** The words the icons stand for, looked up once per table rather than once per row. */
export function useFollowUpLabels() {
  const { t } = useTranslation();
  return { claimed: t('table.claimedBy'), viewing: t('table.viewing'), editing: t('sync.editing') };
}

export function FollowUp({ info, labels }: { info: FollowUpInfo; labels: ReturnType<typeof useFollowUpLabels> }) {
  if (!info.claim && info.viewers.length === 0) return null;
  const { claimed, viewing, editing } = labels;
  const title = [
    info.claim ? `${claimed} ${info.claim}` : '',
    ...info.viewers.map((v) => `${viewing} : ${v.name}${v.editing ? ` (${editing})` : ''}`),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="follow-up" title={title}>
      {info.claim && (
        <span className="who">
          <HandIcon label={claimed} /> {info.claim}
        </span>
      )}
      {info.viewers.map((v, i) => (
        <span className="who" key={i}>
          <EyeIcon label={viewing} /> {v.name}
          {v.editing && <PencilIcon label={editing} />}
        </span>
      ))}
    </span>
  );
}
