// Which files an old protocol may come in: .docx, .doc and .odt, judged by their bytes; at most 20 MB.
import { UnsupportedMediaType } from './errors.ts';

export const MAX_WORD_FILE_BYTES = 20 * 1024 * 1024;

export const WORD_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;
export type WordKind = keyof typeof WORD_TYPES;

/** The kind of a file by its bytes: a ZIP is DOCX or ODT (by its `mimetype` entry), OLE2 is .doc. */
export function wordKind(bytes: Buffer): WordKind {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) return 'doc';
  if (bytes.length >= 30 && bytes.readUInt32LE(0) === 0x04034b50) {
    const head = bytes.subarray(30, 30 + 80).toString('latin1');
    return head.startsWith('mimetype') && head.includes('opendocument.text') ? 'odt' : 'docx';
  }
  throw new UnsupportedMediaType('Fails nav Word dokuments: atļauti .docx, .doc un .odt faili.');
}
