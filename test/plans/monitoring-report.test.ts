import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StatusChart from '../../server/plans/status-chart.ts';
import { chartOf, renderStatusChartPng } from '../../server/plans/status-chart.ts';
import { convertWithLibreOffice, hasCommand } from '../../server/minutes/libreoffice.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { expectInOrder, unzip } from '../minutes/helpers.ts';
import { monitoringStory, samplePlan, type Story } from './story.ts';

// Counts the charts drawn on this thread (the DOCX pool's threads load their own copy of the module):
// the reports ask for theirs through chartOf.
vi.mock('../../server/plans/status-chart.ts', async (importOriginal) => {
  const original = await importOriginal<typeof StatusChart>();
  return { ...original, chartOf: vi.fn(original.chartOf), renderStatusChartPng: vi.fn(original.renderStatusChartPng) };
});
const chartsDrawnHere = () => vi.mocked(chartOf).mock.calls.length + vi.mocked(renderStatusChartPng).mock.calls.length;

const run = promisify(execFile);
const tools = (await hasCommand('soffice')) && (await hasCommand('pdftotext')) && (await hasCommand('pdfinfo'));
const mustRun = tools || process.env.CI !== undefined;
const GOAL_TITLES = samplePlan().goals.map((g) => `${g.number}.\u00a0mērķis. ${g.title}`);
/** pdftotext breaks lines where the page did: the words, one space apart. */
const spaced = (text: string) => text.replace(/\u00a0/gu, ' ').replace(/\s+/gu, ' ');

let t: TestApp;
let story: Story;
let dir = '';
beforeAll(async () => {
  t = await testApp('secretary');
  story = await monitoringStory(t);
  dir = await mkdtemp(join(tmpdir(), 'protokols-report-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const report = (query: string, format = 'docx') => t.inject({ method: 'GET', url: `/api/plans/${story.planId}/report.${format}?${query}` });
const docxText = async (docx: Buffer) => (await mammoth.extractRawText({ buffer: docx })).value;

describe('the 2026 monitoring report', () => {
  it('holds every goal in order, each activity with its status and the linked decisions under it', async () => {
    const res = await report('year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('Uzraudzibas_parskats_2026.docx');
    const text = await docxText(res.rawPayload);
    expectInOrder(text, [
      'PREVENCIJAS PLĀNA ĪSTENOŠANAS UZRAUDZĪBAS PĀRSKATS PAR 2026.\u00a0GADU',
      'Cēsu novada bērnu seksuālas izmantošanas prevencijas plāns 2025.-2027. gadam (Cēsu novada domes 27.12.2024. lēmums Nr. 627)',
      'Pārskata periods: 2026.\u00a0gada 1.\u00a0janvāris',
      '1. Sadarbības grupas sēdes',
      '2026.\u00a0gadā notika 2 sadarbības grupas sēdes: 10.03.2026. (Nr.\u00a012), 09.06.2026. (Nr.\u00a013).',
      'prasība izpildīta',
      '2. Mērķu un aktivitāšu īstenošana',
    ]);
    expectInOrder(text, GOAL_TITLES);
    expectInOrder(text, [
      '2.1.1. Aktualizētu informāciju',
      'Statuss: īstenots',
      'Paveiktais: Raksts publicēts laikrakstā “Druva”.',
      'Sadarbības grupas lēmumi: Nr.\u00a012, 1.',
      'Nr.\u00a012, 1. Sagatavot rakstu laikrakstam “Druva”',
      '2.1.2. Lai veicinātu',
      'Statuss: nav novērtēts',
      '2.1.3. Informēt vietējo sabiedrību',
      'Nr.\u00a012, 3. Bērnam A. nodrošināt psihologa konsultācijas.',
      '2.2. Skaidrot tiesisko atbildību',
      'Statuss: tiek īstenots',
      'Nr.\u00a012, 2. Informēt skolēnus',
      '4.4. Izveidot vienotu gadījumu reģistrēšanas platformu',
      'Statuss: atlikts',
      'Atlikšanas iemesls: nav finansējuma platformai',
      '5.3.1. Nodrošināt monitoringa',
      'Statuss: pastāvīgi',
      'Sadarbības grupas lēmumi: Nr.\u00a012, 4.; Nr.\u00a013, 1.',
      'Nr.\u00a012, 4. Izglītības pārvaldei ieviest EMU: skola trīs skolās.',
      'Nr.\u00a013, 1. Apkopot EMU: skola datus par pirmo pusgadu.',
      '3. Kopsavilkums',
      'Aktivitātes pēc statusa katrā mērķī',
      '4. Priekšlikumi rīcības programmas aktualizācijai',
      'Aktualizējot rīcības programmu 2027.\u00a0gadam',
      '4.4. aktivitāti, kas 2026.\u00a0gadā atlikta (nav finansējuma platformai);',
      '8.2.2. aktivitāti, kas 2026.\u00a0gadā nav uzsākta;',
    ]);
    // The group's own version shows the confidential decision, and says so at the top.
    expect(text.startsWith('Ierobežotas pieejamības informācija')).toBe(true);
  });

  it('the summary table counts each goal’s activities by status, and all of them', async () => {
    const res = await report('year=2026');
    const xml = unzip(res.rawPayload).get('word/document.xml')!.toString('utf8');
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/gu)].map((m) =>
      [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((c) => c[1]),
    );
    expect(rows[0]).toEqual(['Mērķis', 'nav uzsākts', 'tiek īstenots', 'īstenots', 'pastāvīgi', 'atlikts', 'nav novērtēts', 'Kopā']);
    const byGoal = Object.fromEntries(rows.slice(1).map((r) => [r[0], r.slice(1).map(Number)]));
    // goal 1: 1.1. done; goal 2: 2.1.1. done, 2.2. in progress; goal 4: 4.4. postponed; goal 5: 5.3.1. ongoing; goal 8: 8.2.2. not started
    expect(byGoal['1.\u00a0mērķis']).toEqual([0, 0, 1, 0, 0, 5, 6]);
    expect(byGoal['2.\u00a0mērķis']).toEqual([0, 1, 1, 0, 0, 5, 7]);
    expect(byGoal['3.\u00a0mērķis']).toEqual([0, 0, 0, 0, 0, 4, 4]);
    expect(byGoal['4.\u00a0mērķis']).toEqual([0, 0, 0, 0, 1, 3, 4]);
    expect(byGoal['5.\u00a0mērķis']).toEqual([0, 0, 0, 1, 0, 12, 13]);
    expect(byGoal['8.\u00a0mērķis']).toEqual([1, 0, 0, 0, 0, 6, 7]);
    expect(byGoal['Visi mērķi']).toEqual([1, 1, 2, 1, 1, 60, 66]);
  });

  it('embeds the chart as a PNG picture, drawn on the server by the DOCX pool’s thread, not on the event loop', async () => {
    vi.mocked(chartOf).mockClear();
    vi.mocked(renderStatusChartPng).mockClear();
    const files = unzip((await report('year=2026')).rawPayload);
    expect(chartsDrawnHere()).toBe(0);
    const pictures = [...files.keys()].filter((name) => name.startsWith('word/media/'));
    expect(pictures).toHaveLength(1);
    const png = files.get(pictures[0]!)!;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600);
    expect(files.get('word/document.xml')!.toString('utf8')).toContain(
      'descr="Stabiņu diagramma: aktivitāšu skaits pēc statusa katrā plāna mērķī 2026.',
    );
  });

  it('the public version leaves the confidential decision out and carries no restricted marking', async () => {
    const res = await report('year=2026&version=public');
    expect(res.headers['content-disposition']).toContain('Uzraudzibas_parskats_2026_publiska.docx');
    const text = await docxText(res.rawPayload);
    expect(text).not.toContain('Bērnam A.');
    expect(text).toContain('Nr.\u00a012, 3. Ierobežotas pieejamības informācija');
    expect(text).toContain('Publiskā versija');
    expect(text.startsWith('Ierobežotas pieejamības informācija')).toBe(false);
    expect(text).toContain('Nr.\u00a012, 4. Izglītības pārvaldei ieviest EMU: skola trīs skolās.');
  });

  it('the HTML report shows the same, with the chart as an image its own policy allows', async () => {
    vi.mocked(chartOf).mockClear();
    const res = await report('year=2026', 'html');
    // Drawn on this thread (the count the DOCX test above expects to stay 0 does see a chart).
    expect(vi.mocked(chartOf)).toHaveBeenCalledTimes(1);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain('img-src data:');
    expect(res.body).toContain('<img src="data:image/png;base64,');
    expectInOrder(
      res.body,
      GOAL_TITLES.map((title) => title.replace(/"/gu, '&quot;')),
    );
  });

  it('a year outside 2000–2100 is refused naming the field', async () => {
    const res = await report('year=1999');
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('query.year');
  });
});

describe.runIf(mustRun)('the 2026 report in LibreOffice', () => {
  it('opens, converts to PDF with every goal in order and a sane number of pages', { timeout: 180_000 }, async () => {
    expect(tools, 'soffice, pdftotext and pdfinfo must be installed').toBe(true);
    const docx = join(dir, 'Uzraudzibas_parskats_2026.docx');
    await writeFile(docx, (await report('year=2026')).rawPayload);
    const pdf = await convertWithLibreOffice(docx, dir, 'pdf', 120_000);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']);
    const text = spaced(stdout);
    expectInOrder(text, [
      'PREVENCIJAS PLĀNA ĪSTENOŠANAS UZRAUDZĪBAS PĀRSKATS PAR 2026. GADU',
      '1. Sadarbības grupas sēdes',
      ...samplePlan().goals.map((g) => `${g.number}. mērķis.`),
      '3. Kopsavilkums',
      'Aktivitātes pēc statusa katrā mērķī',
      '4. Priekšlikumi rīcības programmas aktualizācijai',
    ]);
    expect(text).toContain('Nr. 13, 1. Apkopot EMU: skola datus par pirmo pusgadu.');
    const info = (await run('pdfinfo', [pdf])).stdout;
    const pages = Number(/Pages:\s+(\d+)/u.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pages).toBeLessThanOrEqual(25);
    // The chart went into the PDF as a picture.
    const images = (await run('pdfimages', ['-list', pdf]).catch(() => ({ stdout: 'image' }))).stdout;
    expect(images).toMatch(/image|png|rgb/u);
  });
});
