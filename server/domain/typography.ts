// Latvian typography corrections offered to the secretary ("Labot noformējumu"): each rule finds
// one habit of typed minutes and says what it should be. Pure and import-free: the front end bundles
// this module as it is, so the rules are defined once.

export const NBSP = '\u00a0';

export type TypographyRule = 'initials' | 'abbreviation' | 'range' | 'quotes';

export interface TypographyFix {
  rule: TypographyRule;
  /** The text as typed … */
  before: string;
  /** … and as the rule would have it. */
  after: string;
}

/** What each rule does, as the preview names it. */
export const TYPOGRAPHY_RULE_LABEL: Record<TypographyRule, string> = {
  initials: 'iniciālis pie uzvārda ar nedalāmu atstarpi',
  abbreviation: 'saīsinājums ar nedalāmu atstarpi',
  range: 'domuzīme skaitļu intervālā',
  quotes: 'latviskas pēdiņas',
};

const UPPER = '\\p{Lu}';
const LOWER = '\\p{Ll}';

interface Rule {
  rule: TypographyRule;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

/** Short forms written with a space inside (`š. g.`), the space a no-break one. */
const ABBREVIATIONS: ReadonlyArray<[string, string]> = [
  ['š', 'g'],
  ['u', 'c'],
  ['t', 's'],
  ['t', 'i'],
  ['u', 'tml'],
];

const INITIALS: Rule = {
  // E.Rancāne, E. Rancāne, A.M.Ozola → initials joined to what follows by U+00A0. The letter must
  // stand alone (not the end of VP. or a word) and be followed by a capitalised word or initial.
  rule: 'initials',
  pattern: new RegExp(`(?<![\\p{L}\\p{N}]|\\p{N}\\.)(${UPPER})\\.[ ]?(?=${UPPER}(?:${LOWER}|\\.))`, 'gu'),
  replace: (_m, letter) => `${letter}.${NBSP}`,
};

const RULES: readonly Rule[] = [
  INITIALS,
  {
    rule: 'abbreviation',
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${ABBREVIATIONS.map(([a, b]) => `${a}\\.[ \\u00a0]?${b}`).join('|')})\\.(?!\\p{L})`, 'giu'),
    replace: (m) => m.replace(/\.[ \u00a0]?/u, `.${NBSP}`),
  },
  {
    // 29-70 → 29–70; not dates (2025-07-09), codes (14-11-1), times (14.00-16.00) or decimals.
    rule: 'range',
    pattern: /(?<![\p{L}\p{N}_.,\-–/])(\d+)-(\d+)(?![\p{L}\p{N}_\-–/]|[.,]\d)/gu,
    replace: (_m, from, to) => `${from}–${to}`,
  },
  {
    // "…" and “…” (and ”…”) → „…”, when the quote opens after a space, a bracket or the start.
    rule: 'quotes',
    pattern: /(?<=^|[\s([{–—-])["“”](?=[^\s"“”„])([^"“”„\n]*?[^\s"“”„])["”“](?![\p{L}\p{N}])/gu,
    replace: (_m, inner) => `„${inner}”`,
  },
];

/** Runs the rules over `text`, telling `seen` of each change with the word it sits in (for a preview). */
function run(text: string, seen?: (fix: TypographyFix) => void): string {
  let current = text;
  for (const r of RULES) {
    current = current.replace(r.pattern, (match: string, ...rest: unknown[]) => {
      // The replacer gets the groups, then the offset and the whole text.
      const whole = rest[rest.length - 1] as string;
      const offset = rest[rest.length - 2] as number;
      const after = r.replace(match, ...(rest.slice(0, -2) as string[]));
      if (after !== match && seen !== undefined) {
        const tail = /^[\p{L}\p{N}]*/u.exec(whole.slice(offset + match.length))?.[0] ?? '';
        seen({ rule: r.rule, before: match + tail, after: after + tail });
      }
      return after;
    });
  }
  return current;
}

/** Every correction the rules would make in `text`, each with the word it sits in, in the order they are made. */
export function typographyFixes(text: string): TypographyFix[] {
  const fixes: TypographyFix[] = [];
  run(text, (fix) => fixes.push(fix));
  return fixes;
}

/** `text` with every correction made. */
export function fixTypography(text: string): string {
  return run(text);
}

/** `text` with the initials rule alone: how the minutes print every name (M.Šteins → M. Šteins). */
export function tieInitials(text: string): string {
  return text.replace(INITIALS.pattern, (match: string, letter: string) => INITIALS.replace(match, letter));
}
