// Dates and clock times as Latvian minutes write them: `2025.gada 08.jūlijs`, `2025. gada 8. jūlijā`,
// `08.07.2025.`, `š.g. 8.septembrī` (this year), `līdz 15.augustam`; `14:00`, `plkst. 14.00`, `pl: 17.00`.

/** Month stems (with or without diacritics, as old files often lack them) and their case endings. */
const MONTH_STEMS = [
  'janv[āa]r',
  'febru[āa]r',
  'mart',
  'apr[īi]l',
  'maij',
  'j[ūu]nij',
  'j[ūu]lij',
  'august',
  'septembr',
  'oktobr',
  'novembr',
  'decembr',
] as const;
/** Nominative (-is, -s), genitive (-a), dative (-im, -am), accusative (-i, -u), locative (-ī, -ā). */
const MONTH_ENDINGS = '(?:is|im|am|a|i|ī|s|u|ā)';
const MONTH_WORD = `(${MONTH_STEMS.map((s) => `(?:${s})`).join('|')})${MONTH_ENDINGS}(?!\\p{L})`;
const MONTH_PATTERNS = MONTH_STEMS.map((s) => new RegExp(`^${s}`, 'iu'));

export interface FoundDate {
  /** YYYY-MM-DD, or undefined when the text names a day that does not exist (31.02.2025.). */
  iso: string | undefined;
  /** Where the date starts in the text, and how long it is written. */
  index: number;
  length: number;
  /** Written without its year (`š.g. 8.septembrī`, `15.augustam`): the year came from the context. */
  relative: boolean;
}

/** The forms, most specific first; each gives day, month (number or word) and year (or a relative marker). */
const DATE_FORMS: ReadonlyArray<{ pattern: RegExp; parts: (m: RegExpExecArray) => { d: string; m: string; y?: string; next?: boolean } }> =
  [
    {
      // 2025.gada 08.jūlijs · 2025. gada 8. jūlijā · 2025.g. 8.jūl… (year first, the month a word)
      pattern: new RegExp(`(\\d{4})\\.?\\s*(?:gada|g\\.)\\s*(\\d{1,2})\\.?\\s*${MONTH_WORD}`, 'giu'),
      parts: (m) => ({ y: m[1]!, d: m[2]!, m: m[3]! }),
    },
    {
      // 08.07.2025. · 8.7.2025 · 08. 07. 2025. · 08/07/2025
      pattern: /(?<![\d.])(\d{1,2})(?:\.\s?|\/)(\d{1,2})(?:\.\s?|\/)(\d{4})(?!\d)\.?/gu,
      parts: (m) => ({ d: m[1]!, m: m[2]!, y: m[3]! }),
    },
    {
      // 2025-07-08
      pattern: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/gu,
      parts: (m) => ({ y: m[1]!, m: m[2]!, d: m[3]! }),
    },
    {
      // š.g. 8.septembrī · šī gada 8. septembrī · n.g. 15.janvārim · 8.septembrī (no year)
      pattern: new RegExp(
        `(?:(š\\.\\s?g\\.|šā gada|šī gada|(n\\.\\s?g\\.|nākamā gada|nākošā gada))\\s*)?(?<!\\d)(\\d{1,2})\\.?\\s*${MONTH_WORD}`,
        'giu',
      ),
      parts: (m) => ({ d: m[3]!, m: m[4]!, next: m[2] !== undefined }),
    },
  ];

function monthNumber(written: string): number | undefined {
  if (/^\d+$/.test(written)) return Number(written);
  const at = MONTH_PATTERNS.findIndex((p) => p.test(written));
  return at < 0 ? undefined : at + 1;
}

/** An ISO date when the day exists in that month and year. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * Every date written in `text`, in order. A date without its year takes `contextYear` (the
 * sitting's year; `n.g.` the next one); without a context year it stays unreadable.
 */
export function findDates(text: string, contextYear?: number): FoundDate[] {
  const found: FoundDate[] = [];
  const taken = (from: number, to: number) => found.some((f) => from < f.index + f.length && to > f.index);
  for (const form of DATE_FORMS) {
    for (const m of text.matchAll(form.pattern)) {
      const exec = m as RegExpExecArray;
      if (taken(exec.index, exec.index + exec[0].length)) continue;
      const p = form.parts(exec);
      const month = monthNumber(p.m);
      const relative = p.y === undefined;
      const year = p.y !== undefined ? Number(p.y) : contextYear === undefined ? undefined : contextYear + (p.next === true ? 1 : 0);
      const iso = month === undefined || year === undefined ? undefined : isoDate(year, month, Number(p.d));
      found.push({ iso, index: exec.index, length: exec[0].length, relative });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first date in `text`, or undefined when there is none. */
export function firstDate(text: string, contextYear?: number): FoundDate | undefined {
  return findDates(text, contextYear)[0];
}

const CLOCK_MARK = /(?:plkst\.?|pl\.|pl:|pulksten)\s*:?\s*(\d{1,2})(?:[:.](\d{2}))?(?!\d)/iu;
const COLON_TIME = /(?<![\d.:])(\d{1,2}):(\d{2})(?!\d)/u;

/** A time of day as HH:MM, from `plkst. 14.00`, `pl: 17.00`, `plkst.14` or a bare `14:00`. */
export function findTime(text: string): { time: string; index: number } | undefined {
  const m = CLOCK_MARK.exec(text) ?? COLON_TIME.exec(text);
  if (m === null) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return { time: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`, index: m.index };
}
