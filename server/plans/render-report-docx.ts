// Lays the monitoring report's view model out as a Word document (A4, the group's font and margins),
// with the minutes' building blocks: styled paragraphs, a text table, fixed timestamps.
import { AlignmentType, ImageRun, LevelFormat, LineRuleType, Paragraph, type IParagraphStyleOptions } from 'docx';
import { LIST_INDENT, officialDocx, pageOf, StyledParagraph, textTable, type BodyPart } from '../minutes/render-docx.ts';
import type { ReportViewModel } from './report-view-model.ts';
import { chartHeight, chartOf, CHART_WIDTH, loadChartRenderer } from './status-chart.ts';

const STYLE = {
  body: 'ReportBody',
  marking: 'ReportMarking',
  title: 'ReportTitle',
  subtitle: 'ReportSubtitle',
  heading: 'ReportHeading',
  goal: 'ReportGoal',
  activity: 'ReportActivity',
  detail: 'ReportDetail',
  decision: 'ReportDecision',
  table: 'ReportTableText',
  caption: 'ReportCaption',
  pageNumber: 'ReportPageNumber',
} as const;
const PROPOSALS = 'report-proposals';

export async function renderReportDocx(vm: ReportViewModel): Promise<Buffer> {
  // Drawn while the report is laid out: the picture holds its place until the package is zipped.
  await loadChartRenderer();
  const chart = chartOf(vm);
  // Awaited at packing; should the layout fail first, the chart's own failure is not left unhandled.
  void chart.catch(() => undefined);
  const { textWidth } = pageOf(vm.layout.marginsMm);
  const p = (style: string, text: string, bold = false) => new StyledParagraph(style, [{ text, ...(bold ? { bold: true } : {}) }]);
  const body: BodyPart[] = [
    ...(vm.restrictedMarking === undefined ? [] : [p(STYLE.marking, vm.restrictedMarking)]),
    ...vm.titleLines.map((line) => p(STYLE.title, line)),
    ...(vm.versionLine === undefined ? [] : [p(STYLE.subtitle, vm.versionLine)]),
    p(STYLE.subtitle, vm.planLine),
    p(STYLE.body, vm.periodLine),
    p(STYLE.heading, vm.sittingsHeading),
    ...vm.sittings.map((line) => p(STYLE.body, line)),
    p(STYLE.heading, vm.goalsHeading),
    ...vm.goals.flatMap((goal) => [
      p(STYLE.goal, goal.title),
      ...goal.activities.flatMap((a) => [
        p(STYLE.activity, a.title),
        ...a.lines.map((line) => p(STYLE.detail, line)),
        ...a.decisions.map((line) => p(STYLE.decision, line)),
      ]),
    ]),
    p(STYLE.heading, vm.summaryHeading),
    textTable(vm.summary.header, vm.summary.rows, [0.13, 0.125, 0.125, 0.125, 0.125, 0.11, 0.135, 0.095], textWidth, STYLE.table),
    p(STYLE.caption, vm.chart.heading),
    chartParagraph(vm, textWidth),
    p(STYLE.heading, vm.proposalsHeading),
    p(STYLE.body, vm.proposalsIntro),
    ...vm.proposals.map(
      (line) => new StyledParagraph(STYLE.detail, [{ text: line }], { list: { reference: PROPOSALS, level: 0, instance: 1 } }),
    ),
  ];
  return officialDocx({
    title: vm.documentTitle,
    date: vm.asOf,
    marginsMm: vm.layout.marginsMm,
    styles: styles(vm),
    numbering: [
      {
        reference: PROPOSALS,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: '\u2013',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: LIST_INDENT * 2, hanging: LIST_INDENT } } },
          },
        ],
      },
    ],
    pageNumberStyle: STYLE.pageNumber,
    body,
    late: [{ standIn: CHART_PLACEHOLDER, data: chart }],
  });
}

/** What stands for the chart while the report is laid out (docx reads a PNG's header): one blank pixel. */
const CHART_PLACEHOLDER = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The chart at the text's width (pixels at 96 per inch, as docx measures pictures). */
function chartParagraph(vm: ReportViewModel, textWidth: number): Paragraph {
  const width = Math.round((textWidth / 1440) * 96);
  const height = Math.round((width * chartHeight(vm.chart.bars)) / CHART_WIDTH);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepLines: true,
    // Said outright: LibreOffice reads the documents' default line (no rule given) as exact, which clips a picture to one line.
    spacing: { line: 240, lineRule: LineRuleType.AUTO },
    children: [
      new ImageRun({
        type: 'png',
        data: CHART_PLACEHOLDER,
        transformation: { width, height },
        altText: { name: 'chart', title: vm.chart.heading, description: vm.chart.alt },
      }),
    ],
  });
}

function styles(vm: ReportViewModel) {
  const size = vm.layout.fontSizePt * 2;
  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: STYLE.body,
      name: 'Report Body',
      basedOn: 'Normal',
      next: STYLE.body,
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 } },
    },
    {
      id: STYLE.marking,
      name: 'Report Restricted Marking',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 240 } },
    },
    {
      id: STYLE.title,
      name: 'Report Title',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
      run: { bold: true },
    },
    {
      id: STYLE.subtitle,
      name: 'Report Subtitle',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240 } },
    },
    {
      id: STYLE.heading,
      name: 'Report Heading',
      basedOn: STYLE.body,
      next: STYLE.body,
      paragraph: { alignment: AlignmentType.LEFT, keepNext: true, spacing: { before: 360, after: 120 } },
      run: { bold: true },
    },
    {
      id: STYLE.goal,
      name: 'Report Goal',
      basedOn: STYLE.body,
      next: STYLE.body,
      paragraph: { keepNext: true, spacing: { before: 240, after: 120 } },
      run: { bold: true, italics: true },
    },
    {
      id: STYLE.activity,
      name: 'Report Activity',
      basedOn: STYLE.body,
      paragraph: { keepNext: true, spacing: { before: 120, after: 60 } },
      run: { bold: true },
    },
    { id: STYLE.detail, name: 'Report Detail', basedOn: STYLE.body, paragraph: { indent: { left: LIST_INDENT }, spacing: { after: 40 } } },
    {
      id: STYLE.decision,
      name: 'Report Decision',
      basedOn: STYLE.body,
      paragraph: { indent: { left: LIST_INDENT * 2 }, spacing: { after: 40 } },
      run: { size: Math.max(size - 2, 16) },
    },
    { id: STYLE.table, name: 'Report Table Text', basedOn: 'Normal', run: { size: Math.max(size - 4, 16) } },
    {
      id: STYLE.caption,
      name: 'Report Caption',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 240, after: 120 } },
      run: { italics: true },
    },
    { id: STYLE.pageNumber, name: 'Report Page Number', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER } },
  ];
  return {
    default: {
      document: {
        run: { font: vm.layout.fontFamily, size, language: { value: 'lv-LV' } },
        paragraph: { spacing: { before: 0, after: 0, line: 240 } },
      },
    },
    paragraphStyles,
  };
}
