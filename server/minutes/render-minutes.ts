// One call from a sitting's data to a downloadable protocol: view model, then the chosen renderer
// (the DOCX one, view model included, on a worker thread: docx-pool.ts).
import type { MinutesSource, MinutesVersion } from './minutes-source.ts';
import { renderDocxOffThread } from './docx-pool.ts';
import { renderMinutesHtmlPage } from './render-html.ts';
import { buildMinutesViewModel, minutesFileName } from './view-model.ts';
import type { ViewModelOptions } from './view-model.ts';

export { minutesFileName };

export type MinutesFormat = 'docx' | 'html';

export interface RenderedMinutes {
  fileName: string;
  contentType: string;
  body: Buffer;
  /** Headers the response should carry (the HTML preview's Content-Security-Policy). */
  headers: Record<string, string>;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Renders the minutes of `source` as a DOCX file or an HTML preview. */
export async function renderMinutes(
  source: MinutesSource,
  version: MinutesVersion,
  format: MinutesFormat,
  options: ViewModelOptions = {},
): Promise<RenderedMinutes> {
  const fileName = minutesFileName(source.sitting.number, source.sitting.date, format, version, options.templates);
  if (format === 'docx') {
    // The wording is done on the thread as well (a long sitting takes a while): the thread loads the
    // same templates (a group's included) from where they came, as functions cannot be handed over.
    const task = { source, version, templates: options.templates?.origin };
    return { fileName, contentType: DOCX_TYPE, body: await renderDocxOffThread(task), headers: {} };
  }
  const { html, csp } = renderMinutesHtmlPage(buildMinutesViewModel(source, version, options));
  return {
    fileName,
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(html, 'utf8'),
    headers: { 'content-security-policy': csp },
  };
}
