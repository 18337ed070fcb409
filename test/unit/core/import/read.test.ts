import { describe, expect, it } from 'vitest';
import { detectSeparator, readCsv } from '../../../../src-renderer/core/import/csv';
import { decodeBytes } from '../../../../src-renderer/core/import/decode';
import { checkSize, ImportError, MAX_IMPORT_BYTES } from '../../../../src-renderer/core/import/errors';
import { readImportFile } from '../../../../src-renderer/core/import/read';
import { cp1252, noYield, TEAM_CSV, utf8, withBom } from './helpers';

const problem = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
};

describe('encodages', () => {
  const text = 'Lien;Texte\r\nhttps://x.com/a/status/1;Crue à Moissac, « évacuation » ’ œuvre €';
  it('lit l’UTF-8 avec BOM (Excel « CSV UTF-8 ») et retire le BOM', () => {
    const d = decodeBytes(withBom(text));
    expect(d).toEqual({ text, encoding: 'utf-8', bom: true });
  });
  it('lit l’UTF-8 sans BOM', () => {
    expect(decodeBytes(utf8(text))).toEqual({ text, encoding: 'utf-8', bom: false });
  });
  it('lit le Windows-1252 d’Excel français quand les octets ne sont pas de l’UTF-8', () => {
    const d = decodeBytes(cp1252(text));
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe(text);
  });
  it('lit l’UTF-16 avec BOM (Excel « Texte Unicode »)', () => {
    const body = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) new DataView(body.buffer).setUint16(i * 2, text.charCodeAt(i), true);
    const d = decodeBytes(new Uint8Array([0xff, 0xfe, ...body]));
    expect(d.encoding).toBe('utf-16le');
    expect(d.text).toBe(text);
  });
  it('refuse un classeur .xlsx en le disant', async () => {
    const e = await problem(() => decodeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])));
    expect(e.problem).toBe('spreadsheet');
    expect(e.message).toMatch(/classeur Excel.*pas un CSV.*Rien n’a été importé/);
  });
  it('refuse un mauvais encodage : UTF-16 sans BOM (octets nuls)', async () => {
    const e = await problem(() => decodeBytes(new Uint8Array([0x4c, 0, 0x69, 0, 0x65, 0, 0x6e, 0])));
    expect(e.problem).toBe('binary');
    expect(e.message).toMatch(/^Encodage non reconnu/);
  });
  it('refuse un texte converti deux fois (« Ã© » pour « é »)', async () => {
    const e = await problem(() => decodeBytes(utf8('Lien;Texte\nhttps://a.fr/;Crue Ã  Moissac, Ã©vacuation, dÃ©gÃ¢ts')));
    expect(e.problem).toBe('double-encoded');
    expect(e.message).toContain('converti deux fois');
  });
});

describe('séparateurs', () => {
  it('reconnaît « ; », « , », la tabulation et « | »', () => {
    expect(detectSeparator('Lien;Texte;Lieu\na;b, c;d\n')).toBe(';');
    expect(detectSeparator('Lien,Texte,Lieu\na,"b; c",d\n')).toBe(',');
    expect(detectSeparator('Lien\tTexte\na\tb, c; d\n')).toBe('\t');
    expect(detectSeparator('Lien|Texte\na|b\n')).toBe('|');
  });
  it('préfère le séparateur qui donne à chaque ligne autant de cellules que l’en-tête', () => {
    // French text full of commas in a ";" file.
    expect(detectSeparator('Lien;Texte\nhttps://a.fr/;Pont coupé, route barrée, eau montante\nhttps://b.fr/;Un, deux, trois\n')).toBe(';');
  });
  it('refuse un fichier d’une seule colonne en nommant les séparateurs lus', async () => {
    const e = await problem(() => detectSeparator('Lien:Texte:Lieu\nhttps://a.fr/:crue:Moissac\n'));
    expect(e.problem).toBe('separator');
    expect(e.message).toMatch(/Séparateur non reconnu : une seule colonne.*« ; ».*« , »/);
  });
  it('refuse un fichier aux séparateurs mélangés', async () => {
    const e = await problem(() => detectSeparator('Lien;Texte;Lieu;Date\na,b,c,d\ne,f,g,h\ni,j,k,l\n'));
    expect(e.message).toMatch(/Séparateur incohérent/);
  });
});

describe('lecture CSV', () => {
  it('garde les numéros de ligne du tableur (en-tête = 1), même avec des retours à la ligne entre guillemets', async () => {
    const t = await readCsv('Lien;Texte\r\nhttps://a.fr/;"deux\r\nlignes"\r\n\r\nhttps://b.fr/;"« guillemets » ""doubles"""\r\n', { yieldFn: noYield });
    expect(t.header).toEqual(['Lien', 'Texte']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['https://a.fr/', 'deux\r\nlignes'] },
      { line: 4, cells: ['https://b.fr/', '« guillemets » "doubles"'] },
    ]);
  });
  it('rejette une ligne à cellules en trop, en disant pourquoi', async () => {
    const t = await readCsv('Lien;Texte\nhttps://a.fr/;ok\nhttps://b.fr/;un; deux\n', { yieldFn: noYield });
    expect(t.rows.map((r) => r.line)).toEqual([2]);
    expect(t.rejected).toEqual([{ line: 3, reason: expect.stringMatching(/3 cellules pour 2 colonnes/) }]);
  });
  it('rejette la ligne au guillemet jamais refermé', async () => {
    const t = await readCsv('Lien;Texte\nhttps://a.fr/;ok\nhttps://b.fr/;"pas fermé\nhttps://c.fr/;suite\n', { yieldFn: noYield });
    expect(t.rows.map((r) => r.line)).toEqual([2]);
    expect(t.rejected[0]).toMatchObject({ line: 3, reason: expect.stringContaining('jamais refermé') });
  });
  it('lit 20 000 lignes par tranches, avec sa progression', async () => {
    const lines = ['Lien;Texte'];
    for (let i = 0; i < 20_000; i++) lines.push(`https://a.fr/${i};"texte ${i}\nsuite ; ""q"""`);
    let yields = 0;
    const progress: number[] = [];
    const t = await readCsv(lines.join('\n'), { chunkSize: 64 * 1024, yieldFn: async () => void yields++, onProgress: (p) => progress.push(p.done) });
    expect(t.rows).toHaveLength(20_000);
    expect(t.rows[19_999]).toEqual({ line: 20_001, cells: ['https://a.fr/19999', 'texte 19999\nsuite ; "q"'] });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(lines.join('\n').length);
  });
});

describe('le fichier entier', () => {
  it('refuse un fichier trop gros avant de le lire', async () => {
    expect(MAX_IMPORT_BYTES).toBe(45 * 1024 * 1024);
    expect(() => checkSize(50_000_000)).toThrow(ImportError); // « 50 Mo » written the decimal way
    const e = await problem(() => checkSize(50 * 1024 * 1024));
    expect(e.problem).toBe('too-large');
    expect(e.message).toBe('Fichier trop volumineux (50 Mo) : la limite est de 45 Mo. Découpez le tableau en plusieurs fichiers. Rien n’a été importé.');
    expect(() => checkSize(MAX_IMPORT_BYTES)).not.toThrow();
  });
  it('refuse un fichier vide, ou sans autre ligne que l’en-tête', async () => {
    expect((await problem(readImportFile(new Uint8Array(), 'a.csv'))).problem).toBe('empty');
    expect((await problem(readImportFile(utf8('Lien;Texte\r\n'), 'a.csv', { yieldFn: noYield }))).message).toMatch(/qu’une ligne d’en-tête/);
  });
  it('dit comment le fichier a été lu', async () => {
    const t = await readImportFile(cp1252(TEAM_CSV), 'équipe.csv', { yieldFn: noYield });
    expect(t.encoding).toMatch(/Windows-1252/);
    expect(t.separator).toBe(';');
    expect(t.rows).toHaveLength(4);
  });
});
