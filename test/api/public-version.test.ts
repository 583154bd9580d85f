import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { docxText, htmlText } from '../minutes/helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

async function importNr7(): Promise<{ id: number; version: number }> {
  const doc = nr7();
  doc.agenda[2]!.confidential = true;
  const { body } = await t.call({ method: 'POST', url: '/api/sittings/import', payload: doc });
  return (await t.call({ method: 'GET', url: `/api/sittings/${body.id}` })).body;
}

const fileNameOf = (disposition: unknown) => /filename\*=UTF-8''([^;]+)/u.exec(String(disposition))?.[1];

/** The DOCX and HTML of both versions: their file names and text. */
async function downloads(id: number) {
  const get = (url: string) => t.inject({ method: 'GET', url: `/api/sittings/${id}/${url}` });
  const [fullDocx, publicDocx, fullHtml, publicHtml] = await Promise.all([
    get('minutes.docx'),
    get('minutes.docx?version=public'),
    get('minutes.html'),
    get('minutes.html?version=public'),
  ]);
  return {
    names: [fullDocx, publicDocx, fullHtml, publicHtml].map((r) => fileNameOf(r.headers['content-disposition'])),
    fullText: await docxText(fullDocx.rawPayload),
    publicText: await docxText(publicDocx.rawPayload),
    fullHtmlText: htmlText(fullHtml.body),
    publicHtmlText: htmlText(publicHtml.body),
  };
}

const NAMES = [
  'Protokols_Nr_7_2025-07-08.docx',
  'Protokols_Nr_7_2025-07-08_publiska.docx',
  'Protokols_Nr_7_2025-07-08.html',
  'Protokols_Nr_7_2025-07-08_publiska.html',
];

/** The lines of a text, blank ones dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

describe('the public version is told apart from the full one', () => {
  it("a draft's public DOCX and HTML are named …_publiska, the full ones are not", async () => {
    const s = await importNr7();
    expect((await downloads(s.id)).names).toEqual(NAMES);
  });

  it('signed minutes keep the same names', async () => {
    const s = await importNr7();
    const signed = await t.call({ method: 'POST', url: `/api/sittings/${s.id}/sign`, payload: { version: s.version } });
    expect(signed.status).toBe(200);
    expect((await downloads(s.id)).names).toEqual(NAMES);
  });

  it('the first line under the title block of the public version reads "Publiskā versija"; the full version has no such line', async () => {
    const s = await importNr7();
    const d = await downloads(s.id);
    for (const text of [d.publicText, d.publicHtmlText]) {
      const l = lines(text);
      const dateLine = l.findIndex((line) => line.includes('Nr. 7'));
      expect(dateLine).toBeGreaterThan(0);
      expect(l[dateLine + 1]).toBe('Publiskā versija');
    }
    for (const text of [d.fullText, d.fullHtmlText]) expect(text).not.toContain('Publiskā versija');
  });
});
