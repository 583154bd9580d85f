// Latvian noun and adjective endings as names of people and institutions take them: the
// nominative a dative came from, and every case form of a nominative name, singular and plural.

/** The cases a name appears in within the minutes (vocative and instrumental add nothing new). */
export type Case = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'locative';
export const CASES: readonly Case[] = ['nominative', 'genitive', 'dative', 'accusative', 'locative'];

type Forms = Record<Case, readonly string[]>;

/**
 * Endings by paradigm: the nominative singular ending, then each case's endings singular and
 * plural. Masculine -s/-š (1st declension), -is (2nd), -us (3rd), -a/-e (4th/5th, as in Liepa,
 * Zvaigzne); feminine -a (4th), -e (5th), -s (6th).
 */
const PARADIGMS: ReadonlyArray<{ nominative: string; forms: Forms }> = [
  {
    nominative: 'š',
    forms: { nominative: ['š', 'i'], genitive: ['a', 'u'], dative: ['am', 'iem'], accusative: ['u', 'us'], locative: ['ā', 'os'] },
  },
  {
    nominative: 'is',
    forms: { nominative: ['is', 'i'], genitive: ['a', 'u'], dative: ['im', 'iem'], accusative: ['i', 'us'], locative: ['ī', 'os'] },
  },
  {
    nominative: 'us',
    forms: { nominative: ['us', 'i'], genitive: ['us', 'u'], dative: ['um', 'iem'], accusative: ['u', 'us'], locative: ['ū', 'os'] },
  },
  {
    nominative: 's',
    forms: { nominative: ['s', 'i'], genitive: ['a', 'u'], dative: ['am', 'iem'], accusative: ['u', 'us'], locative: ['ā', 'os'] },
  },
  {
    nominative: 'a',
    forms: { nominative: ['a', 'as'], genitive: ['as', 'u'], dative: ['ai', 'am', 'ām'], accusative: ['u', 'as'], locative: ['ā', 'ās'] },
  },
  {
    nominative: 'e',
    forms: { nominative: ['e', 'es'], genitive: ['es', 'u'], dative: ['ei', 'em', 'ēm'], accusative: ['i', 'es'], locative: ['ē', 'ēs'] },
  },
];

/** Every form of one word in `grammaticalCase` (an indeclinable or foreign name stays as it is). */
export function caseForms(word: string, grammaticalCase: Case): string[] {
  // A Latvian nominative in -s has a consonant before it (Norbuts, Kalējs); Dumas is foreign.
  const paradigm = PARADIGMS.find(
    (p) =>
      word.endsWith(p.nominative) &&
      word.length > p.nominative.length + 1 &&
      (p.nominative !== 's' || !/[aeiouāēīū]$/iu.test(word.slice(0, -1))),
  );
  if (paradigm === undefined) return [word];
  const stem = word.slice(0, -paradigm.nominative.length);
  const forms = paradigm.forms[grammaticalCase].map((ending) => stem + ending);
  // The 2nd declension softens the stem's last consonant outside the nominative, dative, accusative
  // and locative singular (Kalnis → Kalņa, Kalņiem); surnames are written both ways.
  if (paradigm.nominative !== 'is') return forms;
  const softened = soften(stem);
  const plain = new Set(paradigm.forms[grammaticalCase].slice(grammaticalCase === 'genitive' ? 0 : 1));
  return [...forms, ...[...plain].map((ending) => softened + ending).filter((f) => !forms.includes(f))];
}

const SOFTENING: ReadonlyArray<[string, string]> = [
  ['sn', 'šņ'],
  ['zn', 'žņ'],
  ['sl', 'šļ'],
  ['zl', 'žļ'],
  ['ln', 'ļņ'],
  ['n', 'ņ'],
  ['l', 'ļ'],
  ['s', 'š'],
  ['t', 'š'],
  ['d', 'ž'],
  ['z', 'ž'],
  ['c', 'č'],
  ['p', 'pj'],
  ['b', 'bj'],
  ['m', 'mj'],
  ['v', 'vj'],
];

function soften(stem: string): string {
  const rule = SOFTENING.find(([hard]) => stem.endsWith(hard));
  return rule === undefined ? stem : stem.slice(0, -rule[0].length) + rule[1];
}

/**
 * Dative endings and the nominative each came from, longest first. A definite adjective
 * (Sociālajam dienestam) and the plural (locekļiem, skolām) come back too. Where a dative fits
 * two paradigms the common one wins (-am: Norbuts rather than a masculine Liepa); the
 * directory, matched before these rules, decides the rare other one.
 */
const DATIVE_ENDINGS: ReadonlyArray<[dative: string, nominative: (stem: string) => string]> = [
  ['ajiem', (s) => `${s}ie`],
  ['ajām', (s) => `${s}ās`],
  ['ajam', (s) => `${s}ais`],
  ['ajai', (s) => `${s}ā`],
  ['iem', (s) => `${s}i`],
  ['ām', (s) => `${s}as`],
  ['ēm', (s) => `${s}es`],
  // -iņš, -ņš: the 1st declension's -š follows a soft ņ (Bērziņam → Bērziņš).
  ['am', (s) => (s.endsWith('ņ') ? `${s}š` : `${s}s`)],
  ['im', (s) => `${s}is`],
  ['um', (s) => `${s}us`],
  ['em', (s) => `${s}e`],
  ['ai', (s) => `${s}a`],
  ['ei', (s) => `${s}e`],
  ['ij', (s) => `${s}s`],
];

/** The ending that makes `word` a dative, if any (a stem of at least two letters is left). */
function dativeEnding(word: string): (typeof DATIVE_ENDINGS)[number] | undefined {
  return DATIVE_ENDINGS.find(([ending]) => word.endsWith(ending) && word.length >= ending.length + 2);
}

export function isDative(word: string): boolean {
  return dativeEnding(word) !== undefined;
}

/** The nominative of a word in the dative (Rancānei → Rancāne), or undefined when it is no dative. */
export function nominativeOfDative(word: string): string | undefined {
  const found = dativeEnding(word);
  if (found === undefined) return undefined;
  const [ending, nominative] = found;
  return nominative(word.slice(0, -ending.length));
}
