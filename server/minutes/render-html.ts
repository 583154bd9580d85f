// Lays the minutes view model out as one self-contained, print-friendly A4 HTML page (the preview).
// Every text is escaped; the page loads nothing and runs no script, so a strict CSP fits it.
import { sha256 } from '../domain/digest.ts';
import type { Block, FollowUpTable, ListBlock, MinutesViewModel, ProceedingsItem, TextRun } from './view-model.ts';

/** Renders the minutes as a complete HTML document. */
export function renderMinutesHtml(vm: MinutesViewModel): string {
  return renderMinutesHtmlPage(vm).html;
}

/** The page and the Content-Security-Policy to serve it with (it carries the same as a meta tag). */
export function renderMinutesHtmlPage(vm: MinutesViewModel): { html: string; csp: string } {
  return officialHtmlPage(vm.documentTitle, pageStyle(vm), { images: false }, [
    vm.restrictedMarking === undefined ? '' : `<p class="marking">${escape(vm.restrictedMarking)}</p>`,
    '<header>',
    ...vm.titleLines.map((line) => `<p class="title">${escape(line)}</p>`),
    `<p class="place">${escape(vm.place)}</p>`,
    `<p class="date-line"><span>${escape(vm.date)}</span><span>${escape(vm.number)}</span></p>`,
    vm.versionLine === undefined ? '' : `<p class="version-line">${escape(vm.versionLine)}</p>`,
    '</header>',
    vm.opened === undefined ? '' : paragraph(vm.opened),
    ...vm.attendance.map(paragraph),
    vm.agenda.length === 0
      ? ''
      : `<p class="heading">${escape(vm.agendaHeading)}</p>\n<ol class="agenda">${vm.agenda.map((t) => `<li>${escape(t)}</li>`).join('')}</ol>`,
    vm.items.length === 0
      ? ''
      : `<p class="heading">${escape(vm.proceedingsHeading)}</p>\n<ol class="items">${vm.items.map(item).join('\n')}</ol>`,
    decisions(vm),
    vm.closed === undefined ? '' : `<p class="closed">${escape(vm.closed)}</p>`,
    signatures(vm),
    vm.esignatureNotice === undefined ? '' : `<p class="notice">${escape(vm.esignatureNotice)}</p>`,
  ]);
}

/**
 * A self-contained page of the group's (the minutes, the monitoring report): its own inline style
 * allowed by its hash and nothing else, pictures only as data URLs and only when it has some. The
 * Content-Security-Policy is returned to be served with it, and carried as a meta tag too.
 */
export function officialHtmlPage(
  title: string,
  style: string,
  { images }: { images: boolean },
  body: readonly string[],
): { html: string; csp: string } {
  const hash = sha256(style, 'base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src ${images ? 'data:' : "'none'"}; base-uri 'none'; form-action 'none'`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="lv">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<main class="page">',
    ...body,
    '</main>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
  return { html: `${html}\n`, csp };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => HTML_ESCAPES[c] as string);
}

/** Escaped text with `\n` as line breaks. */
export function lines(text: string): string {
  return text.split('\n').map(escape).join('<br>');
}

function paragraph(text: string): string {
  return `<p>${lines(text)}</p>`;
}

function runs(items: readonly TextRun[]): string {
  return items
    .map((run) => {
      let html = lines(run.text);
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function item(entry: ProceedingsItem): string {
  return `<li><p class="item-title">${escape(entry.title)}</p>${blocks(entry.blocks)}</li>`;
}

function blocks(items: readonly Block[]): string {
  return items
    .map((block) => {
      if (block.kind === 'paragraph') return `<p>${runs(block.runs)}</p>`;
      if (block.kind === 'list') return list(block);
      return followUpTable(block);
    })
    .join('');
}

function list(block: ListBlock): string {
  const tag = block.ordered ? 'ol' : 'ul';
  return `<${tag}>${block.items.map((entry) => `<li>${blocks(entry.blocks)}</li>`).join('')}</${tag}>`;
}

function followUpTable(table: FollowUpTable): string {
  const columns = ['decision', 'text', 'owners', 'due', 'outcome'] as const;
  return textTableHtml(
    'follow-ups',
    columns.map((c) => table.header[c]),
    table.rows.map((row) => columns.map((c) => row[c])),
  );
}

/** A table of plain text with a header row; `\n` in a cell is a line break. */
export function textTableHtml(className: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = header.map((text) => `<th scope="col">${escape(text)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((text) => `<td>${lines(text)}</td>`).join('')}</tr>`).join('');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function decisions(vm: MinutesViewModel): string {
  if (vm.decisions.length === 0) return '';
  const entries = vm.decisions
    .map((d) => `<li><p>${lines(d.text)}</p>${d.under.map((line) => `<p class="owners">${escape(line)}</p>`).join('')}</li>`)
    .join('');
  return `<p class="heading">${escape(vm.decisionsHeading)}</p>\n<ol class="decisions">${entries}</ol>`;
}

function signatures(vm: MinutesViewModel): string {
  if (vm.signatures.length === 0) return '';
  const hint = vm.signatureHint === undefined ? '' : `<td class="hint">${escape(vm.signatureHint)}</td>`;
  const rows = vm.signatures
    .map((s) => `<tr><td class="role">${escape(s.role)}</td>${hint}<td class="name">${escape(s.name)}</td></tr>`)
    .join('');
  return `<table class="signatures">${rows}</table>`;
}

function pageStyle(vm: MinutesViewModel): string {
  const m = vm.layout.marginsMm;
  // Settings are numbers and a font name; the name is quoted and stripped of anything that could end the rule.
  const font = vm.layout.fontFamily.replace(/["\\<>;{}]/gu, '');
  return [
    `@page { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; @top-center { content: counter(page); } }`,
    '@page :first { @top-center { content: none; } }',
    `html { background: #e8e8e8; }`,
    `body { margin: 0; font-family: "${font}", "Liberation Serif", serif; font-size: ${vm.layout.fontSizePt}pt; line-height: 1.15; color: #000; }`,
    `.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 1em auto; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; background: #fff; }`,
    '@media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; } }',
    // Narrower than A4 (a phone, the preview beside the actions): the text flows in the width there is.
    '@media screen and (max-width: 210mm) { html { background: #fff; } .page { width: auto; min-height: 0; margin: 0; padding: 4mm 7mm; } p { text-align: left; } .follow-ups td, .follow-ups th { overflow-wrap: anywhere; } }',
    'p { margin: 0 0 6pt; text-align: justify; hyphens: manual; }',
    '.marking { text-align: right; margin-bottom: 12pt; }',
    '.version-line { text-align: center; font-weight: bold; margin: 6pt 0; }',
    '.title { text-align: center; font-weight: bold; margin: 0; }',
    '.place { text-align: center; margin-top: 12pt; }',
    '.date-line { display: flex; justify-content: space-between; margin: 12pt 0; }',
    '.heading { text-align: left; margin-top: 12pt; break-after: avoid; }',
    'ol, ul { margin: 0 0 6pt; padding-left: 0.25in; }',
    'li > p { margin-bottom: 3pt; }',
    'ol.items > li::marker { font-weight: bold; }',
    '.item-title { font-weight: bold; margin-top: 12pt; break-after: avoid; }',
    'ol.items > li > ol, ol.items > li > ul { padding-left: 0.5in; margin-left: -0.25in; }',
    'ol.items > li > p:not(.item-title), ol.items > li > table { margin-left: -0.25in; }',
    'ul { list-style-type: "\\2013  "; }',
    '.owners { margin-bottom: 6pt; }',
    '.closed { margin: 12pt 0; }',
    `table.follow-ups { border-collapse: collapse; width: calc(100% + 0.25in); font-size: ${Math.max(vm.layout.fontSizePt - 2, 8)}pt; margin: 0 0 6pt -0.25in; }`,
    '.follow-ups th, .follow-ups td { border: 0.5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }',
    '.follow-ups thead { display: table-header-group; }',
    'table.signatures { width: 100%; border-collapse: collapse; margin-top: 12pt; break-inside: avoid; }',
    '.signatures td { padding: 24pt 0 0; }',
    '.signatures td.role { width: 50%; }',
    '.signatures td.name { text-align: right; white-space: nowrap; }',
    '.notice { text-align: center; margin-top: 36pt; }',
  ].join('\n');
}
