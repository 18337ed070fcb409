// "Tableau des remontées": a virtualised table (only the visible rows exist in the page), sortable
// by column. Every cell is text: posts come from the internet and from any peer.
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS, PLATFORM_LABELS, STATUS_LABELS } from '../../core/labels';
import type { SortKey, SortOrder } from '../../core/query';
import type { Sighting } from '../../core/sighting';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';

const ROW_HEIGHT = 34;
type Column = SortKey | 'followUp';
const COLUMNS: Column[] = ['priority', 'status', 'category', 'text', 'commune', 'platform', 'followUp', 'createdAt'];

export interface TableHandle {
  scrollToIndex(index: number): void;
}

interface Props {
  rows: readonly Sighting[];
  order: SortOrder;
  selectedId: string | null;
  onSort: (o: SortOrder) => void;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** Who handles or looks at a sighting (claims and presence), as text. */
  followUp: (id: string) => string;
}

export const SightingsTable = forwardRef<TableHandle, Props>(function SightingsTable({ rows, order, selectedId, onSort, onSelect, onOpen, followUp }, ref) {
  const { t } = useTranslation();
  const lang = useLang();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  useImperativeHandle(ref, () => ({ scrollToIndex: (i) => virtual.scrollToIndex(i, { align: 'auto' }) }), [virtual]);

  const cell = (s: Sighting, key: Column) => {
    switch (key) {
      case 'followUp':
        return followUp(s.id);
      case 'priority':
        return <span className={`prio prio-${s.priority}`}>{s.priority}</span>;
      case 'status':
        return <span className={`status status-${s.status}`}>{STATUS_LABELS[s.status][lang]}</span>;
      case 'category':
        return CATEGORY_LABELS[s.category][lang];
      case 'commune':
        return s.communeName || s.placeText;
      case 'platform':
        return `${PLATFORM_LABELS[s.platform][lang]}${s.authorHandle ? ' · ' + s.authorHandle : ''}`;
      case 'createdAt':
        return formatTime(s.createdAt, lang);
      default:
        return s.text;
    }
  };

  return (
    <section className="table" aria-label={t('table.region')}>
      <div role="table" aria-label={t('table.region')} aria-rowcount={rows.length + 1}>
        <div role="rowgroup" className="thead">
          <div role="row" className="tr" aria-rowindex={1}>
            {COLUMNS.map((key) => {
              if (key === 'followUp')
                return (
                  <div role="columnheader" key={key} className={`td col-${key}`}>
                    {t('table.columns.followUp')}
                  </div>
                );
              const sorted = order.key === key;
              return (
                <div role="columnheader" key={key} className={`td col-${key}`} aria-sort={sorted ? (order.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" onClick={() => onSort({ key, descending: sorted ? !order.descending : key === 'createdAt' })}>
                    {t(`table.columns.${key}` as 'table.columns.text')}
                    {sorted ? (order.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="tbody" ref={scroller} data-testid="table-scroller">
          {rows.length === 0 && <p className="empty">{t('table.empty')}</p>}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const s = rows[item.index];
              return (
                <div
                  role="row"
                  key={s.id}
                  data-id={s.id}
                  aria-rowindex={item.index + 2}
                  aria-selected={s.id === selectedId}
                  className={`tr ${s.id === selectedId ? 'selected' : ''} ${s.priority === 'P1' ? 'p1' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={() => onSelect(s.id)}
                  onDoubleClick={() => onOpen(s.id)}
                >
                  {COLUMNS.map((key) => (
                    <div role="cell" key={key} className={`td col-${key}`}>
                      {cell(s, key)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
});
