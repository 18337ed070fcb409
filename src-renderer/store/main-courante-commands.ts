// Writing in the main courante: a free line, or a correction of an earlier free line (a new signed
// `l` entry naming it: nothing is edited or removed). Any member who writes may; the rules every
// copy applies are in core/rules.ts, the log itself in core/main-courante.ts.
import type { CrisisState } from '../core/crisis-state';
import { LOG_TYPES, MAX_LOG_TEXT, type LogType } from '../core/main-courante-entry';
import type { UnsignedBody } from '../core/records';

type Write = (entries: UnsignedBody[]) => Promise<unknown>;

export class MainCouranteError extends Error {}

export class MainCouranteCommands {
  constructor(
    private readonly state: CrisisState,
    private readonly write: Write,
  ) {}

  /** Adds a free line; returns nothing until it is signed and stored. */
  async add(type: LogType, text: string): Promise<void> {
    await this.write([{ k: 'l', ...checked(type, text) }]);
  }

  /** Corrects a free line: a new line pointing at it (the old one is kept, shown as corrected). */
  async correct(lineId: string, type: LogType, text: string): Promise<void> {
    const line = this.state.log.get(lineId);
    if (!line) throw new MainCouranteError('Entrée de main courante introuvable.');
    if (line.kind !== 'l') throw new MainCouranteError('Seule une entrée saisie se corrige ; une entrée automatique suit le registre qui la porte.');
    await this.write([{ k: 'l', ...checked(type, text), fix: lineId }]);
  }
}

function checked(type: LogType, text: string): { type: LogType; text: string } {
  if (!LOG_TYPES.includes(type)) throw new MainCouranteError('Choisissez le type de l’entrée.');
  const t = text.trim();
  if (!t) throw new MainCouranteError('Écrivez le texte de l’entrée.');
  if (t.length > MAX_LOG_TEXT) throw new MainCouranteError(`Texte trop long : ${MAX_LOG_TEXT} caractères au plus (${t.length}).`);
  return { type, text: t };
}
