// The wording of the minutes and of the register's exports: Handlebars templates read from templates/, compiled once per folder.
// Code refers to phrases by key only, so a group can reword its minutes without a code change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../paths.ts';

export const DEFAULT_TEMPLATES_DIR = TEMPLATES_DIR;
const TEMPLATES_FILE = 'minutes.lv.json';

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
] as const;

export type PhraseKey = (typeof PHRASE_KEYS)[number];
export type PhraseValues = Record<string, string | number | boolean | undefined>;

export interface MinutesTemplates {
  /** The phrase under `key`, filled with `values`; plain text, never HTML-escaped. */
  phrase(key: PhraseKey, values?: PhraseValues): string;
}

const cache = new Map<string, MinutesTemplates>();

/** How many filled phrases each folder's templates keep. */
const FILLED_PHRASES = 20_000;

/** The templates of `dir` (default: the project's templates/), read and compiled on first use. */
export function loadMinutesTemplates(dir: string = DEFAULT_TEMPLATES_DIR): MinutesTemplates {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached;
  const file = join(dir, TEMPLATES_FILE);
  const sources = flatten(JSON.parse(readFileSync(file, 'utf8')) as unknown, '', file);
  const missing = PHRASE_KEYS.filter((key) => !sources.has(key));
  if (missing.length > 0) throw new Error(`${file}: missing template keys ${missing.join(', ')}`);

  // An isolated instance: helpers registered elsewhere never reach the minutes.
  const hbs = Handlebars.create();
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const key of PHRASE_KEYS) {
    const source = withNonBreakingSpaces(sources.get(key) as string);
    // strict: a misspelt {{name}} in an edited template fails loudly instead of printing nothing.
    compiled.set(key, hbs.compile(source, { noEscape: true, strict: true }));
  }
  const fill = (key: PhraseKey, values: PhraseValues): string => {
    const template = compiled.get(key) as HandlebarsTemplateDelegate;
    try {
      return template(values);
    } catch (error) {
      throw new Error(`${file}: template "${key}" failed: ${(error as Error).message}`, { cause: error });
    }
  };
  // A phrase is a pure function of its values, and the same few recur on every read (each
  // decision's `Nr. 7, 2.`): filled ones are kept, the least recently used dropped first.
  const filled = new Map<string, string>();
  const templates: MinutesTemplates = {
    phrase(key, values = {}) {
      const memo = `${key}\u0000${JSON.stringify(values)}`;
      let text = filled.get(memo);
      if (text === undefined) {
        text = fill(key, values);
        if (filled.size >= FILLED_PHRASES) filled.delete(filled.keys().next().value as string);
      } else filled.delete(memo);
      filled.set(memo, text);
      return text;
    },
  };
  cache.set(dir, templates);
  return templates;
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
