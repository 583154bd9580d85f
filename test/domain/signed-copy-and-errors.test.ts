import { zipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { assertTime, assertDate } from '../../server/domain/calendar.ts';
import { assertVersion, Conflict, InvalidInput, StaleVersion } from '../../server/domain/errors.ts';
import { cleanFileName, inspectSignedCopy, signedCopyKind } from '../../server/domain/signed-copy-file.ts';

const pdf = Buffer.from(await (await PDFDocument.create()).save());
const container = (files: Record<string, string>) =>
  Buffer.from(
    zipSync({
      mimetype: [new TextEncoder().encode('application/vnd.etsi.asic-e+zip'), { level: 0 }],
      ...Object.fromEntries(Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)])),
    }),
  );

describe('signed copies are judged by their bytes', () => {
  it('a PDF is a PDF by its header, whatever its name', () => expect(signedCopyKind(pdf).extension).toBe('pdf'));
  it('an ASiC-E container is recognised by its uncompressed mimetype entry', () =>
    expect(signedCopyKind(container({ 'a.docx': 'x' })).extension).toBe('edoc'));
  it('a DOCX, a plain ZIP or an empty file is not a signed copy', () => {
    expect(() => signedCopyKind(Buffer.from(zipSync({ 'word/document.xml': new Uint8Array([1]) })))).toThrow(InvalidInput);
    expect(() => signedCopyKind(Buffer.alloc(0))).toThrow(/file/u);
  });
  it('a real PDF passes the structural check; a file that only starts like one does not', () => {
    expect(inspectSignedCopy(pdf, []).contentType).toBe('application/pdf');
    expect(() => inspectSignedCopy(Buffer.from('%PDF-1.7\nnothing else'), [])).toThrow(InvalidInput);
  });
  it('a container without a signature over the minutes signed here is refused', () =>
    expect(() => inspectSignedCopy(container({ 'cits.docx': 'cits' }), ['0'.repeat(64)])).toThrow(/konteinerā/u));
  it('a stored file name has no path and no control characters, and falls back when empty', () => {
    expect(cleanFileName('..\\..\\C:/x/"Prot\u0007okols".pdf', { contentType: 'application/pdf', extension: 'pdf' }, 'p')).toBe(
      'Protokols.pdf',
    );
    expect(cleanFileName(undefined, { contentType: 'application/pdf', extension: 'pdf' }, 'Protokols_Nr_7')).toBe('Protokols_Nr_7.pdf');
  });
});

describe('optimistic versions and input errors', () => {
  it('an update naming the current version passes', () => expect(() => assertVersion('sēde', 3, 3)).not.toThrow());
  it('an update naming an older or newer version is a 409 conflict', () => {
    expect(() => assertVersion('sēde', 3, 2)).toThrow(StaleVersion);
    expect(() => assertVersion('sēde', 3, 4)).toThrow(Conflict);
  });
  it('an input error names its field and answers 400', () => {
    const e = new InvalidInput('decisions[2].due', 'nav datums');
    expect([e.statusCode, e.field]).toEqual([400, 'decisions[2].due']);
  });
  it('dates and clock times are refused with the field named', () => {
    expect(() => assertDate('date', '2025-02-30')).toThrow(/"date"/u);
    expect(() => assertTime('startTime', '24:00')).toThrow(/"startTime"/u);
    expect(assertTime('startTime', '09:05')).toBe('09:05');
  });
});
