import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSignedCopy } from '../../server/domain/signed-copy-file.ts';
import { convertWithLibreOffice, hasCommand } from '../../server/minutes/libreoffice.ts';
import { renderMinutesDocx } from '../../server/minutes/render-docx.ts';
import { buildMinutesViewModel } from '../../server/minutes/view-model.ts';
import { expectInOrder, source } from './helpers.ts';

const run = promisify(execFile);
const tools = (await hasCommand('soffice')) && (await hasCommand('pdftotext'));
// In CI a missing LibreOffice is a failure, not a reason to skip: the proof would silently vanish.
const mustRun = tools || process.env.CI !== undefined;

describe.runIf(mustRun)('the DOCX minutes in LibreOffice', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'protokols-docx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('open, convert to PDF and read as protocol Nr. 7', { timeout: 180_000 }, async () => {
    expect(tools, 'soffice (libreoffice-writer-nogui) and pdftotext (poppler-utils) must be installed').toBe(true);
    const docx = join(dir, 'Protokols_Nr_7_2025-07-08.docx');
    await writeFile(docx, await renderMinutesDocx(buildMinutesViewModel(source(), 'full')));
    const pdf = await convertWithLibreOffice(docx, dir, 'pdf', 120_000);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']);
    const text = stdout.replace(/\u00a0/gu, ' ').replace(/[ \t]+/gu, ' ');
    expectInOrder(text, [
      'Bērnu tiesību aizsardzības Sadarbības grupas',
      'SĒDES PROTOKOLS',
      'Cēsīs, Cēsu novadā',
      '2025. gada 8. jūlijā Nr. 7',
      'Sēde sākās plkst. 14.00',
      'Darba kārtība:',
      '1. Par vēstules sagatavošanu',
      '4. Par informācijas apkopošanu',
      'Darba gaita:',
      '1. Par vēstules sagatavošanu',
      '1. valsts nodrošināts bērnu psihiatrs',
      '3. pusaudžu resursa centra',
      '2. Par Bērnu seksuālās izmantošanas',
      'Sadarbības grupa nolemj:',
      '1. Nākamās BTA sadarbības grupas',
      '6. Uz 08.09.2025.',
      'Sēde slēgta plkst. 16.00',
      'Sēdes vadītājs (paraksts) G. Norbuts',
      'Protokolētājs (paraksts) E. Rancāne',
    ]);
    // The page number is printed from page 2 on, at the top.
    expect(text).toMatch(/\f\s*2\s*\n/u);
    // Such a PDF, once signed, is accepted as the signed copy of the minutes.
    expect(inspectSignedCopy(await readFile(pdf), []).contentType).toBe('application/pdf');
  });
});
