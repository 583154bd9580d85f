// A thread of the DOCX pool (docx-pool.ts): words the minutes (the view model) and lays them out as
// a Word file off the event loop, handing the bytes back moved, not copied; it lays out the plan's
// monitoring report too (worded before it is handed over), drawing its chart here.
import { move } from 'piscina';
import { renderReportDocx } from '../plans/render-report-docx.ts';
import type { ReportViewModel } from '../plans/report-view-model.ts';
import type { MinutesSource, MinutesVersion } from './minutes-source.ts';
import { renderMinutesDocx } from './render-docx.ts';
import { buildMinutesViewModel } from './view-model.ts';
import { loadMinutesTemplates, type TemplatesOrigin } from '../wording/templates.ts';

/** The sitting's data to word with the templates `templates` came from (the project's unless given; a group's over them). */
interface MinutesTask {
  source: MinutesSource;
  version: MinutesVersion;
  templates?: TemplatesOrigin | undefined;
}

/** What a thread is handed: the minutes to word and lay out, or the plan's report already worded, its chart to draw. */
export type DocxTask = MinutesTask | { report: ReportViewModel };

/** Loaded once per thread and folder, as on the main thread. */
function wordOnThread(task: MinutesTask) {
  const templates = task.templates === undefined ? undefined : loadMinutesTemplates(task.templates.dir, task.templates.overrides);
  return buildMinutesViewModel(task.source, task.version, { templates });
}

export default async function renderDocx(task: DocxTask): Promise<ArrayBuffer> {
  const bytes = 'report' in task ? await renderReportDocx(task.report) : await renderMinutesDocx(wordOnThread(task));
  // A small Buffer may be a view on Node's shared pool; only memory of its own can be moved.
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return move(own as ArrayBuffer) as ArrayBuffer;
}
