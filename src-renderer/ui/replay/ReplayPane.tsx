// « Relecture » (retour d'expérience): the crisis's table and map as they were at a chosen time,
// replayed from the signed record, read only. A slider from the first entry to the last, a time
// to go to, play/pause and speed. Keys do not reach the workspace's shortcuts from here: nothing
// can be edited while replaying.
import { useMemo, useState } from 'react';
import { timeZoneOf } from '../../core/export/time';
import { DEFAULT_SORT, EMPTY_FILTER, filterSightings, sortSightings, type SortOrder } from '../../core/query';
import { MapView } from '../map/MapView';
import { useCrisisStore } from '../session';
import { SightingsTable } from '../sightings/SightingsTable';
import type { PaneProps } from '../workspace/pane';
import { fill, useReplayStrings } from './strings';
import { SPEEDS, STEP_MS, useReplay, type Speed } from './useReplay';
import './replay.css';

const NOBODY = { claim: null, viewers: [] };
const NOTHING = () => undefined;

export function ReplayPane({ report }: PaneProps) {
  const s = useReplayStrings();
  const store = useCrisisStore();
  const { replay, state, start, end, time, setTime, playing, play, pause, speed, setSpeed, reload } = useReplay(report);
  const [order, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const zone = timeZoneOf(store.state.info?.departement ?? store.crisis.departement);
  // The table's default view: everything but the archived, sorted as asked.
  const rows = useMemo(() => (state ? sortSightings(filterSightings(state.rows.values(), EMPTY_FILTER), order) : []), [state, time, order]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!replay || !state) return <p className="replay hint">{s.loading}</p>;
  if (!replay.total) return <p className="replay hint">{s.empty}</p>;
  const speedLabels: Record<Speed, string> = { 60: s.speed1, 600: s.speed10, 3600: s.speed60 };
  return (
    <section className="replay" aria-label={s.region} onKeyDown={(e) => e.stopPropagation()}>
      <p className="banner replay-banner" role="status" data-time={time}>
        {fill(s.banner, { time: shortDateTime(time, zone) })}
      </p>
      <div className="replay-controls">
        <button type="button" onClick={playing ? pause : play} aria-pressed={playing}>
          {playing ? s.pause : s.play}
        </button>
        <input
          type="range"
          className="replay-slider"
          aria-label={s.slider}
          aria-valuetext={shortDateTime(time, zone)}
          min={start}
          max={end}
          step={STEP_MS}
          value={time}
          onChange={(e) => setTime(Number(e.target.value))}
        />
        <label>
          {s.goTo}{' '}
          <input
            type="datetime-local"
            value={localInput(time, zone)}
            onChange={(e) => {
              const t = fromLocalInput(e.target.value, zone);
              if (t !== null) setTime(Math.min(end, Math.max(start, t)));
            }}
          />
        </label>
        <label>
          {s.speed}{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as Speed)}>
            {SPEEDS.map((v) => (
              <option key={v} value={v}>
                {speedLabels[v]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={reload}>
          {s.reload}
        </button>
        <span className="meta">{fill(s.entries, { count: replay.count, total: replay.total, rows: rows.length })}</span>
      </div>
      <p className="hint">{s.authorTime}</p>
      <div className="replay-body">
        <SightingsTable rows={rows} order={order} selectedId={selectedId} onSort={setOrder} onSelect={setSelectedId} onOpen={NOTHING} followUp={() => NOBODY} />
        <div className="replay-map">
          <MapView rows={rows} selectedId={null} onOpen={NOTHING} placing={null} onPlace={NOTHING} />
        </div>
      </div>
    </section>
  );
}

const parts = (ms: number, zone: string) => {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('fr-FR', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms)) out[p.type] = p.value;
  return out;
};

/** « 27/11 14:00 » in the crisis's zone. */
function shortDateTime(ms: number, zone: string): string {
  const p = parts(ms, zone);
  return `${p.day}/${p.month} ${p.hour}:${p.minute}`;
}

/** The value of a datetime-local field for `ms`, in the crisis's zone. */
function localInput(ms: number, zone: string): string {
  const p = parts(ms, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A datetime-local value read in the crisis's zone (its offset taken at that moment); null if unreadable. */
function fromLocalInput(value: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const p = parts(asUtc, zone);
  const offset = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!) - asUtc;
  return asUtc - offset;
}
