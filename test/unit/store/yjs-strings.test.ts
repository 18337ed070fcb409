// Yjs's strings decoded by core/utf8.ts (heap strings), a corrupt update still refused.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { utf8TextDecoder, utf8TextEncoder } from 'lib0/string';
import * as encoding from 'lib0/encoding';
import { keepYjsStringsOnHeap } from '../../../src-renderer/store/yjs-strings';

describe('chaînes de Yjs décodées dans le tas JavaScript', () => {
  it('un document Yjs relu après installation contient les mêmes valeurs ; une mise à jour corrompue est toujours refusée', () => {
    keepYjsStringsOnHeap();
    keepYjsStringsOnHeap(); // idempotent
    expect((utf8TextDecoder as TextDecoder & { vigie?: true }).vigie).toBe(true);
    expect((utf8TextEncoder as TextEncoder & { vigie?: true }).vigie).toBe(true);
    // lib0 writes a string with the replaced encoder: the same bytes as TextEncoder's.
    const e = encoding.createEncoder();
    encoding.writeVarString(e, 'L’eau monte 🌊 \ud800');
    const written = encoding.toUint8Array(e);
    expect(written.subarray(1)).toEqual(new TextEncoder().encode('L’eau monte 🌊 \ud800'));
    const doc = new Y.Doc();
    const values = [{ d: '{"k":"c","f":{"text":"L’eau monte à Montauban 🌊"}}', g: 'sig_-AZ09' }, { d: 'x'.repeat(50_000), g: '' }];
    doc.getArray('log').push(values);
    const update = Y.encodeStateAsUpdate(doc);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, update);
    expect(copy.getArray('log').toArray()).toEqual(values);
    // The first value's text, its bytes broken (a lone continuation byte where "’" begins).
    const broken = update.slice();
    const at = Buffer.from(broken).indexOf(Buffer.from('’'));
    broken[at] = 0x80;
    expect(() => Y.applyUpdate(new Y.Doc(), broken)).toThrow();
  });
});
