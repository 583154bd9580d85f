// The small markup of proceedings texts (paragraphs, `1. ` and `- ` lists, **bold**, *italic*)
// parsed into plain blocks by walking markdown-it's token stream; everything else stays literal text.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { plainText } from './typography.ts';

export interface TextRun {
  /** Plain text; `\n` is a line break within the paragraph. */
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: TextRun[];
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  /** Each item starts with a paragraph, which carries the number or bullet. */
  items: ListItem[];
}

export interface ListItem {
  blocks: TextBlock[];
}

export type TextBlock = ParagraphBlock | ListBlock;

// Only the markup the interchange format defines is switched on: headings, links, raw HTML,
// code, quotes, tables and entities are not parsed, so they come out exactly as typed.
const markdown = new MarkdownIt('zero', { html: false, linkify: false, typographer: false }).enable([
  'list',
  'emphasis',
  'newline',
  'escape',
]);

/** Parses a proceedings text into blocks. */
export function parseProceedings(source: string): TextBlock[] {
  const text = plainText(source);
  if (text.trim() === '') return [];
  // Most paragraphs hold no markup; markdown-it parses only the stretches that may (a long
  // protocol spent a quarter of its rendering here). test/minutes/proceedings.test.ts holds the
  // shortcut to markdown-it's result on generated texts.
  const blocks: TextBlock[] = [];
  let marked: string[] = [];
  const flush = () => {
    if (marked.some((stretch) => HAS_TEXT.test(stretch))) blocks.push(...parseMarked(marked.join('')));
    marked = [];
  };
  for (const stretch of text.split(BLANK_LINES)) {
    if (isPlainParagraph(stretch)) {
      flush();
      blocks.push(plainParagraph(stretch));
    } else marked.push(stretch);
  }
  flush();
  return blocks;
}

/** The whole text through markdown-it: what the shortcut above must give the same as. */
export function parseMarked(text: string): TextBlock[] {
  return readBlocks({ tokens: markdown.parse(text, {}), at: 0 }, undefined);
}

// Splits into paragraphs, keeping the blank lines as their own pieces (markdown-it sees them again).
const BLANK_LINES = /(\n(?:[ \t]*\n)+)/;
// What may start a list, an emphasis or an escape, or make a line part of a list item above it.
const MAYBE_MARKUP = /[*_\\]|(?:^|\n)[ \t]*(?:[-+]|\d{1,9}[.)])(?=[ \t\n]|$)|^[ \t]/;

function isPlainParagraph(stretch: string): boolean {
  return HAS_TEXT.test(stretch) && !stretch.startsWith('\n') && !MAYBE_MARKUP.test(stretch);
}

/**
 * As markdown-it reads a paragraph without markup: each line trimmed of spaces (of U+0020 only: a
 * no-break space stays), blank lines at its end dropped.
 */
function plainParagraph(stretch: string): ParagraphBlock {
  const lines = stretch.split('\n').map(trimSpaces);
  while (lines.at(-1) === '') lines.pop();
  return { kind: 'paragraph', runs: [{ text: lines.join('\n') }] };
}

const trimSpaces = (line: string) => line.replace(/^ +| +$/g, '');
const HAS_TEXT = /[^ \t\n]/;

interface Cursor {
  tokens: Token[];
  at: number;
}

function readBlocks(cursor: Cursor, closeType: string | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  while (cursor.at < cursor.tokens.length) {
    const token = cursor.tokens[cursor.at] as Token;
    cursor.at += 1;
    if (token.type === closeType) return blocks;
    if (token.type === 'inline') {
      blocks.push({ kind: 'paragraph', runs: readRuns(token.children ?? []) });
    } else if (token.type === 'bullet_list_open') {
      const items = readItems(cursor, 'bullet_list_close', token.markup);
      blocks.push({ kind: 'list', ordered: false, items: items.map(({ blocks: b }) => ({ blocks: startWithParagraph(b) })) });
    } else if (token.type === 'ordered_list_open') {
      blocks.push(...orderedList(readItems(cursor, 'ordered_list_close', token.markup)));
    }
  }
  return blocks;
}

interface RawItem {
  /** The marker as typed: 1. or 1) or - */
  marker: string;
  blocks: TextBlock[];
}

function readItems(cursor: Cursor, closeType: string, delimiter: string): RawItem[] {
  const items: RawItem[] = [];
  while (cursor.at < cursor.tokens.length) {
    const token = cursor.tokens[cursor.at] as Token;
    cursor.at += 1;
    if (token.type === closeType) break;
    if (token.type !== 'list_item_open') continue;
    const marker = token.info === '' ? delimiter : `${token.info}${delimiter}`;
    const next = cursor.tokens[cursor.at];
    // "- 1. klases skolēni" is a bullet whose text starts with an ordinal, not a list in a list.
    if (next?.type === 'bullet_list_open' || next?.type === 'ordered_list_open') {
      cursor.at += 1;
      const close = next.type === 'bullet_list_open' ? 'bullet_list_close' : 'ordered_list_close';
      const inner = typed(readItems(cursor, close, next.markup));
      items.push({ marker, blocks: [...inner, ...readBlocks(cursor, 'list_item_close')] });
    } else {
      items.push({ marker, blocks: readBlocks(cursor, 'list_item_close') });
    }
  }
  return items;
}

/** Items kept as the text typed, marker first. */
function typed(items: RawItem[]): TextBlock[] {
  return items.flatMap((item) => {
    const [first, ...rest] = startWithParagraph(item.blocks);
    const runs = first?.kind === 'paragraph' ? first.runs : [];
    return [{ kind: 'paragraph' as const, runs: mergeRuns([{ text: `${item.marker} ` }, ...runs]) }, ...rest];
  });
}

/**
 * Only a run typed 1., 2., 3. … is a real list. Markdown would also read a paragraph that
 * starts "2025. gada …" as a list from 2025; such items stay paragraphs with their number as typed.
 */
function orderedList(items: RawItem[]): TextBlock[] {
  const out: TextBlock[] = [];
  let current: ListBlock | undefined;
  for (const item of items) {
    const n = Number.parseInt(item.marker, 10);
    if (n === 1 || (current !== undefined && n === current.items.length + 1)) {
      if (n === 1) {
        current = { kind: 'list', ordered: true, items: [] };
        out.push(current);
      }
      current?.items.push({ blocks: startWithParagraph(item.blocks) });
    } else {
      current = undefined;
      out.push(...typed([item]));
    }
  }
  return out;
}

function startWithParagraph(blocks: TextBlock[]): TextBlock[] {
  return blocks[0]?.kind === 'paragraph' ? blocks : [{ kind: 'paragraph', runs: [] }, ...blocks];
}

function readRuns(children: Token[]): TextRun[] {
  const runs: TextRun[] = [];
  let bold = 0;
  let italic = 0;
  const push = (text: string) => {
    const run: TextRun = { text };
    if (bold > 0) run.bold = true;
    if (italic > 0) run.italic = true;
    runs.push(run);
  };
  for (const child of children) {
    if (child.type === 'strong_open') bold += 1;
    else if (child.type === 'strong_close') bold -= 1;
    else if (child.type === 'em_open') italic += 1;
    else if (child.type === 'em_close') italic -= 1;
    // A single line end is kept: secretaries type one line per point and expect to see it so.
    else if (child.type === 'softbreak' || child.type === 'hardbreak') push('\n');
    else if (child.content !== '') push(child.content);
  }
  return mergeRuns(runs);
}

function mergeRuns(runs: TextRun[]): TextRun[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.bold === run.bold && last.italic === run.italic) last.text += run.text;
    else if (run.text !== '') merged.push({ ...run });
  }
  return merged;
}
