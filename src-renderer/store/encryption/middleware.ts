// Encryption at rest as a Dexie middleware: the fields that hold what people wrote are sealed on
// their way into IndexedDB and opened on their way out, so no other code of the store changes and
// none can forget to. Keys, indexes and sequence numbers stay clear (ids are hashes, not content).
// A value stored before encryption existed (or by a test seeding the database) is read as it is.
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import type { Keyring } from './keyring';
import { decodeUtf8, encodeUtf8 } from '../../core/utf8';

/** What a sealed field holds in IndexedDB. */
export interface SealedField {
  sealed: Uint8Array;
}

/** `copies`: decode() keeps nothing of the bytes it is given (they may be a scratch buffer's). */
type Codec = { encode(v: unknown): Uint8Array; decode(b: Uint8Array): unknown; copies?: true };
const fromUtf8 = new TextDecoder(); // one for every value read (a cold open reads 100,000 and more)
// Not TextDecoder's strings nor TextEncoder, which make them external (core/utf8.ts): the texts
// sealed and opened here are the envelopes the exchange document and the journal keep.
const readUtf8 = (b: Uint8Array) => decodeUtf8(b, (bad) => fromUtf8.decode(bad));
const text: Codec = { encode: (v) => encodeUtf8(v as string), decode: readUtf8, copies: true };
const json: Codec = { encode: (v) => encodeUtf8(JSON.stringify(v)), decode: (b) => JSON.parse(readUtf8(b)), copies: true };
const bytes: Codec = { encode: (v) => v as Uint8Array, decode: (b) => b };

/** Per table, the fields sealed and how each becomes bytes (database.ts has the tables). */
export const SEALED_FIELDS: Readonly<Record<string, Readonly<Record<string, Codec>>>> = {
  journal: { d: text },
  rows: { row: json },
  updates: { update: bytes },
  rejected: { excerpt: text, reason: text },
};

/**
 * Where texts are opened before they are decoded: a buffer per row read was, at 100,000 rows, 100 MB
 * outside V8's heap, and that much outside it starts a full collection of the whole heap (a pause of
 * 100–175 ms on a 2-core laptop while an open copy streamed a crisis from its journal, 29 Nov.).
 */
let scratch = new Uint8Array(16 * 1024);
const KEPT_SCRATCH = 1024 * 1024;
function scratchFor(length: number): Uint8Array | undefined {
  if (length > KEPT_SCRATCH) return undefined;
  if (scratch.byteLength < length) scratch = new Uint8Array(Math.min(KEPT_SCRATCH, length * 2));
  return scratch;
}

export const isSealed = (v: unknown): v is SealedField => !!v && typeof v === 'object' && ArrayBuffer.isView((v as SealedField).sealed);

export function atRest(keyring: () => Keyring | undefined): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'vigie-chiffrement-au-repos',
    create: (down) => ({ ...down, table: (name) => sealedTable(down.table(name), SEALED_FIELDS[name], keyring) }),
  };
}

function sealedTable(table: DBCoreTable, fields: Readonly<Record<string, Codec>> | undefined, keyring: () => Keyring | undefined): DBCoreTable {
  if (!fields) return table;
  const seal = (value: unknown) => {
    const ring = keyring();
    if (!ring || !value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [field, codec] of Object.entries(fields)) if (out[field] !== undefined) out[field] = { sealed: ring.seal(codec.encode(out[field])) } satisfies SealedField;
    return out;
  };
  const open = (value: unknown) => {
    if (!value || typeof value !== 'object') return value;
    let out: Record<string, unknown> | null = null;
    for (const [field, codec] of Object.entries(fields)) {
      const v = (value as Record<string, unknown>)[field];
      if (!isSealed(v)) continue;
      const ring = keyring();
      if (!ring) throw new Error('Base chiffrée ouverte sans ses clés.');
      out ??= { ...(value as Record<string, unknown>) };
      const sealed = new Uint8Array(v.sealed.buffer, v.sealed.byteOffset, v.sealed.byteLength);
      out[field] = codec.decode(ring.open(sealed, codec.copies ? scratchFor(sealed.byteLength) : undefined));
      // What a request returned stays reachable from the browser's side until a full collection
      // (a cold open's journal pages, the document's rows): without its sealed bytes, what stays
      // is a few small fields per row, not the whole crisis outside V8's heap.
      (value as Record<string, unknown>)[field] = undefined;
    }
    return out ?? value;
  };
  // Dexie's cursor IS the native IDBCursor (with Dexie's methods added): its native getters and
  // methods must be called on it, not on the wrapper (as Dexie's own virtual-index middleware does).
  const openCursor = (cursor: DBCoreCursor | null) => {
    if (!cursor) return cursor;
    // Opened once per row, however often it is read (the browser gives the same value until the cursor moves).
    let raw: unknown;
    let opened: unknown;
    const value = () => {
      const v = cursor.value;
      if (v !== raw) [raw, opened] = [v, open(v)];
      return opened;
    };
    return Object.create(cursor, {
      value: { get: value },
      key: { get: () => cursor.key },
      primaryKey: { get: () => cursor.primaryKey },
      continue: { value: (key?: unknown) => cursor.continue(key) },
      continuePrimaryKey: { value: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey) },
      advance: { value: (count: number) => cursor.advance(count) },
    }) as DBCoreCursor;
  };
  return {
    ...table,
    mutate: (req) => (req.type === 'add' || req.type === 'put' ? table.mutate({ ...req, values: req.values.map(seal) }) : table.mutate(req)),
    get: (req) => table.get(req).then(open),
    getMany: (req) => table.getMany(req).then((values) => values.map(open)),
    query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: res.result.map(open) } : res)),
    openCursor: (req) => table.openCursor(req).then((cursor) => (req.values ? openCursor(cursor) : cursor)),
  };
}
