// The signed copy of minutes: a PDF built like a PDF, or an eParaksts container that provably
// holds the DOCX signed here; at most ten per signed version; a refused upload writes nothing.
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SIGNED_COPIES } from '../../server/domain/signed-copy-file.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MIME = 'application/vnd.etsi.asic-e+zip';

/** A small real PDF, as a scan or a print of signed minutes would be. */
async function realPdf(objectStreams = true): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Protokols Nr. 7', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
}

/** An ASiC-E container as eParaksts makes it: `mimetype` first and stored, a signature, the signed file. */
function edoc(files: Zippable, { mimetype = MIME }: { mimetype?: string | null } = {}): Buffer {
  const entries: Zippable = mimetype === null ? {} : { mimetype: [strToU8(mimetype), { level: 0 }] };
  return Buffer.from(
    zipSync({
      ...entries,
      'META-INF/manifest.xml': strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
      ...files,
    }),
  );
}
const signature = { 'META-INF/signatures0.xml': strToU8('<asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"/>') };

/** Nr. 7 imported, signed here; returns its id and the bytes of the signed DOCX (full and public). */
async function signedNr7() {
  const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body;
  const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
  expect((await t.call({ method: 'POST', url: `/api/sittings/${id}/sign`, payload: { version: sitting.version } })).status).toBe(200);
  const full = (await t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx` })).rawPayload;
  const pub = (await t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx?version=public` })).rawPayload;
  return { id: id as number, full, pub };
}

const upload = (id: number, body: Buffer, type: string, name?: string) =>
  t.inject({
    method: 'POST',
    url: `/api/sittings/${id}/signed-copy${name === undefined ? '' : `?fileName=${encodeURIComponent(name)}`}`,
    headers: { 'content-type': type },
    payload: body,
  });
const copyCount = async () => (await t.db.selectFrom('signed_copies').select('id').execute()).length;

describe('accepted signed copies', () => {
  it('a real PDF is stored with its hash and returned as uploaded', async () => {
    const { id } = await signedNr7();
    const pdf = await realPdf();
    const res = await upload(id, pdf, 'application/pdf', 'Protokols Nr. 7 parakstīts.pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha(pdf),
      signedVersion: 1,
      fileName: 'Protokols Nr. 7 parakstīts.pdf',
    });
    const classic = await realPdf(false);
    expect((await upload(id, classic, 'application/pdf')).statusCode).toBe(201);
    const back = await t.inject({ method: 'GET', url: `/api/sittings/${id}/signed-copy` });
    expect(back.rawPayload.equals(classic)).toBe(true);
  });

  it('an .edoc holding the full or the public DOCX signed here is accepted and returned as uploaded', async () => {
    const { id, full, pub } = await signedNr7();
    const container = edoc({ ...signature, 'Protokols_Nr_7_2025-07-08.docx': full });
    const res = await upload(id, container, MIME, 'protokols.edoc');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: MIME, sha256: sha(container), fileName: 'protokols.edoc' });
    const back = await t.inject({ method: 'GET', url: `/api/sittings/${id}/signed-copy` });
    expect(back.rawPayload.equals(container)).toBe(true);
    expect(back.headers['content-type']).toBe(MIME);

    const publicCopy = edoc({ ...signature, 'Protokols_Nr_7_2025-07-08_publiska.docx': pub });
    expect((await upload(id, publicCopy, 'application/octet-stream')).statusCode).toBe(201);
  });
});

describe('refused signed copies write nothing', () => {
  it('an .edoc whose data file is not the DOCX signed here is refused with 400', async () => {
    const { id, full } = await signedNr7();
    const before = await snapshot(t.db);
    const altered = Buffer.concat([full, Buffer.from([0])]);
    const res = await upload(id, edoc({ ...signature, 'Protokols_Nr_7_2025-07-08.docx': altered }), MIME);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file' });
    expect(res.json().message).toContain('SHA-256');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a container without its mimetype, without a signature, or not a ZIP at all is refused with 400', async () => {
    const { id, full } = await signedNr7();
    const before = await snapshot(t.db);
    const docx = { 'Protokols.docx': full };
    const cases: Array<[string, Buffer, RegExp]> = [
      ['no signature', edoc(docx), /paraksta/],
      ['no mimetype', edoc({ ...signature, ...docx }, { mimetype: null }), /edoc.*PDF/],
      ['another mimetype', edoc({ ...signature, ...docx }, { mimetype: 'application/vnd.etsi.asic-s+zip' }), /edoc.*PDF/],
      ['a plain ZIP header', Buffer.from('PK\x03\x04 a plain zip'), /edoc.*PDF/],
      ['a broken ZIP', edoc({ ...signature, ...docx }).subarray(0, 400), /ZIP/],
      ['only the signature', edoc(signature), /SHA-256/],
    ];
    for (const [what, body, message] of cases) {
      const res = await upload(id, body, MIME);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().message, what).toMatch(message);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a container that would unpack to more than 50 MB is refused with 400 without being unpacked', async () => {
    const { id, full } = await signedNr7();
    const before = await snapshot(t.db);
    const bomb = edoc({ ...signature, 'Protokols.docx': full, 'pielikums.txt': [new Uint8Array(60 * 1024 * 1024), { level: 1 }] });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(id, bomb, MIME);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('50 MB');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a PDF header followed by HTML, or a PDF without its structure, is refused with 400', async () => {
    const { id } = await signedNr7();
    const before = await snapshot(t.db);
    const real = await realPdf();
    const cases: Array<[string, Buffer]> = [
      ['HTML after the header', Buffer.from('%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n')],
      ['HTML with a fake end', Buffer.from('%PDF-1.7\n<html><body>x</body></html>\nstartxref\n9\n%%EOF\n')],
      ['blank body', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1000, 0x20), Buffer.from('\n%%EOF\n')])],
      ['cut short', real.subarray(0, Math.floor(real.length / 2))],
      ['an executable', Buffer.from('MZ\x90\x00 not a pdf')],
    ];
    for (const [what, body] of cases) {
      const res = await upload(id, body, 'application/pdf');
      expect(res.statusCode, what).toBe(400);
      expect(res.json(), what).toMatchObject({ field: 'file' });
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('files over 20 MB get 413 and other content types 415', async () => {
    const { id } = await signedNr7();
    const before = await snapshot(t.db);
    const huge = await upload(id, Buffer.concat([await realPdf(), Buffer.alloc(20 * 1024 * 1024)]), 'application/pdf');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toContain('20 MB');
    const text = await t.inject({
      method: 'POST',
      url: `/api/sittings/${id}/signed-copy`,
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(text.statusCode).toBe(415);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it(`at most ${MAX_SIGNED_COPIES} copies per signed version: the next one gets 409`, async () => {
    const { id } = await signedNr7();
    const pdf = await realPdf();
    for (let i = 0; i < MAX_SIGNED_COPIES; i++) expect((await upload(id, pdf, 'application/pdf')).statusCode).toBe(201);
    const before = await snapshot(t.db);
    const res = await upload(id, pdf, 'application/pdf');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(`${MAX_SIGNED_COPIES} parakstītās kopijas`);
    expect(await snapshot(t.db)).toEqual(before);
    expect(await copyCount()).toBe(MAX_SIGNED_COPIES);
  });

  it('a file name with a bidirectional override is refused with 400 naming it', async () => {
    const { id } = await signedNr7();
    const before = await snapshot(t.db);
    const res = await upload(id, await realPdf(), 'application/pdf', 'protokols\u202Efdp.exe');
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toMatch(/fileName$/);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a draft has no signed copy to upload', async () => {
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body;
    expect((await upload(id, await realPdf(), 'application/pdf')).statusCode).toBe(409);
    expect((await t.inject({ method: 'GET', url: `/api/sittings/${id}/signed-copy` })).statusCode).toBe(404);
  });
});
