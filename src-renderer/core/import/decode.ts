// Bytes to text as French Excel writes CSV: UTF-8 with or without BOM ("CSV UTF-8"), Windows-1252 ("CSV
// (séparateur : point-virgule)" on a French Windows), or UTF-16 with BOM ("Texte Unicode"). A file that is
// none of these (a spreadsheet saved as .xlsx, an image, text converted twice) is refused in French.
import { ImportError } from './errors';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** A byte-order mark was present (and removed). */
  bom: boolean;
}

/** How the encoding is said in the report. */
export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Excel « CSV séparateur point-virgule »)',
  'utf-16le': 'UTF-16 (Excel « Texte Unicode »)',
  'utf-16be': 'UTF-16 BE',
};

const SAVE_AS =
  'Dans Excel ou LibreOffice, « Enregistrer sous » → « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.';

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    throw new ImportError('spreadsheet', `Ce fichier est un classeur Excel ou OpenDocument (.xlsx, .ods), pas un CSV. ${SAVE_AS} Rien n’a été importé.`);
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new ImportError('spreadsheet', `Ce fichier est un classeur Excel ancien format (.xls), pas un CSV. ${SAVE_AS} Rien n’a été importé.`);

  let decoded: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) decoded = { text: utf8(bytes.subarray(3)) ?? fail(), encoding: 'utf-8', bom: true };
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  else {
    // NUL bytes: UTF-16 without its mark, or not text at all. Neither UTF-8 nor Windows-1252 has them.
    const probe = bytes.subarray(0, 64 * 1024);
    if (probe.includes(0))
      throw new ImportError(
        'binary',
        `Encodage non reconnu : le fichier contient des octets nuls (texte UTF-16 sans marque, ou fichier qui n’est pas du texte). ${SAVE_AS} Rien n’a été importé.`,
      );
    const text = utf8(bytes);
    decoded = text !== null ? { text, encoding: 'utf-8', bom: false } : { text: windows1252(bytes), encoding: 'windows-1252', bom: false };
  }
  checkText(decoded.text);
  return decoded;
}

/** Strict UTF-8, or null when the bytes are not valid UTF-8 (then they are read as Windows-1252). */
function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Windows-1252 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); undefined bytes stay C1 controls. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Windows-1252. Browsers' TextDecoder('windows-1252') does it, but Node's (without full ICU) reads those
 * labels as ISO-8859-1, so the 32 bytes where they differ are mapped here: same result everywhere.
 */
export function windows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function fail(): never {
  throw new ImportError('binary', `Encodage non reconnu : le fichier annonce de l’UTF-8 mais contient des octets invalides. ${SAVE_AS} Rien n’a été importé.`);
}

/** "Ã©" for "é", "Ã¨" for "è", "â€™" for "’": UTF-8 read as Windows-1252 and saved again. */
const DOUBLE_ENCODED = /Ã[©¨ª«®¯´¹»¼§¢ ]|â€[™œ¦“”˜]/g;

function checkText(text: string): void {
  const sample = text.length > 2_000_000 ? text.slice(0, 2_000_000) : text;
  const hits = sample.match(DOUBLE_ENCODED);
  if (hits && hits.length >= 2)
    throw new ImportError(
      'double-encoded',
      `Encodage incorrect : le texte a été converti deux fois (« ${hits[0]} » au lieu d’une lettre accentuée). ` +
        `Ouvrez le tableau d’origine et ${SAVE_AS.charAt(0).toLowerCase()}${SAVE_AS.slice(1)} Rien n’a été importé.`,
    );
  // Control characters other than tab, line breaks: not a text table.
  let controls = 0;
  for (let i = 0; i < Math.min(sample.length, 64 * 1024); i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x80 && c < 0xa0)) controls++;
  }
  if (controls > 8)
    throw new ImportError('binary', `Encodage non reconnu : le fichier contient des caractères de contrôle, ce n’est pas un texte CSV. ${SAVE_AS} Rien n’a été importé.`);
}
