// The wording of the minutes and of the register's exports: Handlebars templates read from templates/, compiled once per folder.
// Code refers to phrases by key only, so a group can reword its minutes without a code change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.ts';
import { readOverrides } from './overrides.ts';

export const DEFAULT_TEMPLATES_DIR = TEMPLATES_DIR;
const TEMPLATES_FILE = 'minutes.lv.json';
const REPORT_TEMPLATES_FILE = 'plan-report.lv.json';

export const PHRASE_KEYS = [
  'documentTitle',
  'fileName',
  'restrictedMarking',
  'restrictedContent',
  'publicVersion',
  'titleGroup',
  'title',
  'place',
  'date',
  'number',
  'opened',
  'person',
  'absentee',
  'members',
  'absent',
  'invited',
  'chair',
  'recorder',
  'agendaHeading',
  'agendaItem',
  'proceedingsHeading',
  'decisionsHeading',
  'decisionOwners',
  'decisionPlanActivity',
  'closed',
  'signatureChair',
  'signatureRecorder',
  'signatureHint',
  'followUp.itemTitle',
  'followUp.columnDecision',
  'followUp.columnText',
  'followUp.columnOwners',
  'followUp.columnDue',
  'followUp.columnOutcome',
  'followUp.reference',
  'followUp.statusDone',
  'followUp.statusInProgress',
  'followUp.statusCancelled',
  'followUp.statusOpen',
  'followUp.statusNotReviewed',
  'followUp.newDue',
  'exports.calendarName',
  'exports.eventSummary',
  'exports.eventDescription',
  'exports.csvHeader',
  'exports.statusOpen',
  'exports.statusInProgress',
  'exports.statusDone',
  'exports.statusCancelled',
  'exports.overdue',
  'records.markedDone',
] as const;

export type PhraseKey = (typeof PHRASE_KEYS)[number];
export type PhraseValues = Record<string, string | number | boolean | undefined>;

/** The phrases of the prevention plan's monitoring report (templates/plan-report.lv.json). */
export const REPORT_PHRASE_KEYS = [
  'documentTitle',
  'fileName',
  'restrictedMarking',
  'publicVersion',
  'titleGroup',
  'title',
  'plan',
  'period',
  'sittingsHeading',
  'sittingsHeld',
  'sittingsNone',
  'sittingLine',
  'sittingsRequirementMet',
  'sittingsRequirementNotMet',
  'goalsHeading',
  'goalTitle',
  'activityTitle',
  'activityStatus',
  'activityReason',
  'activityDone',
  'activityDecisions',
  'decisionLine',
  'noStatus',
  'summaryHeading',
  'summaryGoal',
  'summaryTotal',
  'summaryAll',
  'chartHeading',
  'chartAlt',
  'chartGoal',
  'proposalsHeading',
  'proposalsIntro',
  'proposalPostponed',
  'proposalNotStarted',
  'proposalNoStatus',
  'proposalsNone',
  'agendaItemTitle',
  'itemReference',
  'agendaItemMissing',
  'status.not_started',
  'status.in_progress',
  'status.done',
  'status.ongoing',
  'status.postponed',
] as const;
export type ReportPhraseKey = (typeof REPORT_PHRASE_KEYS)[number];

/** Where a book's phrases come from: the project's folder, and a group's override folder over it. */
export interface TemplatesOrigin {
  dir: string;
  overrides: string | null;
}

/** A book of phrases by key, each a Handlebars template. */
export interface PhraseBook<K extends string> {
  /** The phrase under `key`, filled with `values`; plain text, never HTML-escaped. */
  phrase(key: K, values?: PhraseValues): string;
  /** Plain data, so a worker thread can load the same book (docx-worker.ts). */
  readonly origin: TemplatesOrigin;
}

export type MinutesTemplates = PhraseBook<PhraseKey>;
export type ReportTemplates = PhraseBook<ReportPhraseKey>;

const cache = new Map<string, PhraseBook<string>>();

/** How many filled phrases each folder's templates keep. */
const FILLED_PHRASES = 20_000;

/**
 * The templates of `dir` (default: the project's templates/), read and compiled on first use; with
 * `overrides`, a group's folder whose minutes.lv.json rewords some keys (overrides.ts checks them).
 */
export function loadMinutesTemplates(dir: string = DEFAULT_TEMPLATES_DIR, overrides: string | null = null): MinutesTemplates {
  // The project's own book is asked for by every decision of every read: no key to build for it.
  if (dir === DEFAULT_TEMPLATES_DIR && overrides === null)
    return (projectMinutes ??= loadPhraseBook(dir, null, TEMPLATES_FILE, PHRASE_KEYS));
  return loadPhraseBook(dir, overrides, TEMPLATES_FILE, PHRASE_KEYS);
}
let projectMinutes: MinutesTemplates | undefined;

/** The monitoring report's templates of `dir` (and a group's `overrides`), read and compiled on first use. */
export function loadReportTemplates(dir: string = DEFAULT_TEMPLATES_DIR, overrides: string | null = null): ReportTemplates {
  return loadPhraseBook(dir, overrides, REPORT_TEMPLATES_FILE, REPORT_PHRASE_KEYS);
}

function loadPhraseBook<K extends string>(dir: string, overrides: string | null, fileName: string, keys: readonly K[]): PhraseBook<K> {
  // Not path.join: every decision's reference asks for the book, and joining cost more than the phrase.
  const cacheKey = `${dir}\u0000${overrides ?? ''}\u0000${fileName}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const file = join(dir, fileName);
  const sources = flatten(JSON.parse(readFileSync(file, 'utf8')) as unknown, '', file);
  const missing = keys.filter((key) => !sources.has(key));
  if (missing.length > 0) throw new Error(`${file}: missing template keys ${missing.join(', ')}`);
  // Key by key: a key the group's file leaves out keeps the project's wording.
  const reworded = overrides === null ? null : readOverrides(overrides, fileName, sources, { lines: false });
  for (const [key, source] of reworded ?? []) sources.set(key, source as string);
  const fileOf = (key: K) => (reworded?.has(key) === true ? join(overrides as string, fileName) : file);

  // An isolated instance: helpers registered elsewhere never reach the minutes.
  const hbs = Handlebars.create();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const key of keys) {
    const source = withNonBreakingSpaces(sources.get(key) as string);
    // strict: a misspelt {{name}} in an edited template fails loudly instead of printing nothing.
    compiled.set(key, hbs.compile(source, { noEscape: true, strict: true }));
  }
  const fill = (key: K, values: PhraseValues): string => {
    const template = compiled.get(key) as HandlebarsTemplateDelegate;
    try {
      return template(values);
    } catch (error) {
      throw new Error(`${fileOf(key)}: template "${key}" failed: ${(error as Error).message}`, { cause: error });
    }
  };
  // A phrase is a pure function of its values, and the same few recur on every read (each
  // decision's `Nr. 7, 2.`): filled ones are kept until there are too many, then all start over.
  const filled = new Map<string, string>();
  const templates: PhraseBook<K> = {
    origin: { dir, overrides },
    phrase(key, values = {}) {
      const memo = memoKey(key, values);
      let text = filled.get(memo);
      if (text === undefined) {
        text = fill(key, values);
        if (filled.size >= FILLED_PHRASES) filled.clear();
        filled.set(memo, text);
      }
      return text;
    },
  };
  cache.set(cacheKey, templates);
  return templates;
}

/** The memo's key of a phrase: each value's name, type and length before it, so no two fillings share one. */
function memoKey(key: string, values: PhraseValues): string {
  let memo = key;
  for (const name in values) {
    const text = String(values[name]);
    memo += `\u0000${name}:${typeof values[name]}:${text.length}:${text}`;
  }
  return memo;
}

function flatten(value: unknown, prefix: string, file: string, into = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') {
    into.set(prefix, value);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, file, into);
  } else {
    throw new Error(`${file}: "${prefix}" must be a text or a group of texts`);
  }
  return into;
}

/** `~` outside {{…}} is the templates' visible stand-in for U+00A0, which editors hide. */
function withNonBreakingSpaces(source: string): string {
  return source
    .split(/(\{\{[\s\S]*?\}\})/u)
    .map((part) => (part.startsWith('{{') ? part : part.replaceAll('~', '\u00a0')))
    .join('');
}
