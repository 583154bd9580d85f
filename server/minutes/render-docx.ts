// Lays the minutes view model out as a Word document (A4, Latvian official format, real styles and lists).
// The same view model always gives the same bytes: timestamps are fixed to the sitting's date.
import {
  AlignmentType,
  BorderStyle,
  Document,
  FileChild,
  Header,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { IContext, ILevelsOptions, IParagraphStyleOptions, IXmlableObject, ParagraphChild } from 'docx';
import type { Block, FollowUpTable, ListBlock, MinutesViewModel, ProceedingsItem, TextRun as Run } from './view-model.ts';

export const A4 = { width: 11906, height: 16838 };
export const LIST_INDENT = 360;
const MAX_LEVEL = 8;

const STYLE = {
  body: 'MinutesBody',
  marking: 'MinutesMarking',
  versionLine: 'MinutesVersionLine',
  title: 'MinutesTitle',
  place: 'MinutesPlace',
  dateLine: 'MinutesDateLine',
  heading: 'MinutesHeading',
  itemTitle: 'MinutesItemTitle',
  listItem: 'MinutesListItem',
  ownerLine: 'MinutesOwnerLine',
  closing: 'MinutesClosing',
  signature: 'MinutesSignature',
  notice: 'MinutesNotice',
  table: 'MinutesTableText',
  pageNumber: 'MinutesPageNumber',
} as const;

const LIST = {
  agenda: 'minutes-agenda',
  decisions: 'minutes-decisions',
  numbered: 'minutes-numbered',
  bulleted: 'minutes-bulleted',
} as const;

/** Renders the minutes as a .docx file. */
export async function renderMinutesDocx(vm: MinutesViewModel): Promise<Buffer> {
  const margins = {
    left: twips(vm.layout.marginsMm.left),
    right: twips(vm.layout.marginsMm.right),
    top: twips(vm.layout.marginsMm.top),
    bottom: twips(vm.layout.marginsMm.bottom),
  };
  const textWidth = A4.width - margins.left - margins.right;
  const lists = listCounter();

  const doc = new Document({
    creator: 'protokols',
    lastModifiedBy: 'protokols',
    title: vm.documentTitle,
    revision: 1,
    styles: styles(vm, textWidth),
    numbering: { config: numberingConfig() },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: A4,
            margin: { ...margins, header: Math.round(margins.top / 2), footer: Math.round(margins.bottom / 2) },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [new Paragraph({ style: STYLE.pageNumber, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
          }),
        },
        children: [
          ...restrictedMarking(vm),
          ...titleBlock(vm),
          ...attendance(vm),
          ...agendaList(vm, lists),
          ...proceedings(vm, lists, textWidth),
          ...decisionList(vm, lists),
          ...closing(vm),
          ...signatureBlock(vm, textWidth),
        ],
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(vm.documentTitle, vm.sittingDate) }]);
  return fixZipTimestamps(bytes, vm.sittingDate);
}

export function twips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** A new list instance per list, so each list numbers from 1. */
function listCounter(): () => number {
  let instance = 0;
  return () => (instance += 1);
}

function styles(vm: MinutesViewModel, textWidth: number) {
  const size = vm.layout.fontSizePt * 2;
  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: STYLE.body,
      name: 'Minutes Body',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 } },
    },
    {
      id: STYLE.marking,
      name: 'Minutes Restricted Marking',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 240 } },
    },
    {
      id: STYLE.versionLine,
      name: 'Minutes Version Line',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 } },
      run: { bold: true },
    },
    {
      id: STYLE.title,
      name: 'Minutes Title',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
      run: { bold: true },
    },
    { id: STYLE.place, name: 'Minutes Place', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240 } } },
    {
      id: STYLE.dateLine,
      name: 'Minutes Date Line',
      basedOn: 'Normal',
      paragraph: { rightTabStop: textWidth, spacing: { before: 240, after: 240 } },
    },
    {
      id: STYLE.heading,
      name: 'Minutes Section Heading',
      basedOn: STYLE.body,
      next: STYLE.body,
      paragraph: { alignment: AlignmentType.LEFT, keepNext: true, spacing: { before: 240, after: 120 } },
    },
    {
      id: STYLE.itemTitle,
      name: 'Minutes Item Title',
      basedOn: STYLE.body,
      next: STYLE.body,
      paragraph: { keepNext: true, spacing: { before: 240, after: 120 } },
      run: { bold: true },
    },
    { id: STYLE.listItem, name: 'Minutes List Item', basedOn: STYLE.body, paragraph: { spacing: { after: 60 } } },
    { id: STYLE.ownerLine, name: 'Minutes Owner Line', basedOn: STYLE.body, paragraph: { indent: { left: LIST_INDENT } } },
    { id: STYLE.closing, name: 'Minutes Closing', basedOn: STYLE.body, paragraph: { spacing: { before: 240, after: 240 } } },
    { id: STYLE.signature, name: 'Minutes Signature', basedOn: 'Normal', paragraph: { spacing: { before: 480 } } },
    {
      id: STYLE.notice,
      name: 'Minutes E-signature Notice',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 720 } },
    },
    { id: STYLE.table, name: 'Minutes Table Text', basedOn: 'Normal', run: { size: Math.max(size - 4, 16) } },
    { id: STYLE.pageNumber, name: 'Minutes Page Number', basedOn: 'Normal', paragraph: { alignment: AlignmentType.CENTER } },
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

function levels(format: 'decimal' | 'bullet', indentFrom: number): ILevelsOptions[] {
  return Array.from({ length: MAX_LEVEL + 1 }, (_, level) => ({
    level,
    format: format === 'decimal' ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    // Latvian lists number 1., 2.; bullets are en dashes.
    text: format === 'decimal' ? `%${level + 1}.` : '\u2013',
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: indentFrom + LIST_INDENT * (level + 1), hanging: LIST_INDENT } } },
  }));
}

function numberingConfig() {
  return [
    { reference: LIST.agenda, levels: levels('decimal', 0) },
    { reference: LIST.decisions, levels: levels('decimal', 0) },
    { reference: LIST.numbered, levels: levels('decimal', LIST_INDENT) },
    { reference: LIST.bulleted, levels: levels('bullet', LIST_INDENT) },
  ];
}

/** Runs of one line of text; `\n` becomes a line break. */
function textRuns(runs: readonly Run[]): TextRun[] {
  return runs.flatMap((run) =>
    run.text.split('\n').map(
      (text, i) =>
        new TextRun({
          text,
          ...(i > 0 ? { break: 1 } : {}),
          ...(run.bold ? { bold: true } : {}),
          ...(run.italic ? { italics: true } : {}),
        }),
    ),
  );
}

interface ListPlace {
  reference: string;
  level: number;
  instance: number;
}

/**
 * A paragraph of a style with runs of plain, bold or italic text, numbered in a list or indented:
 * nearly every paragraph of the minutes. It gives docx's writer the XML object that docx's
 * Paragraph and TextRun give for the same options (test/minutes/render-docx.test.ts compares
 * them), without building their dozens of property objects per paragraph, which took most of a
 * long protocol's rendering time.
 */
export class StyledParagraph extends FileChild {
  readonly #style: string;
  readonly #runs: readonly Run[];
  readonly #list: ListPlace | undefined;
  readonly #indentLeft: number | undefined;

  constructor(style: string, runs: readonly Run[], place: { list?: ListPlace; indentLeft?: number } = {}) {
    super('w:p');
    this.#style = style;
    this.#runs = runs;
    this.#list = place.list;
    this.#indentLeft = place.indentLeft;
  }

  override prepForXml(context: IContext): IXmlableObject {
    const properties: IXmlableObject[] = [{ 'w:pStyle': { _attr: { 'w:val': this.#style } } }];
    const list = this.#list;
    if (list !== undefined) {
      // As docx's Paragraph does: the list instance is made when first written, its id filled in at packing.
      context.file.Numbering.createConcreteNumberingInstance(list.reference, list.instance);
      properties.push({
        'w:numPr': [
          { 'w:ilvl': { _attr: { 'w:val': list.level } } },
          { 'w:numId': { _attr: { 'w:val': `{${list.reference}-${list.instance}}` } } },
        ],
      });
    }
    if (this.#indentLeft !== undefined) properties.push({ 'w:ind': { _attr: { 'w:left': this.#indentLeft } } });
    const runs: IXmlableObject[] = [];
    for (const run of this.#runs) {
      const lines = run.text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const parts: IXmlableObject[] = [];
        if (run.bold || run.italic) {
          const format: IXmlableObject[] = [];
          if (run.bold) format.push({ 'w:b': {} }, { 'w:bCs': {} });
          if (run.italic) format.push({ 'w:i': {} }, { 'w:iCs': {} });
          parts.push({ 'w:rPr': format });
        }
        if (i > 0) parts.push({ 'w:br': {} });
        parts.push({ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, lines[i] as string] });
        runs.push({ 'w:r': parts });
      }
    }
    return { 'w:p': [{ 'w:pPr': properties }, ...runs] };
  }
}

/** A paragraph of `style` holding `text` as it is. */
function styled(style: string, text: string, place?: { list?: ListPlace; indentLeft?: number }): StyledParagraph {
  return new StyledParagraph(style, [{ text }], place);
}

function restrictedMarking(vm: MinutesViewModel): FileChild[] {
  return vm.restrictedMarking === undefined ? [] : [styled(STYLE.marking, vm.restrictedMarking)];
}

function titleBlock(vm: MinutesViewModel): FileChild[] {
  return [
    ...vm.titleLines.map((line) => styled(STYLE.title, line)),
    styled(STYLE.place, vm.place),
    new Paragraph({ style: STYLE.dateLine, children: [new TextRun({ children: [vm.date, new Tab(), vm.number] })] }),
    ...(vm.versionLine === undefined ? [] : [styled(STYLE.versionLine, vm.versionLine)]),
    ...(vm.opened === undefined ? [] : [styled(STYLE.body, vm.opened)]),
  ];
}

function attendance(vm: MinutesViewModel): FileChild[] {
  return vm.attendance.map((line) => styled(STYLE.body, line));
}

function agendaList(vm: MinutesViewModel, lists: () => number): FileChild[] {
  if (vm.agenda.length === 0) return [];
  const instance = lists();
  return [
    styled(STYLE.heading, vm.agendaHeading),
    ...vm.agenda.map((title) => styled(STYLE.listItem, title, { list: { reference: LIST.agenda, level: 0, instance } })),
  ];
}

function proceedings(vm: MinutesViewModel, lists: () => number, textWidth: number): FileChild[] {
  if (vm.items.length === 0) return [];
  // The item titles are one list that runs through the proceedings, so they keep their agenda numbers.
  const instance = lists();
  return [styled(STYLE.heading, vm.proceedingsHeading), ...vm.items.flatMap((item) => agendaItem(item, instance, lists, textWidth))];
}

function agendaItem(item: ProceedingsItem, instance: number, lists: () => number, textWidth: number): FileChild[] {
  return [
    styled(STYLE.itemTitle, item.title, { list: { reference: LIST.agenda, level: 0, instance } }),
    ...blocks(item.blocks, lists, textWidth, 0),
  ];
}

function blocks(items: readonly Block[], lists: () => number, textWidth: number, level: number): FileChild[] {
  return items.flatMap((block): FileChild[] => {
    if (block.kind === 'paragraph') {
      if (level === 0) return [new StyledParagraph(STYLE.body, block.runs)];
      return [new StyledParagraph(STYLE.listItem, block.runs, { indentLeft: LIST_INDENT * (level + 1) })];
    }
    if (block.kind === 'list') return list(block, lists, textWidth, level);
    return [followUpTable(block, textWidth), new StyledParagraph(STYLE.body, [])];
  });
}

function list(block: ListBlock, lists: () => number, textWidth: number, level: number): FileChild[] {
  const reference = block.ordered ? LIST.numbered : LIST.bulleted;
  const instance = lists();
  const at = Math.min(level, MAX_LEVEL);
  return block.items.flatMap((item) => {
    const [first, ...rest] = item.blocks;
    const runs = first?.kind === 'paragraph' ? first.runs : [];
    return [
      new StyledParagraph(STYLE.listItem, runs, { list: { reference, level: at, instance } }),
      ...blocks(rest, lists, textWidth, level + 1),
    ];
  });
}

function followUpTable(table: FollowUpTable, textWidth: number): Table {
  const columns = ['decision', 'text', 'owners', 'due', 'outcome'] as const;
  return textTable(
    columns.map((c) => table.header[c]),
    table.rows.map((row) => columns.map((c) => row[c])),
    [0.14, 0.38, 0.17, 0.13, 0.18],
    textWidth,
    STYLE.table,
  );
}

/**
 * A table of plain text with a bold header row repeated on each page, columns as shares of the
 * text width; `\n` in a cell starts a new line. Rows are not split across pages.
 */
export function textTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  shares: readonly number[],
  textWidth: number,
  style: string,
): Table {
  const widths = shares.map((share) => Math.floor(textWidth * share));
  const cell = (text: string, width: number, bold = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: text.split('\n').map((line) => new Paragraph({ style, children: [new TextRun({ text: line, bold })] })),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text, i) => cell(text, widths[i] as number, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, widths[i] as number)) })),
    ],
  });
}

function decisionList(vm: MinutesViewModel, lists: () => number): FileChild[] {
  if (vm.decisions.length === 0) return [];
  const instance = lists();
  return [
    styled(STYLE.heading, vm.decisionsHeading),
    ...vm.decisions.flatMap((decision) => [
      styled(STYLE.listItem, decision.text, { list: { reference: LIST.decisions, level: 0, instance } }),
      ...decision.under.map((line) => styled(STYLE.ownerLine, line)),
    ]),
  ];
}

function closing(vm: MinutesViewModel): FileChild[] {
  return vm.closed === undefined ? [] : [styled(STYLE.closing, vm.closed)];
}

function signatureBlock(vm: MinutesViewModel, textWidth: number): FileChild[] {
  const notice = vm.esignatureNotice === undefined ? [] : [styled(STYLE.notice, vm.esignatureNotice)];
  if (vm.signatures.length === 0) return notice;
  const half = Math.floor(textWidth / 2);
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const noMargins = { top: 0, bottom: 0, left: 0, right: 0 };
  // Paper: "(paraksts)" starts at the middle of the line and the name is flush right.
  const right = (name: string): ParagraphChild[] =>
    vm.signatureHint === undefined ? [new TextRun(name)] : [new TextRun({ children: [vm.signatureHint, new Tab(), name] })];
  const table = new Table({
    width: { size: half * 2, type: WidthType.DXA },
    columnWidths: [half, half],
    borders: { ...TableBorders.NONE, insideHorizontal: none, insideVertical: none },
    margins: noMargins,
    rows: vm.signatures.map(
      (line) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: half, type: WidthType.DXA },
              children: [new Paragraph({ style: STYLE.signature, children: textRuns([{ text: line.role }]) })],
            }),
            new TableCell({
              width: { size: half, type: WidthType.DXA },
              children: [
                new Paragraph({
                  style: STYLE.signature,
                  alignment: vm.signatureHint === undefined ? AlignmentType.RIGHT : AlignmentType.LEFT,
                  tabStops: vm.signatureHint === undefined ? [] : [{ type: TabStopType.RIGHT, position: half }],
                  children: right(line.name),
                }),
              ],
            }),
          ],
        }),
    ),
  });
  return [table, ...notice];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

/** docx stamps the packing time; the minutes carry the sitting's date instead, so bytes repeat. */
export function coreProperties(title: string, isoDate: string): string {
  const stamp = `${isoDate}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>protokols</dc:creator>` +
    '<cp:lastModifiedBy>protokols</cp:lastModifiedBy><cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * The zip entries' modification times (MS-DOS format, in each local and central header) set to
 * the sitting's date. They are outside the CRCs, so the archive stays valid. A layout other than
 * fflate's (say, after a docx upgrade) is left as it is: valid, only no longer repeatable.
 */
export function fixZipTimestamps(zip: Buffer, isoDate: string): Buffer {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const dosDate = ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | day;
  const end = zip.length - 22;
  if (end < 0 || zip.readUInt32LE(end) !== 0x06054b50) return zip;
  const entries = zip.readUInt16LE(end + 10);
  let central = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i += 1) {
    if (zip.readUInt32LE(central) !== 0x02014b50) return zip;
    const local = zip.readUInt32LE(central + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) return zip;
    zip.writeUInt16LE(0, central + 12);
    zip.writeUInt16LE(dosDate, central + 14);
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    central += 46 + zip.readUInt16LE(central + 28) + zip.readUInt16LE(central + 30) + zip.readUInt16LE(central + 32);
  }
  return zip;
}
