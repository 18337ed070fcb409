// The "Rumeurs" region: one item per claim, many sightings matched to it (as collaborative
// fact-checking tools do). Active rumours (« non vérifiée ») first, then by when they were last seen.
// The workspace places it; `selectedIds` (the table's selection) can be linked from here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanPublish, useRumours } from './hooks';
import { NewRumourForm } from './NewRumourForm';
import { RumourCard } from './RumourCard';
import './rumours.css';

interface Props {
  /** Opens a sighting (the detail panel) from a rumour's linked sightings. */
  onSelectSighting?: (id: string) => void;
  /** The sightings selected in the table, offered for linking. */
  selectedIds?: readonly string[];
}

const NONE: readonly string[] = [];

export function RumoursPanel({ onSelectSighting, selectedIds = NONE }: Props) {
  const { t } = useTranslation();
  const rumours = useRumours();
  const canPublish = useCanPublish();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  return (
    <section className="rumours" aria-label={t('rumours.region')}>
      <header>
        <h2>{t('rumours.region')}</h2>
        <span className="meta">{t('rumours.count', { count: rumours.length })}</span>
        <span className="spacer" />
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {t('rumours.new')}
        </button>
      </header>
      {creating && (
        <NewRumourForm
          selectedIds={selectedIds}
          onCreated={() => {
            setCreating(false);
            setNotice(t('rumours.created'));
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <p role="status" className="rumours-status">
        {notice}
      </p>
      {rumours.length ? (
        <ol className="rumour-list">
          {rumours.map(({ rumour, stats }) => (
            <RumourCard key={rumour.id} rumour={rumour} stats={stats} selectedIds={selectedIds} canPublish={canPublish} onSelectSighting={onSelectSighting} />
          ))}
        </ol>
      ) : (
        <p className="empty">{t('rumours.empty')}</p>
      )}
    </section>
  );
}
