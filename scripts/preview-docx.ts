// Renders sitting Nr. 7 to artifacts/preview/ as DOCX, PDF (LibreOffice) and a PNG of page 1,
// to look at the layout. Needs soffice and pdftoppm (libreoffice-writer-nogui, poppler-utils).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_GROUP_PROFILE } from '../server/domain/group-settings.ts';
import type { SittingDocument } from '../server/interchange/sitting-document.ts';
import { convertWithLibreOffice } from '../server/minutes/libreoffice.ts';
import { renderMinutesDocx } from '../server/minutes/render-docx.ts';
import { buildMinutesViewModel } from '../server/minutes/view-model.ts';
import { sittingModel } from '../test/support/sitting-model.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'artifacts', 'preview');
const sitting = JSON.parse(await readFile(resolve(root, '../shared/reference/sitting-nr7.json'), 'utf8')) as SittingDocument;

await mkdir(outDir, { recursive: true });
const docx = join(outDir, 'Protokols_Nr_7.docx');
const vm = buildMinutesViewModel({ group: DEFAULT_GROUP_PROFILE, sitting: sittingModel(sitting) }, 'full');
await writeFile(docx, await renderMinutesDocx(vm));
const pdf = await convertWithLibreOffice(docx, outDir);
const png = join(outDir, 'page-1');
await promisify(execFile)('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
console.log(`${png}.png`);
