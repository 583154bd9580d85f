// Lays the monitoring report's view model out as one self-contained A4 HTML page, with the minutes'
// escaping and table; the chart is embedded as a PNG data URL, allowed by the page's own CSP.
import { escape, officialHtmlPage, textTableHtml } from '../minutes/render-html.ts';
import type { ReportViewModel } from './report-view-model.ts';
import { chartOf } from './status-chart.ts';

export async function renderReportHtmlPage(vm: ReportViewModel, chart?: Buffer): Promise<{ html: string; csp: string }> {
  const chartPng = chart ?? (await chartOf(vm));
  const p = (text: string, className?: string) => `<p${className === undefined ? '' : ` class="${className}"`}>${escape(text)}</p>`;
  return officialHtmlPage(vm.documentTitle, pageStyle(vm), { images: true }, [
    vm.restrictedMarking === undefined ? '' : p(vm.restrictedMarking, 'marking'),
    '<header>',
    ...vm.titleLines.map((line) => p(line, 'title')),
    vm.versionLine === undefined ? '' : p(vm.versionLine, 'subtitle'),
    p(vm.planLine, 'subtitle'),
    '</header>',
    p(vm.periodLine),
    `<h2>${escape(vm.sittingsHeading)}</h2>`,
    ...vm.sittings.map((line) => p(line)),
    `<h2>${escape(vm.goalsHeading)}</h2>`,
    ...vm.goals.map(
      (goal) =>
        `<section><h3>${escape(goal.title)}</h3>${goal.activities
          .map(
            (a) =>
              `<div class="activity">${p(a.title, 'activity-title')}${a.lines.map((line) => p(line, 'detail')).join('')}${
                a.decisions.length === 0 ? '' : `<ul class="decisions">${a.decisions.map((d) => `<li>${escape(d)}</li>`).join('')}</ul>`
              }</div>`,
          )
          .join('')}</section>`,
    ),
    `<h2>${escape(vm.summaryHeading)}</h2>`,
    textTableHtml('summary', vm.summary.header, vm.summary.rows),
    `<figure><figcaption>${escape(vm.chart.heading)}</figcaption><img src="data:image/png;base64,${chartPng.toString('base64')}" alt="${escape(vm.chart.alt)}"></figure>`,
    `<h2>${escape(vm.proposalsHeading)}</h2>`,
    p(vm.proposalsIntro),
    vm.proposals.length === 0 ? '' : `<ul class="proposals">${vm.proposals.map((line) => `<li>${escape(line)}</li>`).join('')}</ul>`,
  ]);
}

function pageStyle(vm: ReportViewModel): string {
  const m = vm.layout.marginsMm;
  const font = vm.layout.fontFamily.replace(/["\\<>;{}]/gu, '');
  return [
    `@page { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }`,
    'html { background: #e8e8e8; }',
    `body { margin: 0; font-family: "${font}", "Liberation Serif", serif; font-size: ${vm.layout.fontSizePt}pt; line-height: 1.15; color: #000; }`,
    `.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 1em auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; background: #fff; }`,
    '@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; } }',
    'p { margin: 0 0 6pt; text-align: justify; }',
    '.marking { text-align: right; }',
    '.title { text-align: center; font-weight: bold; margin: 0; }',
    '.subtitle { text-align: center; margin: 6pt 0 12pt; }',
    'h2 { font-size: inherit; margin: 18pt 0 6pt; break-after: avoid; }',
    'h3 { font-size: inherit; font-style: italic; margin: 12pt 0 6pt; break-after: avoid; }',
    '.activity-title { font-weight: bold; margin: 6pt 0 3pt; break-after: avoid; }',
    '.detail { margin-left: 0.25in; margin-bottom: 2pt; }',
    'ul.decisions { margin: 0 0 4pt 0.25in; font-size: 0.92em; }',
    `table.summary { border-collapse: collapse; width: 100%; font-size: ${Math.max(vm.layout.fontSizePt - 2, 8)}pt; }`,
    '.summary th, .summary td { border: 0.5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }',
    'figure { margin: 12pt 0; text-align: center; break-inside: avoid; }',
    'figcaption { font-style: italic; margin-bottom: 6pt; }',
    'figure img { max-width: 100%; height: auto; }',
  ].join('\n');
}
