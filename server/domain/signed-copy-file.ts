// Which files count as the signed copy of minutes: an e-signature container (.edoc/.asice,
// as eparaksts.lv makes them) or a PDF, recognised by their bytes, never by the name alone.
import { InvalidInput } from './errors.ts';

export const MAX_SIGNED_COPY_BYTES = 20 * 1024 * 1024;

export interface SignedCopyKind {
  contentType: string;
  extension: string;
}

const ASICE_MIME = 'application/vnd.etsi.asic-e+zip';
const PDF: SignedCopyKind = { contentType: 'application/pdf', extension: 'pdf' };
const ASICE: SignedCopyKind = { contentType: ASICE_MIME, extension: 'edoc' };

export function signedCopyKind(bytes: Buffer): SignedCopyKind {
  if (bytes.length < 5) throw new InvalidInput('file', 'fails ir tukšs vai bojāts.');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  // An ASiC-E container is a ZIP whose first entry is an uncompressed "mimetype" file.
  const isZip = bytes.readUInt32LE(0) === 0x04034b50;
  if (
    isZip &&
    bytes.subarray(30, 38).toString('latin1') === 'mimetype' &&
    bytes.subarray(38, 38 + ASICE_MIME.length).toString('latin1') === ASICE_MIME
  ) {
    return ASICE;
  }
  throw new InvalidInput('file', 'atļauts tikai parakstīts dokuments: .edoc/.asice (eParaksts) vai PDF.');
}

/** A file name safe to store and to send back: no path, no control characters. */
export function cleanFileName(name: string | undefined, kind: SignedCopyKind, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f"]/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? `${fallback}.${kind.extension}` : cleaned;
}
