// The relay kit's commands: drafting and editing a message to relay, the COD's approval of its
// current version, and "J'ai relayé". Each writes one signed entry through the store (durable before
// shown); the rules every copy applies are in core/rules.ts (only the COD approves).
//
// A relay of a version the COD has not approved is refused HERE, not by the rules: whether a version
// is approved depends on entries that may reach another copy after the relay (the approval written
// a moment earlier on the COD's copy), and a rule must give the same answer on every copy whatever
// the arrival order. A relay written by another client for an unapproved version is therefore kept
// and flagged ("relayé sans approbation") in the coverage, never hidden.
import type { CrisisState } from '../core/crisis-state';
import { newId } from '../core/ids';
import { isSafeHttpUrl } from '../core/links';
import { can } from '../core/rules';
import { HASHTAG, normaliseHashtag, RELAY_LIMITS, RELAY_PLATFORMS, type RelayCategory, type RelayPlatform } from '../core/relay-kit';
import type { RelayMessage } from '../core/relay-kit-state';
import type { UnsignedBody } from '../core/records';

type Write = (entries: UnsignedBody[]) => Promise<unknown>;

export interface RelayInput {
  category: RelayCategory;
  title: string;
  source: string;
  text: string;
  variants: Partial<Record<RelayPlatform, string>>;
  hashtags: string[];
  ready: boolean;
}

export class RelayError extends Error {}

export class RelayCommands {
  constructor(
    private readonly state: CrisisState,
    private readonly me: () => string,
    private readonly write: Write,
  ) {}

  /** A new message (a draft unless `ready`); returns its id. */
  async create(input: Partial<RelayInput> & Pick<RelayInput, 'title' | 'text'>): Promise<string> {
    const clean = checked(input);
    if (!clean.title) throw new RelayError('Donnez un titre au message.');
    if (!clean.text) throw new RelayError('Écrivez le texte du message.');
    const id = newId();
    await this.write([{ k: 'b', b: id, category: 'mise_en_securite', ...clean }]);
    return id;
  }

  /** Changes a message's fields (only those really changed): a new version, to approve again. */
  async edit(id: string, patch: Partial<RelayInput>): Promise<void> {
    const m = this.message(id);
    const clean = checked(patch);
    if (patch.title !== undefined && !clean.title) throw new RelayError('Le titre ne peut pas être vide.');
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(clean)) {
      if (k === 'variants') {
        const diff = Object.fromEntries(Object.entries(v as Record<string, string>).filter(([p, text]) => m.variants[p as RelayPlatform] !== text));
        if (Object.keys(diff).length) changed.variants = diff;
      } else if (JSON.stringify(m[k as keyof RelayMessage]) !== JSON.stringify(v)) changed[k] = v;
    }
    if (Object.keys(changed).length) await this.write([{ k: 'b', b: id, ...changed }]);
  }

  /** The COD approves the message as it is now (this version, these edits). */
  async approve(id: string): Promise<void> {
    const m = this.message(id);
    if (!can(this.state, this.me(), 'approveRelay')) throw new RelayError('Seul le COD approuve un message à relayer.');
    if (m.status === 'approuve') return;
    await this.write([{ k: 'h', b: id, v: m.version, n: m.edits }]);
  }

  /** "J'ai relayé": where (platform) and the link of the post. Only an approved version. */
  async relayed(id: string, platform: RelayPlatform, url: string): Promise<void> {
    const m = this.message(id);
    if (m.status !== 'approuve') throw new RelayError('Ce message n’est pas approuvé par le COD dans sa version actuelle : ne le relayez pas encore.');
    if (!RELAY_PLATFORMS.includes(platform)) throw new RelayError('Plateforme inconnue.');
    const link = url.trim();
    if (!isSafeHttpUrl(link)) throw new RelayError('Collez le lien de votre publication (adresse http ou https).');
    await this.write([{ k: 'd', b: id, v: m.version, platform, url: link }]);
  }

  private message(id: string): RelayMessage {
    const m = this.state.relayKit.message(id);
    if (!m) throw new RelayError('Message introuvable.');
    return m;
  }
}

/** Trims and checks what a form gives, with a French message for the first problem. */
function checked(input: Partial<RelayInput>): Partial<RelayInput> {
  const out: Partial<RelayInput> = {};
  if (input.category !== undefined) out.category = input.category;
  if (input.ready !== undefined) out.ready = input.ready;
  if (input.title !== undefined) {
    out.title = input.title.trim();
    if (out.title.length > RELAY_LIMITS.title) throw new RelayError(`Titre trop long (${RELAY_LIMITS.title} caractères au plus).`);
  }
  if (input.text !== undefined) {
    out.text = input.text.trim();
    if (out.text.length > RELAY_LIMITS.text) throw new RelayError(`Texte trop long (${RELAY_LIMITS.text} caractères au plus).`);
  }
  if (input.source !== undefined) {
    out.source = input.source.trim();
    if (out.source && !isSafeHttpUrl(out.source)) throw new RelayError('Le lien de la source doit être une adresse http ou https.');
  }
  if (input.variants !== undefined) {
    const v: Partial<Record<RelayPlatform, string>> = {};
    for (const p of RELAY_PLATFORMS) {
      const text = input.variants[p];
      if (text === undefined) continue;
      if (text.trim().length > RELAY_LIMITS.variant) throw new RelayError(`Variante trop longue (${RELAY_LIMITS.variant} caractères au plus).`);
      v[p] = text.trim();
    }
    out.variants = v;
  }
  if (input.hashtags !== undefined) {
    const tags = [...new Set(input.hashtags.map((t) => t.trim()).filter(Boolean).map(normaliseHashtag))];
    const bad = tags.find((t) => !HASHTAG.test(t));
    if (bad) throw new RelayError(`Mot-dièse invalide : « ${bad.slice(0, 40)} » (lettres, chiffres et _ seulement).`);
    if (tags.length > RELAY_LIMITS.hashtags) throw new RelayError(`${RELAY_LIMITS.hashtags} mots-dièse au plus.`);
    out.hashtags = tags;
  }
  return out;
}
