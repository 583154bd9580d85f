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
  XmlComponent,
} from 'docx';
import type { ILevelsOptions, INumberingOptions, IParagraphStyleOptions, IStylesOptions, IXmlableObject, ParagraphChild } from 'docx';
import { zipPackage } from './docx-zip.ts';
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
  const { textWidth } = pageOf(vm.layout.marginsMm);
  const lists = listCounter();
  const body = [
    ...restrictedMarking(vm),
    ...titleBlock(vm),
    ...attendance(vm),
    ...agendaList(vm, lists),
    ...proceedings(vm, lists, textWidth),
    ...decisionList(vm, lists),
    ...closing(vm),
    ...signatureBlock(vm, textWidth),
  ];
  return officialDocx({
    title: vm.documentTitle,
    date: vm.sittingDate,
    marginsMm: vm.layout.marginsMm,
    styles: styles(vm, textWidth),
    numbering: numberingConfig(body),
    pageNumberStyle: STYLE.pageNumber,
    body,
  });
}

/** An A4 page with the group's margins (millimetres): margins in twips and the width left for text. */
export function pageOf(marginsMm: { left: number; right: number; top: number; bottom: number }) {
  const margins = {
    left: twips(marginsMm.left),
    right: twips(marginsMm.right),
    top: twips(marginsMm.top),
    bottom: twips(marginsMm.bottom),
  };
  return { margins, textWidth: A4.width - margins.left - margins.right };
}

/**
 * A document of the group in the official layout (the minutes, the monitoring report): A4 with the
 * group's margins, the page number from the second page on, protokols as author, and `date` as
 * its creation time and the zip's, so the same content always gives the same bytes.
 */
export function officialDocx(options: {
  title: string;
  date: string;
  marginsMm: { left: number; right: number; top: number; bottom: number };
  styles: IStylesOptions;
  numbering: INumberingOptions['config'];
  pageNumberStyle: string;
  body: readonly BodyPart[];
  /** Parts whose data comes later (a picture drawn meanwhile), in place of what stood for them. */
  late?: readonly LatePart[];
}): Promise<Buffer> {
  const { margins } = pageOf(options.marginsMm);
  const document = (children: FileChild[], styled: boolean) =>
    new Document({
      creator: 'protokols',
      lastModifiedBy: 'protokols',
      title: options.title,
      revision: 1,
      ...(styled ? { styles: options.styles } : {}),
      numbering: { config: options.numbering },
      sections: [
        {
          properties: {
            titlePage: true,
            page: { size: A4, margin: { ...margins, header: Math.round(margins.top / 2), footer: Math.round(margins.bottom / 2) } },
          },
          headers: {
            first: new Header({ children: [] }),
            default: new Header({
              children: [new Paragraph({ style: options.pageNumberStyle, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
            }),
          },
          children,
        },
      ],
    });
  return packDocument(document, options.body, {
    date: options.date,
    overrides: [{ path: 'docProps/core.xml', data: coreProperties(options.title, options.date) }],
    late: options.late,
    layout: JSON.stringify(options.styles),
  });
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

// A list instance restarts every level its reference defines (one w:lvlOverride each in
// numbering.xml), and each list here uses one level only (a nested list is a list instance of its
// own), so a reference defines one level: nine per list made 60 KB of numbering for a long sitting.
function level(format: 'decimal' | 'bullet', indentFrom: number, level: number): ILevelsOptions {
  return {
    level,
    format: format === 'decimal' ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    // Latvian lists number 1., 2.; bullets are en dashes.
    text: format === 'decimal' ? `%${level + 1}.` : '\u2013',
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: indentFrom + LIST_INDENT * (level + 1), hanging: LIST_INDENT } } },
  };
}

const nestedList = (reference: string, at: number) => `${reference}-${at}`;

/** The lists the body uses: each one defined costs docx time and numbering.xml room. */
function numberingConfig(body: readonly BodyPart[]) {
  const used = new Set(
    body.flatMap((part) => (part instanceof StyledParagraph && part.place.list !== undefined ? [part.place.list.reference] : [])),
  );
  const nested = Array.from({ length: MAX_LEVEL + 1 }, (_, at) => [
    { reference: nestedList(LIST.numbered, at), levels: [level('decimal', LIST_INDENT, at)] },
    { reference: nestedList(LIST.bulleted, at), levels: [level('bullet', LIST_INDENT, at)] },
  ]).flat();
  return [
    { reference: LIST.agenda, levels: [level('decimal', 0, 0)] },
    { reference: LIST.decisions, levels: [level('decimal', 0, 0)] },
    ...nested,
  ].filter((list) => used.has(list.reference));
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
 * nearly every paragraph of the minutes. It writes, as a string, the XML docx writes for a Paragraph
 * and TextRuns of the same options (test/minutes/render-docx.test.ts compares them): building
 * docx's objects and its writer's object tree per paragraph took most of a long protocol's time.
 */
export class StyledParagraph {
  // Plain fields, not parameter properties: the worker thread runs this file with Node's type stripping.
  readonly style: string;
  readonly runs: readonly Run[];
  readonly place: { list?: ListPlace; indentLeft?: number };

  constructor(style: string, runs: readonly Run[], place: { list?: ListPlace; indentLeft?: number } = {}) {
    this.style = style;
    this.runs = runs;
    this.place = place;
  }

  xml(numIds: ReadonlyMap<string, number>): string {
    let properties = `<w:pStyle w:val="${escapeAll(this.style)}"/>`;
    const list = this.place.list;
    if (list !== undefined)
      properties += `<w:numPr><w:ilvl w:val="${list.level}"/><w:numId w:val="${numIds.get(listKey(list))}"/></w:numPr>`;
    if (this.place.indentLeft !== undefined) properties += `<w:ind w:left="${this.place.indentLeft}"/>`;
    let out = `<w:p><w:pPr>${properties}</w:pPr>`;
    for (const run of this.runs) {
      const format =
        run.bold || run.italic ? `<w:rPr>${run.bold ? '<w:b/><w:bCs/>' : ''}${run.italic ? '<w:i/><w:iCs/>' : ''}</w:rPr>` : '';
      const lines = run.text.split('\n');
      for (let i = 0; i < lines.length; i++)
        out += `<w:r>${format}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeAll(lines[i] as string)}</w:t></w:r>`;
    }
    return `${out}</w:p>`;
  }
}

const listKey = (list: ListPlace) => `${list.reference}-${list.instance}`;

/** As docx escapes text and attribute values: the five entities, and control characters dropped. */
function escapeAll(text: string): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

export type BodyPart = StyledParagraph | FileChild;

/** Where a run of StyledParagraphs goes in the document docx writes. */
class Slot extends FileChild {
  readonly index: number;

  constructor(index: number) {
    super('protokols-slot');
    this.index = index;
  }

  override prepForXml(): IXmlableObject {
    return { 'protokols-slot': { _attr: { n: this.index } } };
  }
}

/**
 * Packs a document whose body mixes StyledParagraphs with docx's own components. docx writes the
 * package with a slot for each run of StyledParagraphs, whose XML strings then take the slots'
 * places in word/document.xml; the zip's times are those of `date`. Their list instances are made first, in body order, as docx's
 * Paragraphs would make them while being written, so the numbering is the same. `layout` names the
 * styles `document` gives docx when `styled`: after the first document of a layout, its styles and
 * theme are not written again but kept (LAYOUT_PARTS).
 */
export async function packDocument(
  document: (children: FileChild[], styled: boolean) => Document,
  body: readonly BodyPart[],
  {
    date,
    overrides = [],
    late = [],
    layout,
  }: { date: string; overrides?: Override[]; late?: readonly LatePart[] | undefined; layout?: string },
): Promise<Buffer> {
  const runs: StyledParagraph[][] = [];
  const children: FileChild[] = [];
  for (const part of body) {
    if (!(part instanceof StyledParagraph)) {
      children.push(part);
      continue;
    }
    if (!(children.at(-1) instanceof Slot)) {
      children.push(new Slot(runs.length));
      runs.push([]);
    }
    runs.at(-1)?.push(part);
  }
  const kept = layout === undefined ? undefined : layoutParts.get(layout);
  // With the layout's parts kept, docx need not be given the styles to write.
  const doc = document(children, kept === undefined);
  for (const run of runs)
    for (const { place } of run)
      if (place.list !== undefined) doc.Numbering.createConcreteNumberingInstance(place.list.reference, place.list.instance);
  const numIds = new Map(doc.Numbering.ConcreteNumbering.map((n) => [`${n.reference}-${n.instance}`, n.numId]));
  const parts = packageParts(doc, overrides, layout, kept);
  const xml = parts.get('word/document.xml');
  if (typeof xml !== 'string') throw new Error('DOCX: docx wrote no word/document.xml');
  parts.set(
    'word/document.xml',
    xml.replace(/<protokols-slot n="(\d+)"\/>/g, (_, n: string) =>
      (runs[Number(n)] as StyledParagraph[]).map((p) => p.xml(numIds)).join(''),
    ),
  );
  for (const { standIn, data } of late) {
    const path = [...parts].find(([, written]) => written instanceof Uint8Array && Buffer.from(standIn).equals(written))?.[0];
    if (path === undefined) throw new Error('DOCX: no part holds the stand-in of data that comes later');
    parts.set(path, await data);
  }
  return zipPackage(parts, date);
}

type Override = { path: string; data: string };

/** Data still being made (a picture drawn meanwhile): it replaces the part docx wrote with `standIn` in its place. */
export interface LatePart {
  standIn: Uint8Array;
  data: Promise<Uint8Array>;
}

/**
 * The package's parts as docx writes them, by path in their zip order, from the compiler its Packer
 * keeps to itself (it would zip them in JavaScript; docx-zip.ts does). docx is pinned, and the DOCX
 * tests compare these parts with what its Packer writes.
 */
function packageParts(doc: Document, overrides: Override[], layout: string | undefined, kept: LayoutParts | undefined) {
  const { compiler } = Packer as unknown as {
    compiler?: { compile?: (file: Document, prettify: undefined, overrides: Override[]) => Map<string, string | Uint8Array> };
  };
  if (typeof compiler?.compile !== 'function') throw new Error('DOCX: docx’s Packer has no compiler to write the parts with');
  if (kept !== undefined) {
    // Each is then written as one empty element, and its part replaced by the text kept.
    Object.defineProperty(doc, 'Styles', { value: new PartStandIn() });
    Object.defineProperty(doc, 'Theme', { value: Object.assign(new PartStandIn(), { Colors: doc.Theme.Colors }) });
  }
  const parts = compiler.compile(doc, undefined, overrides);
  if (kept !== undefined) for (const [path, xml] of kept) parts.set(path, xml);
  else if (layout !== undefined) {
    if (layoutParts.size >= LAYOUTS) layoutParts.clear();
    layoutParts.set(layout, new Map(LAYOUT_PARTS.map((path) => [path, String(parts.get(path))])));
  }
  return parts;
}

/**
 * The parts that depend on the layout alone (the styles) or on nothing (docx's theme): writing them was
 * half of docx's work on the minutes, the same for every document of a group. Kept by layout as docx
 * wrote them the first time; test/minutes/render-docx.test.ts compares the bytes with and without.
 */
const LAYOUT_PARTS = ['word/styles.xml', 'word/theme/theme1.xml'];
type LayoutParts = ReadonlyMap<string, string>;
const layoutParts = new Map<string, LayoutParts>();
const LAYOUTS = 100;

class PartStandIn extends XmlComponent {
  constructor() {
    super('protokols-part');
  }
}

/** A paragraph of `style` holding `text` as it is. */
function styled(style: string, text: string, place?: { list?: ListPlace; indentLeft?: number }): StyledParagraph {
  return new StyledParagraph(style, [{ text }], place);
}

function restrictedMarking(vm: MinutesViewModel): BodyPart[] {
  return vm.restrictedMarking === undefined ? [] : [styled(STYLE.marking, vm.restrictedMarking)];
}

function titleBlock(vm: MinutesViewModel): BodyPart[] {
  return [
    ...vm.titleLines.map((line) => styled(STYLE.title, line)),
    styled(STYLE.place, vm.place),
    new Paragraph({ style: STYLE.dateLine, children: [new TextRun({ children: [vm.date, new Tab(), vm.number] })] }),
    ...(vm.versionLine === undefined ? [] : [styled(STYLE.versionLine, vm.versionLine)]),
    ...(vm.opened === undefined ? [] : [styled(STYLE.body, vm.opened)]),
  ];
}

function attendance(vm: MinutesViewModel): BodyPart[] {
  return vm.attendance.map((line) => styled(STYLE.body, line));
}

function agendaList(vm: MinutesViewModel, lists: () => number): BodyPart[] {
  if (vm.agenda.length === 0) return [];
  const instance = lists();
  return [
    styled(STYLE.heading, vm.agendaHeading),
    ...vm.agenda.map((title) => styled(STYLE.listItem, title, { list: { reference: LIST.agenda, level: 0, instance } })),
  ];
}

function proceedings(vm: MinutesViewModel, lists: () => number, textWidth: number): BodyPart[] {
  if (vm.items.length === 0) return [];
  // The item titles are one list that runs through the proceedings, so they keep their agenda numbers.
  const instance = lists();
  return [styled(STYLE.heading, vm.proceedingsHeading), ...vm.items.flatMap((item) => agendaItem(item, instance, lists, textWidth))];
}

function agendaItem(item: ProceedingsItem, instance: number, lists: () => number, textWidth: number): BodyPart[] {
  return [
    styled(STYLE.itemTitle, item.title, { list: { reference: LIST.agenda, level: 0, instance } }),
    ...blocks(item.blocks, lists, textWidth, 0),
  ];
}

function blocks(items: readonly Block[], lists: () => number, textWidth: number, level: number): BodyPart[] {
  return items.flatMap((block): BodyPart[] => {
    if (block.kind === 'paragraph') {
      if (level === 0) return [new StyledParagraph(STYLE.body, block.runs)];
      return [new StyledParagraph(STYLE.listItem, block.runs, { indentLeft: LIST_INDENT * (level + 1) })];
    }
    if (block.kind === 'list') return list(block, lists, textWidth, level);
    return [followUpTable(block, textWidth), new StyledParagraph(STYLE.body, [])];
  });
}

function list(block: ListBlock, lists: () => number, textWidth: number, level: number): BodyPart[] {
  const at = Math.min(level, MAX_LEVEL);
  const reference = nestedList(block.ordered ? LIST.numbered : LIST.bulleted, at);
  // Bullets count nothing, so every bulleted list shares one instance instead of restarting.
  const instance = block.ordered ? lists() : 0;
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

function decisionList(vm: MinutesViewModel, lists: () => number): BodyPart[] {
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

function closing(vm: MinutesViewModel): BodyPart[] {
  return vm.closed === undefined ? [] : [styled(STYLE.closing, vm.closed)];
}

function signatureBlock(vm: MinutesViewModel, textWidth: number): BodyPart[] {
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
