// .odt and .doc protocols go through LibreOffice first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertWithLibreOffice, hasCommand } from '../../server/minutes/libreoffice.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7, sharedPath } from '../support/reference.ts';

const soffice = await hasCommand('soffice');
let t: TestApp;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'protokols-odt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('protocols saved by other word processors', { timeout: 120_000 }, () => {
  it('an .odt protocol (Nr. 7 saved by LibreOffice) imports like the .docx', async () => {
    expect(soffice, 'soffice (libreoffice-writer-nogui) must be installed').toBe(true);
    const odt = readFileSync(await convertWithLibreOffice(sharedPath('reference', 'old-protocol-nr7.docx'), dir, 'odt'));
    const res = await t.call({
      method: 'POST',
      url: '/api/sittings/import-word?fileName=nr7.odt',
      headers: { 'content-type': 'application/vnd.oasis.opendocument.text' },
      payload: odt,
    });
    expect(res.status).toBe(201);
    const doc = (await t.call({ method: 'GET', url: `/api/sittings/${res.body.id}/export` })).body;
    const expected = nr7();
    expect(doc.members).toEqual(expected.members);
    expect(doc.decisions.map((d: { owners?: string[]; due?: string }) => [d.owners ?? [], d.due])).toEqual(
      expected.decisions.map((d) => [d.owners ?? [], d.due]),
    );
    const info = (await t.call({ method: 'GET', url: `/api/sittings/${res.body.id}/word-import` })).body;
    expect(info.contentType).toBe('application/vnd.oasis.opendocument.text');
  });

  it('a .doc protocol (Word 97–2003) imports through LibreOffice too', async () => {
    expect(soffice, 'soffice (libreoffice-writer-nogui) must be installed').toBe(true);
    const doc = readFileSync(await convertWithLibreOffice(sharedPath('reference', 'old-protocol-nr7.docx'), dir, 'doc'));
    const res = await t.call({
      method: 'POST',
      url: '/api/sittings/import-word?fileName=nr7.doc',
      headers: { 'content-type': 'application/msword' },
      payload: doc,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: 7, doubts: [] });
  });

  it('without LibreOffice a .doc is refused with a message saying to save it as .docx', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const res = await t.call({
        method: 'POST',
        url: '/api/sittings/import-word?fileName=vecs.doc',
        headers: { 'content-type': 'application/msword' },
        payload: ole,
      });
      expect(res.status).toBe(415);
      expect(res.body.message).toContain('LibreOffice');
      expect(res.body.message).toContain('.docx');
    } finally {
      process.env.PATH = path;
    }
  });
});
