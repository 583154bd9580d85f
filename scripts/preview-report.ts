// Renders a 2026 monitoring report of the Cēsu plan to artifacts/preview/ as DOCX, PDF (LibreOffice)
// and PNGs of its first pages, to look at the layout. The data: Nr. 7, two 2026 sittings whose
// decisions name activities, and a few statuses, in a database in memory.
// Needs soffice and pdftoppm (libreoffice-writer-nogui, poppler-utils).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openSqlite } from '../server/db/sqlite.ts';
import type { SittingDocument } from '../server/interchange/sitting-document.ts';
import { convertWithLibreOffice } from '../server/minutes/libreoffice.ts';
import { renderReportDocx } from '../server/plans/render-report-docx.ts';
import { buildReportViewModel } from '../server/plans/report-view-model.ts';
import { ensureGroup } from '../server/repositories/group.ts';
import { SYSTEM } from '../server/services/audit.ts';
import { importSitting } from '../server/services/interchange.ts';
import { reportSource } from '../server/services/plan-report.ts';
import { importPlan, planOverview, setActivityStatus } from '../server/services/plans.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'artifacts', 'preview');
const nr7 = JSON.parse(await readFile(resolve(root, '../shared/reference/sitting-nr7.json'), 'utf8')) as SittingDocument;
const plan = JSON.parse(await readFile(join(root, 'docs/samples/prevention-plan-cesu-2025-2027.json'), 'utf8')) as unknown;

const db = openSqlite(':memory:');
await migrateToLatest(db);
const groupId = (await ensureGroup(db)).id;
await importSitting(db, groupId, SYSTEM, nr7);
const { id: planId } = await importPlan(db, groupId, SYSTEM, plan);
const sitting = (number: number, date: string, decisions: Array<[string, string]>): SittingDocument => ({
  ...nr7,
  number,
  date,
  agenda: [{ title: 'Par prevencijas plāna īstenošanu' }],
  decisions: decisions.map(([planActivity, text]) => ({ text, planActivity, agendaItem: 1 })),
});
await importSitting(
  db,
  groupId,
  SYSTEM,
  sitting(12, '2026-03-10', [
    ['2.1.1', 'Sagatavot rakstu laikrakstam “Druva” par to, kā pasargāt bērnus no vardarbības.'],
    ['2.2', 'Informēt skolēnus par tiesisko atbildību par vardarbības video pārsūtīšanu.'],
    ['5.3.1', 'Izglītības pārvaldei ieviest EMU: skola trīs skolās.'],
  ]),
);
await importSitting(db, groupId, SYSTEM, sitting(13, '2026-06-09', [['5.3.1', 'Apkopot EMU: skola datus par pirmo pusgadu.']]));
const ids = new Map((await planOverview(db, groupId, planId)).goals.flatMap((g) => g.activities.map((a) => [a.number, a.id])));
const statuses: Array<[string, Parameters<typeof setActivityStatus>[5]]> = [
  ['1.1.', { status: 'done', done: 'Notikušas divas sēdes.' }],
  ['2.1.1.', { status: 'done', done: 'Raksts publicēts laikrakstā “Druva”.' }],
  ['2.2.', { status: 'in_progress', done: 'Sarunas skolās turpinās.' }],
  ['4.4.', { status: 'postponed', reason: 'nav finansējuma platformai' }],
  ['5.3.1.', { status: 'ongoing', done: 'EMU: skola darbojas trīs skolās.' }],
  ['6.3.', { status: 'ongoing', done: 'Sociālais dienests sniedz atbalstu.' }],
  ['8.2.2.', { status: 'not_started' }],
];
for (const [number, body] of statuses) await setActivityStatus(db, groupId, SYSTEM, ids.get(number)!, 2026, body);

await mkdir(outDir, { recursive: true });
const docx = join(outDir, 'Uzraudzibas_parskats_2026.docx');
await writeFile(docx, await renderReportDocx(buildReportViewModel(await reportSource(db, groupId, planId, 2026), 'full')));
await db.destroy();
const pdf = await convertWithLibreOffice(docx, outDir);
const prefix = join(outDir, 'report-page');
await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, prefix]);
const { stdout } = await promisify(execFile)('pdfinfo', [pdf]);
console.log(`${pdf} (${/Pages:\s+(\d+)/u.exec(stdout)?.[1] ?? '?'} lappuses); ${prefix}-*.png`);
