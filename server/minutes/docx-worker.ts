// A thread of the DOCX pool (docx-pool.ts): words the minutes (the view model) and lays them out as
// a Word file off the event loop, handing the bytes back moved, not copied; it lays out the plan's
// monitoring report too (worded, its chart drawn, before it is handed over).
import { move } from 'piscina';
import { renderReportDocx } from '../plans/render-report-docx.ts';
import type { ReportViewModel } from '../plans/report-view-model.ts';
import type { MinutesSource, MinutesVersion } from './minutes-source.ts';
import { renderMinutesDocx } from './render-docx.ts';
import { buildMinutesViewModel, type MinutesViewModel } from './view-model.ts';

/** What a thread is handed: the sitting's data to word with the project's templates, or minutes already worded. */
export type DocxTask =
  { source: MinutesSource; version: MinutesVersion } | { viewModel: MinutesViewModel } | { report: ReportViewModel; chart: Uint8Array };

export default async function renderDocx(task: DocxTask): Promise<ArrayBuffer> {
  const bytes =
    'report' in task
      ? await renderReportDocx(task.report, Buffer.from(task.chart))
      : await renderMinutesDocx('viewModel' in task ? task.viewModel : buildMinutesViewModel(task.source, task.version));
  // A small Buffer may be a view on Node's shared pool; only memory of its own can be moved.
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return move(own as ArrayBuffer) as ArrayBuffer;
}
