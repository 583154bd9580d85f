// .odt and .doc protocols go through LibreOffice first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertWithLibreOffice, hasCommand } from '../../server/minutes/libreoffice.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7, sharedPath } from '../support/reference.ts';

const soffice = await hasCommand('soffice');
let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await testApp();
  dir = mkdtempSync(path.join(tmpdir(), 'protokols-odt-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

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
});
