// The main courante as printed: every line the filters keep (not only those scrolled into view), on
// A4, under the crisis's header and "Diffusion restreinte" repeated on every page (a table header
// repeats). Mounted into <body> only while printing (printLog below); the print stylesheet hides
// everything else then, and it is never shown on screen.
import { createPortal } from 'react-dom';
import type { LogLine, MainCourante } from '../../core/main-courante';
import { LOG_TYPE_LABELS } from '../../core/main-courante-entry';
import type { Lang } from '../../core/labels';
import { fill } from '../common/fill';
import { formatTime } from '../common/format';
import { describeLine, type Lookups } from './describe';
import { correctionNotes, shortId } from './LogLineView';
import type { MainCouranteStrings } from './strings';

interface Props {
  lines: readonly LogLine[];
  log: MainCourante;
  look: Lookups;
  s: MainCouranteStrings;
  lang: Lang;
  crisis: string;
  printedBy: string;
  filterText: string;
}

export function PrintLog({ lines, log, look, s, lang, crisis, printedBy, filterText }: Props) {
  return createPortal(
    <div className="mc-print">
      <table>
        <colgroup>
          <col className="c-time" />
          <col className="c-author" />
          <col className="c-type" />
          <col />
          <col className="c-signed" />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={5} className="mc-print-header">
              <strong>{fill(s.printTitle, { crisis })}</strong>
              <span className="mc-restricted">{s.restricted}</span>
            </th>
          </tr>
          <tr>
            <th>{s.time}</th>
            <th>{s.author}</th>
            <th>{s.type}</th>
            <th>{s.text}</th>
            <th>{s.signed}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const { before, after } = correctionNotes(line, log, look, s, lang);
            return (
              <tr key={line.id} className={after.length ? 'corrected' : undefined}>
                <td>{formatTime(line.at, lang)}</td>
                <td>{look.name(line.author)}</td>
                <td>
                  {LOG_TYPE_LABELS[line.type][lang]}
                  {line.fact ? ` (${s.automatic})` : ''}
                </td>
                <td>
                  {before && <div className="mc-note">{before}</div>}
                  <div className="mc-text">{describeLine(line, look, s, lang)}</div>
                  {after.map((a, i) => (
                    <div key={i} className="mc-note">
                      {a}
                    </div>
                  ))}
                </td>
                <td>{shortId(line.id)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mc-print-footer">
        {fill(s.printedAt, { time: formatTime(Date.now(), lang), name: printedBy, count: lines.length })}
        {filterText && ` · ${fill(s.printFilter, { filter: filterText })}`}
      </p>
    </div>,
    document.body,
  );
}

/**
 * Prints with the print view mounted: `show(true)` must render it synchronously (flushSync). Chromium's
 * print() blocks and fires "afterprint" before returning; where it returns first, the view stays
 * (invisible on screen) until "afterprint", or a minute at most.
 */
export function printLog(show: (on: boolean) => void): void {
  show(true);
  document.body.classList.add('mc-printing');
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    window.removeEventListener('afterprint', finish);
    document.body.classList.remove('mc-printing');
    show(false);
  };
  window.addEventListener('afterprint', finish);
  try {
    window.print();
  } finally {
    setTimeout(finish, 60_000);
  }
}
