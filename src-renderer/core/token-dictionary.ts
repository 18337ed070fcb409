// The distinct tokens of the search texts (search-index.ts), each given a number once, and the
// tokens holding a word. The tokens are also kept joined, a chunk of them per string, newline between:
// one indexOf over a few megabytes finds a word's tokens ten to twenty times faster than testing
// 100,000 short strings one by one (3 ms instead of 40 at 100,000 sightings, mostly unique links).
import { asciiCopy } from './search';

/** Tokens per joined chunk: only the last one, still filling, is joined again when tokens are added. */
const CHUNK = 4096;
/** Recent words' tokens, for the words typed on from them. */
const REMEMBERED = 64;
/** A remembered word's tokens are tested one by one up to this many; above, the joined chunks are searched. */
const FEW = 2048;

interface Chunk {
  text: string;
  /** Where each token starts in the text, and the end (+1) after the last. */
  starts: Int32Array;
}

export class TokenDictionary {
  private readonly ids = new Map<string, number>();
  private readonly tokens: string[] = [];
  /** Joined chunks: tokens CHUNK·i to CHUNK·(i+1). The last may lag behind (joined when searched). */
  private readonly chunks: Chunk[] = [];
  private readonly recent = new Map<string, { ids: Int32Array; upTo: number }>();

  get size(): number {
    return this.tokens.length;
  }

  /** The token's number, a new one if it was never seen. */
  id(token: string): number {
    let t = this.ids.get(token);
    if (t === undefined) {
      t = this.tokens.length;
      // A copy of its own: a token sliced from a text would keep the whole text alive (V8's sliced
      // strings). asciiCopy's is one flat string; ' '.concat().slice(1) adds a slice of the copy.
      let own = asciiCopy(token);
      if (own === token) own = ' '.concat(token).slice(1);
      this.ids.set(own, t);
      this.tokens.push(own);
    }
    return t;
  }

  /** The number of a token already seen, else undefined. */
  known(token: string): number | undefined {
    return this.ids.get(token);
  }

  /**
   * The tokens holding this word: among those of a remembered word it holds (and the tokens added
   * since) when they are few, else by searching every chunk.
   */
  find(word: string): Int32Array {
    const hit = this.recent.get(word);
    if (hit && hit.upTo === this.tokens.length) return hit.ids;
    let from = hit;
    if (!from) for (const [w, c] of this.recent) if (word.includes(w) && (!from || c.ids.length < from.ids.length)) from = c;
    const out: number[] = [];
    if (from && from.ids.length <= FEW && this.tokens.length - from.upTo <= FEW) {
      for (const t of from.ids) if (this.tokens[t]!.includes(word)) out.push(t);
      for (let t = from.upTo; t < this.tokens.length; t++) if (this.tokens[t]!.includes(word)) out.push(t);
    } else this.search(word, out);
    const ids = Int32Array.from(out);
    this.recent.delete(word);
    // Only short lists are worth keeping ("8" is in every link: a search of the chunks is as fast).
    if (ids.length > 8 * FEW) return ids;
    this.recent.set(word, { ids, upTo: this.tokens.length });
    if (this.recent.size > REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
    return ids;
  }

  private search(word: string, out: number[]): void {
    this.join();
    this.chunks.forEach(({ text, starts }, c) => {
      const first = c * CHUNK;
      let at = text.indexOf(word);
      while (at >= 0) {
        // The token holding `at`: the last start at or before it.
        let lo = 0;
        let hi = starts.length - 2;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (starts[mid]! <= at) lo = mid;
          else hi = mid - 1;
        }
        out.push(first + lo);
        at = text.indexOf(word, starts[lo + 1]!);
      }
    });
  }

  /** The chunks joined up to the last token (done by the first search otherwise). */
  join(): void {
    const { tokens, chunks } = this;
    for (let c = chunks.length && chunks.length - 1; c * CHUNK < tokens.length; c++) {
      const end = Math.min(tokens.length, (c + 1) * CHUNK);
      if (chunks[c] && chunks[c]!.starts.length - 1 === end - c * CHUNK) continue;
      const starts = new Int32Array(end - c * CHUNK + 1);
      let at = 0;
      for (let t = c * CHUNK; t < end; t++) {
        starts[t - c * CHUNK] = at;
        at += tokens[t]!.length + 1;
      }
      starts[end - c * CHUNK] = at;
      chunks[c] = { text: tokens.slice(c * CHUNK, end).join('\n'), starts };
    }
  }
}
