// Filters over the table: status tabs with counts, category, priority, commune and free text.
import { forwardRef, startTransition, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../core/labels';
import type { SightingFilter } from '../../core/query';
import { CATEGORIES, PRIORITIES, STATUSES, type Category, type Priority, type Status } from '../../core/taxonomy';
import { useLang } from '../../i18n';
import { Field } from '../common/Field';
import { Options } from '../common/options';

interface Props {
  filter: SightingFilter;
  counts: Record<Status, number>;
  /** The table's search waits for its index (a query typed right after opening at 100,000 rows). */
  searching?: boolean;
  /** The table's new order is being built (a first sort by a column right after opening at 100,000 rows). */
  sorting?: boolean;
  /**
   * What changed, and only that: the holder merges it into its filter as it stands then. A search is
   * sent in a transition; a whole filter sent by a select right after it (built from this render's
   * `filter`, the search not yet in it) put the old search back.
   */
  onChange: (change: Partial<SightingFilter>) => void;
}

export const FiltersBar = forwardRef<HTMLInputElement, Props>(function FiltersBar({ filter, counts, searching = false, sorting = false, onChange }, searchRef) {
  const { t } = useTranslation();
  const lang = useLang();
  const active = STATUSES.filter((s) => s !== 'archive').reduce((n, s) => n + counts[s], 0);
  // The search box shows what is typed at once (its own state, an urgent render of this bar only);
  // the table follows in a transition, which React may interrupt when the next letter comes.
  const [text, setText] = useState(filter.text);
  // Texts this box sent that may still be on their way (a transition committing an older one must
  // not put it back in the box); any other text comes from elsewhere and is shown.
  const sent = useRef<string[]>([]);
  useEffect(() => {
    const at = sent.current.indexOf(filter.text);
    if (at >= 0) sent.current = sent.current.slice(at + 1);
    else setText(filter.text);
  }, [filter.text]);
  const tab = (statuses: Status[], label: string, count: number) => {
    const pressed = statuses.join() === filter.statuses.join();
    return (
      <button key={label} type="button" aria-pressed={pressed} className="tab" onClick={() => onChange({ statuses })}>
        {label} <span className="count">{count}</span>
      </button>
    );
  };
  return (
    <div className="filters">
      <div role="group" aria-label={t('table.statusTabs')} className="status-tabs">
        {tab([], t('table.active'), active)}
        {STATUSES.map((s) => tab([s], STATUS_LABELS[s][lang], counts[s]))}
      </div>
      <div className="filter-fields">
        <Field label={t('table.search')} className="grow">
          <input
            ref={searchRef}
            type="search"
            value={text}
            placeholder={t('table.searchPlaceholder')}
            onChange={(e) => {
              const next = e.target.value;
              setText(next);
              sent.current.push(next);
              startTransition(() => onChange({ text: next }));
            }}
          />
        </Field>
        {/* Always there (empty when idle), so that screen readers announce it when it fills. */}
        <span role="status" className="search-busy">
          {searching ? t('table.searching') : sorting ? t('table.sorting') : ''}
        </span>
        <Field label={t('table.commune')}>
          <input value={filter.commune} onChange={(e) => onChange({ commune: e.target.value })} />
        </Field>
        <Field label={t('capture.category')}>
          <select value={filter.categories[0] ?? ''} onChange={(e) => onChange({ categories: e.target.value ? [e.target.value as Category] : [] })}>
            <option value="">{t('table.allCategories')}</option>
            <Options keys={CATEGORIES} labels={CATEGORY_LABELS} lang={lang} />
          </select>
        </Field>
        <Field label={t('capture.priority')}>
          <select value={filter.priorities[0] ?? ''} onChange={(e) => onChange({ priorities: e.target.value ? [e.target.value as Priority] : [] })}>
            <option value="">{t('table.allPriorities')}</option>
            <Options keys={PRIORITIES} labels={PRIORITY_LABELS} lang={lang} />
          </select>
        </Field>
      </div>
    </div>
  );
});
