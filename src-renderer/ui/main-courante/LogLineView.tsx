// One line of the main courante on screen: time, author, type, text, and its signature (the entry's
// short id). A corrected line stays, struck through, saying who corrected it and when.
import type { LogLine, MainCourante } from '../../core/main-courante';
import { LOG_TYPE_LABELS } from '../../core/main-courante-entry';
import type { Lang } from '../../core/labels';
import { fill } from '../common/fill';
import { formatTime, isoTime } from '../common/format';
import { describeLine, type Lookups } from './describe';
import type { MainCouranteStrings } from './strings';

export const shortId = (id: string) => id.slice(0, 8);

interface Props {
  line: LogLine;
  log: MainCourante;
  look: Lookups;
  s: MainCouranteStrings;
  lang: Lang;
  onCorrect?(line: LogLine): void;
}

/** "Corrige l'entrée de …" / "Corrigée par … à …": the two ends of a correction. */
export function correctionNotes(line: LogLine, log: MainCourante, look: Lookups, s: MainCouranteStrings, lang: Lang) {
  const target = line.fix ? log.get(line.fix) : undefined;
  const before = line.fix
    ? target
      ? fill(s.correctionOf, { time: formatTime(target.at, lang), id: shortId(target.id) })
      : fill(s.correctionOfUnknown, { id: shortId(line.fix) })
    : '';
  const after = log.correctionsOf(line.id).map((c) => fill(s.corrected, { name: look.name(c.author), time: formatTime(c.at, lang) }));
  return { before, after };
}

export function LogLineView({ line, log, look, s, lang, onCorrect }: Props) {
  const { before, after } = correctionNotes(line, log, look, s, lang);
  const name = look.name(line.author);
  return (
    <div className={`mc-line type-${line.type}${after.length ? ' corrected' : ''}${line.fact ? ' auto' : ''}`} data-entry={line.id}>
      <time dateTime={isoTime(line.at)}>{formatTime(line.at, lang)}</time>
      <span className="mc-author">{name}</span>
      <span className="mc-type">
        {LOG_TYPE_LABELS[line.type][lang]}
        {line.fact && (
          <small className="mc-auto" title={s.automaticTitle}>
            {' '}
            {s.automatic}
          </small>
        )}
      </span>
      <span className="mc-body">
        {before && <small className="mc-note">{before}</small>}
        <span className="mc-text">{describeLine(line, look, s, lang)}</span>
        {after.map((a, i) => (
          <small key={i} className="mc-note mc-corrected">
            {a}
          </small>
        ))}
      </span>
      <span className="mc-signed" title={fill(s.signedTitle, { name, id: line.id })}>
        {s.signed} · {shortId(line.id)}
      </span>
      <span className="mc-actions">
        {onCorrect && line.kind === 'l' && (
          <button type="button" className="link" onClick={() => onCorrect(line)}>
            {s.correct}
          </button>
        )}
      </span>
    </div>
  );
}
