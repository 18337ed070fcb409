// "Tableau des remontées": a virtualised grid (only the visible rows exist in the page), sortable by
// column. Rows take focus (one tab stop: the selected row, roving tabindex) and say whether they are
// selected, so a screen reader announces the selection as ↑ ↓ move it; aria-rowcount / aria-rowindex
// tell it where it is although most rows are not in the page. Every cell is text: posts come from the
// internet and from any peer.
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useImperativeHandle, useLayoutEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORY_LABELS, PLATFORM_LABELS, STATUS_LABELS } from '../../core/labels';
import type { SortKey, SortOrder } from '../../core/query';
import type { Sighting } from '../../core/sighting';
import { useLang } from '../../i18n';
import { formatTime } from '../common/format';
import { SortIcon } from '../common/icons';
import { FollowUp, useFollowUpLabels, type FollowUpInfo } from './FollowUp';

/** Compact rows: at 1366×768 about 19 fit (13 at the former 34 px). Keep in step with .tbody .tr in styles.css. */
export const ROW_HEIGHT = 26;
type Column = SortKey | 'followUp';
// Narrow tables drop the platform column first (styles.css, container queries on .table).
const COLUMNS: Column[] = ['priority', 'status', 'category', 'text', 'commune', 'platform', 'followUp', 'createdAt'];

export interface TableHandle {
  scrollToIndex(index: number): void;
  /** Moves the keyboard focus to this sighting's row as soon as it is in the page (scrolled to, or back after an undo). */
  focusRow(id: string): void;
  /** How many rows the table shows at once (PageUp / PageDown). */
  pageSize(): number;
}

interface Props {
  rows: readonly Sighting[];
  order: SortOrder;
  selectedId: string | null;
  onSort: (o: SortOrder) => void;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** Rows ticked with Ctrl+click (or Espace) to act on several at once (forwarding to the COD). */
  marked?: ReadonlySet<string>;
  onMark?: (id: string) => void;
  /** Who handles or looks at a sighting (claims and presence). */
  followUp: (id: string) => FollowUpInfo;
}

export const SightingsTable = forwardRef<TableHandle, Props>(function SightingsTable({ rows, order, selectedId, onSort, onSelect, onOpen, followUp, marked, onMark }, ref) {
  const { t } = useTranslation();
  const ticking = useRef(false);
  const lang = useLang();
  const followUpLabels = useFollowUpLabels();
  const grid = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // No guessed size (initialRect): its measure forces the workspace's first layout in the commit, and
  // with a window of rows already in it that was a task of 60–71 ms at a cold open (29 Nov., 18 h).
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const pendingFocus = useRef<string | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  // A focus asked for lands when its row is rendered, unless the user has meanwhile gone elsewhere
  // (typing in a field): the table never takes the focus back from them.
  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const active = document.activeElement;
    if (active && active !== document.body && !grid.current?.contains(active)) {
      pendingFocus.current = null;
      return;
    }
    const row = scroller.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex: (i) => virtual.scrollToIndex(i, { align: 'auto' }),
      focusRow: (id) => {
        pendingFocus.current = id;
        const i = rows.findIndex((r) => r.id === id);
        if (i >= 0) virtual.scrollToIndex(i, { align: 'auto' });
        rerender();
      },
      pageSize: () => Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT)),
    }),
    [virtual, rows],
  );

  const cell = (s: Sighting, key: Column) => {
    switch (key) {
      case 'followUp':
        return <FollowUp info={followUp(s.id)} labels={followUpLabels} />;
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

  const items = virtual.getVirtualItems();
  // The one row reached by Tab: the selected one if it is in the page, else the first in the page.
  const tabStop = items.some((i) => rows[i.index]?.id === selectedId) ? selectedId : rows[items[0]?.index ?? -1]?.id;

  return (
    <section className="table" aria-label={t('table.region')}>
      <div role="grid" ref={grid} aria-label={t('table.region')} aria-rowcount={rows.length + 1} aria-readonly="true" aria-multiselectable={!!onMark}>
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
                    {sorted && <SortIcon descending={order.descending} />}
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="tbody" ref={scroller} data-testid="table-scroller">
          {rows.length === 0 && <p className="empty">{t('table.empty')}</p>}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const s = rows[item.index];
              return (
                <div
                  role="row"
                  key={s.id}
                  data-id={s.id}
                  tabIndex={s.id === tabStop ? 0 : -1}
                  aria-rowindex={item.index + 2}
                  aria-selected={s.id === selectedId || !!marked?.has(s.id)}
                  className={`tr ${s.id === selectedId ? 'selected' : ''} ${marked?.has(s.id) ? 'marked' : ''} ${s.priority === 'P1' ? 'p1' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  onClick={(e) => (onMark && (e.ctrlKey || e.metaKey) ? onMark(s.id) : onSelect(s.id))}
                  onKeyDown={(e) => {
                    if (e.key === ' ' && onMark && e.target === e.currentTarget) {
                      e.preventDefault();
                      onMark(s.id);
                    }
                  }}
                  // A Ctrl+click ticks the row: its focus must not move the selection first.
                  onMouseDown={(e) => (ticking.current = !!onMark && (e.ctrlKey || e.metaKey))}
                  onFocus={(e) => e.target === e.currentTarget && s.id !== selectedId && !ticking.current && onSelect(s.id)}
                  onDoubleClick={() => onOpen(s.id)}
                >
                  {COLUMNS.map((key) => (
                    <div role="gridcell" key={key} className={`td col-${key}`} title={key === 'text' ? s.text : undefined}>
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
