// The point de situation as a page: an official French document, A4 when printed (situation.css),
// « Diffusion restreinte » on every page. Every value from a post or a peer is rendered as text.
import { ACTION_LABELS, RUMOUR_VERDICT_LABELS } from '../../core/workflow';
import { CATEGORY_LABELS, PLATFORM_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '../../core/labels';
import type { MapSnapshot } from '../../core/situation-map';
import type { RelaySection, SightingLine, SituationReport as Report } from '../../core/situation-report';
import { frenchDateTime } from '../../core/export/time';
import type { Platform } from '../../core/taxonomy';
import { RELAY_PLATFORM_LABELS, type RelayPlatform } from '../../core/relay-kit';
import { SituationMap } from './SituationMap';
import { fill, REPORT } from './strings';

export interface ReportHeader {
  crisis: string;
  departement: string;
  hazard: string;
  /** Whether the period is « depuis le début ». */
  sinceStart: boolean;
  /** The period's preset, or 'custom' (the page's data-period: tests and the bench wait on it). */
  periodKey: string;
  generatedAt: number;
  generatedBy: string;
  timeZone: string;
}

interface Props {
  report: Report;
  header: ReportHeader;
  snapshot: MapSnapshot | null;
  nameOf(actorId: string): string;
}

export function SituationReport({ report: r, header: h, snapshot, nameOf }: Props) {
  const at = (ms: number) => frenchDateTime(ms, h.timeZone);
  const period = h.sinceStart ? fill(REPORT.sinceStart, { to: at(r.period.to) }) : fill(REPORT.between, { from: at(r.period.from), to: at(r.period.to) });
  return (
    <article className="situation-report" lang="fr" aria-label={REPORT.title} data-total={r.total} data-period={h.periodKey} data-ready={snapshot ? 'yes' : 'no'}>
      <p className="restricted-mark">{REPORT.restricted}</p>
      <header>
        <h1>
          {REPORT.title} — {h.crisis}
        </h1>
        <dl>
          <dt>{REPORT.departement}</dt>
          <dd>{h.departement}</dd>
          <dt>{REPORT.hazard}</dt>
          <dd>{h.hazard}</dd>
          <dt>{REPORT.period}</dt>
          <dd>{period}</dd>
          <dt>{REPORT.generatedAt}</dt>
          <dd>{at(h.generatedAt)}</dd>
          <dt>{REPORT.generatedBy}</dt>
          <dd>{h.generatedBy}</dd>
        </dl>
      </header>
      <section>
        <h2>{REPORT.summary}</h2>
        <p className="summary">
          {fill(REPORT.summaryLine, { total: r.total, duplicates: r.duplicates, archived: r.archived, p1: r.p1Total, confirmed: r.confirmedTotal, rumours: r.rumours.length, forwardings: r.forwardings.length })}
        </p>
      </section>
      <section className="keep">
        <h2>{REPORT.map}</h2>
        <SituationMap snapshot={snapshot} />
      </section>
      <section>
        <h2>{fill(REPORT.p1, { count: r.p1Total })}</h2>
        <Lines lines={r.p1} total={r.p1Total} empty={REPORT.p1None} at={at} columns={[REPORT.time, REPORT.commune, REPORT.sighting, REPORT.status]} last={(l) => STATUS_LABELS[l.status].fr} />
      </section>
      <section>
        <h2>{fill(REPORT.confirmed, { count: r.confirmedTotal })}</h2>
        <Lines lines={r.confirmed} total={r.confirmedTotal} empty={REPORT.confirmedNone} at={at} columns={[REPORT.confirmedAt, REPORT.commune, REPORT.fact, REPORT.by]} last={(l) => (l.by ? nameOf(l.by) : '—')} />
      </section>
      <section>
        <h2>{REPORT.counts}</h2>
        {r.total === 0 && <p>{REPORT.none}</p>}
        <div className="count-tables">
          <CountTable caption={REPORT.byStatus} head={REPORT.status} rows={r.byStatus.map(([s, n]) => [STATUS_LABELS[s].fr, n])} />
          <CountTable caption={REPORT.byCategory} head={REPORT.category} rows={r.byCategory.map(([c, n]) => [CATEGORY_LABELS[c].fr, n])} />
        </div>
        <table className="communes">
          <caption>{REPORT.byCommune}</caption>
          <thead>
            <tr>
              <th scope="col">{REPORT.commune}</th>
              <th scope="col">{REPORT.count}</th>
              <th scope="col">{REPORT.ofWhichP1}</th>
            </tr>
          </thead>
          <tbody>
            {r.byCommune.map((c) => (
              <tr key={c.insee || c.name || '-'}>
                <th scope="row">{c.name ? (c.insee ? `${c.name} (${c.insee})` : c.name) : REPORT.noCommune}</th>
                <td>{c.count}</td>
                <td>{c.p1}</td>
              </tr>
            ))}
            {r.otherCommunes.communes > 0 && (
              <tr>
                <th scope="row">{fill(REPORT.otherCommunes, { count: r.otherCommunes.communes })}</th>
                <td>{r.otherCommunes.count}</td>
                <td>{r.otherCommunes.p1}</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{fill(REPORT.rumours, { count: r.rumours.length })}</h2>
        {r.rumours.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{REPORT.claim}</th>
                <th scope="col">{REPORT.verdict}</th>
                <th scope="col">{REPORT.carriers}</th>
                <th scope="col">{REPORT.lastSeen}</th>
                <th scope="col">{REPORT.correction}</th>
              </tr>
            </thead>
            <tbody>
              {r.rumours.map((x) => (
                <tr key={x.id}>
                  <td>{x.claim}</td>
                  <td>{RUMOUR_VERDICT_LABELS[x.verdict].fr}</td>
                  <td>{x.count}</td>
                  <td>{x.lastSeen === null ? '—' : at(x.lastSeen)}</td>
                  <td>{x.correction || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{REPORT.rumoursNone}</p>
        )}
      </section>
      <section className="relay-section" data-relay={r.relay ? 'yes' : 'none'}>
        <h2>{REPORT.relay}</h2>
        {r.relay ? (
          <RelayTable relay={r.relay} />
        ) : (
          <p>{REPORT.relayNone}</p>
        )}
      </section>
      <section>
        <h2>{fill(REPORT.forwardings, { count: r.forwardings.length })}</h2>
        {r.forwardings.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{REPORT.forwardedAt}</th>
                <th scope="col">{REPORT.by}</th>
                <th scope="col">{REPORT.message}</th>
                <th scope="col">{REPORT.carriers}</th>
                <th scope="col">{REPORT.received}</th>
                <th scope="col">{REPORT.action}</th>
              </tr>
            </thead>
            <tbody>
              {r.forwardings.map((f) => (
                <tr key={f.id}>
                  <td>{at(f.at)}</td>
                  <td>{nameOf(f.actor)}</td>
                  <td>{f.msg}</td>
                  <td>
                    {f.sightings.map((s) => (
                      <div key={s.id}>{[s.priority ?? '', s.commune, s.text].filter(Boolean).join(' · ') || '—'}</div>
                    ))}
                  </td>
                  <td>{f.ack ? `${nameOf(f.ack.actor)}, ${at(f.ack.at)}` : REPORT.notReceived}</td>
                  <td>{f.action ? [ACTION_LABELS[f.action.action].fr, f.action.note].filter(Boolean).join(' — ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{REPORT.forwardingsNone}</p>
        )}
      </section>
    </article>
  );
}

function RelayTable({ relay }: { relay: RelaySection }) {
  return (
    <>
      <p>{fill(REPORT.relayTotal, { count: relay.total, messages: relay.messages.length })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{REPORT.message}</th>
            <th scope="col">{REPORT.approved}</th>
            <th scope="col">{REPORT.relays}</th>
            <th scope="col">{REPORT.volunteers}</th>
            <th scope="col">{REPORT.platforms}</th>
            <th scope="col">{REPORT.missing}</th>
          </tr>
        </thead>
        <tbody>
          {relay.messages.map((m) => (
            <tr key={m.id}>
              <td>{m.title}</td>
              <td>{m.approved ? REPORT.yes : REPORT.no}</td>
              <td>{m.relays}</td>
              <td>{m.volunteers}</td>
              <td>{m.byPlatform.map(([p, n]) => `${platformName(p)} ${n}`).join(', ') || '—'}</td>
              <td>{m.missing.map(platformName).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function platformName(p: string): string {
  return RELAY_PLATFORM_LABELS[p as RelayPlatform]?.fr ?? PLATFORM_LABELS[p as Platform]?.fr ?? p;
}

function Lines({ lines, total, empty, at, columns, last }: { lines: SightingLine[]; total: number; empty: string; at(ms: number): string; columns: string[]; last(l: SightingLine): string }) {
  if (!lines.length) return <p>{empty}</p>;
  return (
    <>
      <table className="lines">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} data-id={l.id}>
              <td className="nowrap">{at(l.at)}</td>
              <td>{l.commune || '—'}</td>
              <td>
                {l.priority !== 'P1' && <span className="priority">{PRIORITY_LABELS[l.priority].fr.slice(0, 2)} · </span>}
                {l.text || '—'}
              </td>
              <td>{last(l)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > lines.length && <p>{fill(REPORT.more, { count: total - lines.length })}</p>}
    </>
  );
}

function CountTable({ caption, head, rows }: { caption: string; head: string; rows: [string, number][] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{REPORT.count}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
