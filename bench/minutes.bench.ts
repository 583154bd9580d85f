// DOCX minutes: rendering Nr. 7 and a 40-item sitting in process against the `docx` floor (the
// package packing the same paragraphs' text), and the minutes of an unsigned sitting over HTTP
// against one whole `soffice --headless --convert-to docx` run on an HTML file of the same text.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph } from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
import { DEFAULT_GROUP_PROFILE } from '../server/domain/group-settings.ts';
import { renderMinutesDocx } from '../server/minutes/render-docx.ts';
import { buildMinutesViewModel } from '../server/minutes/view-model.ts';
import type { SittingDocument } from '../server/interchange/sitting-document.ts';
import { nr7 } from '../test/support/reference.ts';
import { sittingModel } from '../test/support/sitting-model.ts';
import { tempDir } from './fixtures/databases.ts';
import { generateLargeSitting } from './fixtures/large-sitting.ts';
import { benchApp } from './fixtures/servers.ts';
import { QUICK, measure, missingLine, runs, times, timedLine, type BenchCase, type Line } from './harness.ts';

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** The text of each paragraph of a DOCX's body, in order. */
export function paragraphsOf(docx: Buffer): string[] {
  const xml = strFromU8(unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1] ?? '')).join(''),
  );
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const floorOf = (paragraphs: string[]) => () =>
  Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph(text)) }] }));

export async function minutesLines(): Promise<Line[]> {
  const lines: Line[] = [];
  for (const [what, sitting] of [
    ['Nr. 7', nr7()],
    ['a 40-item sitting (150 decisions)', generateLargeSitting()],
  ] as Array<[string, SittingDocument]>) {
    const source = { group: DEFAULT_GROUP_PROFILE, sitting: sittingModel(sitting) };
    // The work of a pool thread (view model and layout), timed on this thread like the floor: the
    // hop to the pool is in the HTTP line below and the event-loop line.
    const render = () => renderMinutesDocx(buildMinutesViewModel(source, 'full'));
    const paragraphs = paragraphsOf(await render());
    lines.push(
      await timedLine(
        `render DOCX of ${what} (view model + layout), in process`,
        { name: 'render', run: render },
        { name: `docx packing the same ${paragraphs.length} paragraphs`, run: floorOf(paragraphs) },
        times('<=', 1.6),
        { warmup: 5, count: 30 },
      ),
    );
  }
  lines.push(await overHttpVsSoffice());
  return lines;
}

async function overHttpVsSoffice(): Promise<Line> {
  const name = 'GET /api/sittings/:id/minutes.docx of Nr. 7 (unsigned), over HTTP';
  const dir = tempDir();
  const app = await benchApp(path.join(dir, 'minutes.db'));
  try {
    const imported = await app.send('POST', '/api/sittings/import', { ...nr7(), signed: false });
    if (imported.status !== 201) return missingLine(name, `import: ${imported.status} ${imported.body.slice(0, 200)}`);
    const url = `${await app.listen()}/api/sittings/${(JSON.parse(imported.body) as { id: number }).id}/minutes.docx`;
    const fetchDocx: BenchCase = {
      name: 'http',
      run: async () => {
        const res = await fetch(url, { headers: app.headers });
        const body = Buffer.from(await res.arrayBuffer());
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        return body;
      },
    };
    const docx = (await fetchDocx.run(0)) as Buffer;
    await measure(fetchDocx, { warmup: 5, count: 10 });
    if (!existsSync(SOFFICE)) return { ...missingLine(name, `soffice not installed (${SOFFICE})`) };
    if (QUICK) return missingLine(name, 'soffice run skipped in BENCH_QUICK');
    const html = path.join(dir, 'nr7.html');
    writeFileSync(
      html,
      `<!doctype html><html><head><meta charset="utf-8"></head><body>${paragraphsOf(docx)
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join('\n')}</body></html>`,
    );
    const outDir = path.join(dir, 'soffice-out');
    mkdirSync(outDir, { recursive: true });
    const soffice = {
      name: 'one whole soffice --headless --convert-to docx of the same text',
      run: () =>
        promisify(execFile)(
          SOFFICE,
          [
            `-env:UserInstallation=file://${path.join(dir, 'soffice-profile')}`,
            '--headless',
            '--convert-to',
            // HTML opens in Writer/Web, which has no default DOCX filter: name Word's.
            'docx:MS Word 2007 XML',
            '--outdir',
            outDir,
            html,
          ],
          {
            timeout: 120_000,
          },
        ),
    };
    // The first run creates the profile: not counted. Then each soffice run alternates with a block
    // of ten HTTP requests, so that both meet the same machine load.
    await soffice.run();
    const httpTimes: number[] = [];
    const sofficeTimes: number[] = [];
    for (let round = 0; round < runs(3); round++) {
      for (let i = 0; i < 10; i++) httpTimes.push(await timed(() => fetchDocx.run(i)));
      sofficeTimes.push(await timed(soffice.run));
    }
    const http = medianOf(httpTimes);
    const reference = medianOf(sofficeTimes);
    if (!existsSync(path.join(outDir, 'nr7.docx'))) return missingLine(name, 'soffice wrote no nr7.docx');
    return { name, unit: 'ms', figure: http, reference, referenceName: soffice.name, target: times('<=', 1 / 70) };
  } catch (error) {
    return missingLine(name, (error as Error).message.split('\n')[0] ?? 'failed');
  } finally {
    await app.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
