// Which files count as the signed copy of minutes: an e-signature container (.edoc/.asice, as
// eparaksts.lv makes them) holding the very DOCX signed here, or a PDF that is built like one.
// Judged by their bytes, never by the name alone; nothing here decompresses without a bound.
import { unzipSync } from 'fflate';
import { sha256 } from './digest.ts';
import { InvalidInput } from './errors.ts';

export const MAX_SIGNED_COPY_BYTES = 20 * 1024 * 1024;
/** Copies one signed version may collect: a re-signed copy or two, not a file store. */
export const MAX_SIGNED_COPIES = 10;
/** What a container may unpack to, so a small ZIP cannot expand into gigabytes. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const MAX_ENTRIES = 1000;

export interface SignedCopyKind {
  contentType: string;
  extension: string;
}

const ASICE_MIME = 'application/vnd.etsi.asic-e+zip';
const PDF: SignedCopyKind = { contentType: 'application/pdf', extension: 'pdf' };
const ASICE: SignedCopyKind = { contentType: ASICE_MIME, extension: 'edoc' };
/** The content types a signed copy is stored and sent back with. */
export const SIGNED_COPY_TYPES: readonly string[] = [PDF.contentType, ASICE.contentType];

const refuse = (message: string) => new InvalidInput('file', message);

export function signedCopyKind(bytes: Buffer): SignedCopyKind {
  if (bytes.length < 5) throw refuse('fails ir tukšs vai bojāts.');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  // An ASiC-E container is a ZIP whose first entry is an uncompressed "mimetype" file.
  const isZip = bytes.length >= 30 && bytes.readUInt32LE(0) === 0x04034b50;
  if (
    isZip &&
    bytes.subarray(30, 38).toString('latin1') === 'mimetype' &&
    bytes.subarray(38, 38 + ASICE_MIME.length).toString('latin1') === ASICE_MIME
  ) {
    return ASICE;
  }
  throw refuse('atļauts tikai parakstīts dokuments: .edoc/.asice (eParaksts) vai PDF.');
}

/**
 * The kind of an uploaded signed copy, once it has proved to be one: a PDF must have the
 * structure of a PDF; a container must be an ASiC-E with a signature over a file whose SHA-256
 * is one of `signedHashes` (the full and public DOCX of the version signed here).
 */
export function inspectSignedCopy(bytes: Buffer, signedHashes: readonly string[]): SignedCopyKind {
  const kind = signedCopyKind(bytes);
  if (kind === PDF) assertPdfStructure(bytes);
  else assertSignedContainer(bytes, signedHashes);
  return kind;
}

/**
 * A structural parse, not a full one (a full parse inflates every object stream, unbounded):
 * the header, then `startxref` at the end pointing at a cross-reference table or stream whose
 * trailer names the document's root, then `%%EOF`.
 */
function assertPdfStructure(bytes: Buffer): void {
  const broken = refuse('PDF fails ir bojāts vai nav PDF: nav atrasta PDF struktūra (xref tabula, trailer, %%EOF).');
  const text = (from: number, to: number) => bytes.subarray(Math.max(0, from), Math.min(bytes.length, to)).toString('latin1');
  if (!/^%PDF-[12]\.[0-9]/.test(text(0, 16))) throw broken;
  const tailStart = Math.max(0, bytes.length - 2048);
  const tail = text(tailStart, bytes.length);
  const at = tail.lastIndexOf('startxref');
  const end = at < 0 ? null : /^startxref\s+([0-9]{1,10})\s+%%EOF[\s\0]*$/.exec(tail.slice(at));
  if (end === null) throw broken;
  const offset = Number(end[1]);
  const startxref = tailStart + at;
  if (offset <= 0 || offset >= startxref) throw broken;
  const ROOT = /\/Root\s+[0-9]+\s+[0-9]+\s+R/;
  const head = text(offset, offset + 32);
  if (/^\s*xref\s/.test(head)) {
    const section = text(offset, startxref);
    const trailer = section.lastIndexOf('trailer');
    if (trailer < 0 || !/^trailer\s*<</.test(section.slice(trailer)) || !ROOT.test(section.slice(trailer))) throw broken;
    return;
  }
  if (/^\s*[0-9]+\s+[0-9]+\s+obj\s*<</.test(head)) {
    const object = text(offset, offset + 4096);
    const dictionary = object.slice(0, object.indexOf('stream') < 0 ? undefined : object.indexOf('stream'));
    if (/\/Type\s*\/XRef\b/.test(dictionary) && ROOT.test(dictionary)) return;
  }
  throw broken;
}

function assertSignedContainer(bytes: Buffer, signedHashes: readonly string[]): void {
  let unpacked = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      // The sizes are the archive's own claim; fflate never writes past a claimed size, so the sum bounds memory.
      filter: (file) => {
        unpacked += file.originalSize;
        entries += 1;
        if (unpacked > MAX_UNPACKED_BYTES || entries > MAX_ENTRIES)
          throw refuse(`konteiners pēc atpakošanas pārsniedz ${MAX_UNPACKED_BYTES / (1024 * 1024)} MB vai ${MAX_ENTRIES} failus.`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InvalidInput) throw error;
    throw refuse('.edoc/.asice konteiners ir bojāts: to nevar nolasīt kā ZIP arhīvu.');
  }
  const mimetype = files.mimetype;
  if (mimetype === undefined || Buffer.from(mimetype).toString('latin1') !== ASICE_MIME)
    throw refuse(`konteinerā nav ieraksta "mimetype" ar saturu ${ASICE_MIME}.`);
  const names = Object.keys(files);
  if (!names.some((name) => /^META-INF\/[^/]*signatures[^/]*\.xml$/i.test(name)))
    throw refuse('konteinerā nav paraksta (META-INF/…signatures….xml).');
  const dataFiles = names.filter((name) => name !== 'mimetype' && !name.startsWith('META-INF/') && !name.endsWith('/'));
  const signed = new Set(signedHashes);
  const holdsSignedMinutes = dataFiles.some((name) => signed.has(sha256(files[name] as Uint8Array)));
  if (!holdsSignedMinutes)
    throw refuse(
      'konteinerā nav šajā rīkā parakstītā protokola: neviena faila SHA-256 nesakrīt ar parakstītās versijas DOCX (pilnās vai publiskās).',
    );
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
