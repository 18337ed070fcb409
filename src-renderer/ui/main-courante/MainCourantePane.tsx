// The pane "Main courante": the crisis's chronological log (core/main-courante.ts), free lines
// written here and automatic lines from the signed record, filtered by type, author and period,
// printed. The list is virtualised (only the lines in view exist in the page), so thousands of
// lines scroll as the table does.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { filterLog, type LogFilter, type LogLine } from '../../core/main-courante';
import { Options } from '../common/options';
import { LOG_TYPE_LABELS, LOG_TYPES, type LogType } from '../../core/main-courante-entry';
import { useLang } from '../../i18n';
import { fill } from '../common/fill';
import { formatTime } from '../common/format';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { useCan } from '../workflow/hooks';
import type { PaneProps } from '../workspace/pane';
import { lookupsOf } from './lookups';
import { EntryForm } from './EntryForm';
import { LogLineView } from './LogLineView';
import { PrintLog, printLog } from './PrintLog';
import { useMainCouranteStrings } from './strings';
import './main-courante.css';

const LINE_HEIGHT = 30;

/** A `datetime-local` value as ms (local time), or undefined. `end`: the whole minute is included. */
function localTime(value: string, end = false): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : end ? ms + 59_999 : ms;
}

export function MainCourantePane({ report }: PaneProps) {
  const s = useMainCouranteStrings();
  const lang = useLang();
  const store = useCrisisStore();
  useStoreVersion(store);
  const log = store.state.log;
  const canWrite = useCan('write');
  const [type, setType] = useState<LogType | ''>('');
  const [author, setAuthor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [correcting, setCorrecting] = useState<LogLine | null>(null);
  const [printing, setPrinting] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  const look = lookupsOf(store);
  const all = log.lines();
  const filter: LogFilter = { types: type ? [type] : [], author, from: localTime(from), to: localTime(to, true) };
  // Re-filtered when a line is added or a filter changes, not on every sighting edit.
  const lines = useMemo(() => filterLog(all, filter), [log.version, type, author, from, to]); // eslint-disable-line react-hooks/exhaustive-deps
  const authors = useMemo(() => [...new Set(all.map((l) => l.author))], [log.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const virtual = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => LINE_HEIGHT, overscan: 10 });
  const filterText = [type && LOG_TYPE_LABELS[type][lang], author && look.name(author), from && `${s.from} ${from.replace('T', ' ')}`, to && `${s.to} ${to.replace('T', ' ')}`]
    .filter(Boolean)
    .join(', ');

  return (
    <section className="main-courante" aria-label={s.region}>
      <header>
        <h2>{s.region}</h2>
        <span className="hint" role="status">
          {fill(s.count, { count: lines.length })}
        </span>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={() => printLog((on) => flushSync(() => setPrinting(on)))}>
          {s.print}
        </button>
      </header>
      {canWrite ? (
        correcting ? (
          <div className="mc-correcting">
            <p className="hint">{fill(s.correcting, { time: formatTime(correcting.at, lang), name: look.name(correcting.author) })}</p>
            <EntryForm
              key={correcting.id}
              initial={{ type: correcting.type, text: correcting.text ?? '' }}
              submitLabel={s.saveCorrection}
              onSubmit={async (t, text) => {
                await store.mainCourante.correct(correcting.id, t, text);
                setCorrecting(null);
              }}
              onCancel={() => setCorrecting(null)}
              report={report}
            />
          </div>
        ) : (
          <EntryForm submitLabel={s.add} onSubmit={(t, text) => store.mainCourante.add(t, text)} report={report} />
        )
      ) : (
        <p className="hint">{s.readOnly}</p>
      )}
      <div className="mc-filters" role="group" aria-label={s.filters}>
        <label>
          {s.type}
          <select value={type} onChange={(e) => setType(e.target.value as LogType | '')}>
            <option value="">{s.allTypes}</option>
            <Options keys={LOG_TYPES} labels={LOG_TYPE_LABELS} lang={lang} />
          </select>
        </label>
        <label>
          {s.author}
          <select value={author} onChange={(e) => setAuthor(e.target.value)}>
            <option value="">{s.allAuthors}</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {look.name(a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.from}
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {s.to}
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        {filterText && (
          <button type="button" className="link" onClick={() => (setType(''), setAuthor(''), setFrom(''), setTo(''))}>
            {s.clear}
          </button>
        )}
      </div>
      <div className="mc-scroller" ref={scroller}>
        {!lines.length && <p className="hint">{s.empty}</p>}
        <ol aria-label={s.list} style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            return (
              <li
                key={line.id}
                data-index={item.index}
                ref={virtual.measureElement}
                aria-posinset={item.index + 1}
                aria-setsize={lines.length}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <LogLineView line={line} log={log} look={look} s={s} lang={lang} onCorrect={canWrite ? setCorrecting : undefined} />
              </li>
            );
          })}
        </ol>
      </div>
      {printing && (
        <PrintLog
          lines={lines}
          log={log}
          look={look}
          s={s}
          lang={lang}
          crisis={`${store.state.info?.name ?? store.crisis.name} (${store.state.info?.departement ?? store.crisis.departement})`}
          printedBy={look.name(store.me.id)}
          filterText={filterText}
        />
      )}
    </section>
  );
}
