// Personal names as the minutes print them, and how typed names are matched to the directory.

const NBSP = '\u00a0';

/** Collapses white space and normalises Unicode so that equal names compare equal. */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function isInitial(word: string): boolean {
  return /^\p{Lu}\.$/u.test(word);
}

/**
 * The short form printed in signatures and owner lines: initials and surname joined by
 * non-breaking spaces (Elita Rancāne → E. Rancāne, Anna Marija Ozola → A. M. Ozola).
 * A name already written with initials (M.Šteins, M. Šteins) keeps them.
 */
export function shortForm(fullName: string): string {
  let short = shortForms.get(fullName);
  if (short === undefined) {
    if (shortForms.size >= SHORT_FORMS) shortForms.clear();
    shortForms.set(fullName, (short = shortFormOf(fullName)));
  }
  return short;
}

// Every read of a sitting words its attendees' names again: each name is worked out once.
const shortForms = new Map<string, string>();
const SHORT_FORMS = 10_000;

function shortFormOf(fullName: string): string {
  const spaced = cleanName(fullName).replace(/(\p{Lu})\.(?=\S)/gu, '$1. ');
  const words = spaced.split(' ').filter((w) => w.length > 0);
  if (words.length <= 1) return words.join('');
  const surname = words[words.length - 1] as string;
  const given = words.slice(0, -1).map((w) => (isInitial(w) ? w : initialOf(w)));
  return [...given, surname].join(NBSP);
}

function initialOf(word: string): string {
  // Hyphenated given names keep both initials: Anna-Marija → A.-M.
  return word
    .split('-')
    .map((part) => `${[...part][0]?.toUpperCase() ?? ''}.`)
    .join('-');
}

/** A key under which the typed variants of one name compare equal (E.Rancāne, E. Rancāne, e. rancāne). */
export function nameKey(name: string): string {
  return cleanName(name)
    .replace(/\u00a0/gu, ' ')
    .replace(/\.\s+/gu, '.')
    .toLocaleLowerCase('lv');
}

export interface NamedPerson {
  id: number;
  fullName: string;
  shortName: string | null;
}

/** The directory people a typed name may mean: those with that full name, or else with that short form. */
export function nameCandidates<P extends NamedPerson>(name: string, people: readonly P[]): P[] {
  return candidatesIn(people)(name);
}

/** nameCandidates over one list for many names: each person's keys are worked out once, when first needed. */
function candidatesIn<P extends NamedPerson>(people: readonly P[]): (name: string) => P[] {
  let byFullKey: Map<string, P[]> | undefined;
  let byShortKey: Map<string, P[]> | undefined;
  return (name) => {
    const key = nameKey(name);
    byFullKey ??= groupBy(people, (p) => nameKey(p.fullName));
    const byFull = byFullKey.get(key);
    if (byFull !== undefined) return byFull;
    byShortKey ??= groupBy(people, (p) => nameKey(p.shortName ?? shortForm(p.fullName)));
    return byShortKey.get(key) ?? [];
  };
}

/**
 * Finds the directory person a typed name means: by full name, or by short form with or
 * without the space after the initial. Where a short form fits several people, those in
 * `preferred` (say, this sitting's attendees) decide; still ambiguous means no match.
 */
export function matchPerson<P extends NamedPerson>(
  name: string,
  people: readonly P[],
  preferred: ReadonlySet<number> = new Set(),
): P | undefined {
  return personMatcher(people)(name, preferred);
}

/**
 * matchPerson over one list of people for many typed names: each person's keys are worked out
 * once, so matching the owners of a long sitting does not redo them for every name.
 */
export function personMatcher<P extends NamedPerson>(
  people: readonly P[],
): (name: string, preferred?: ReadonlySet<number>) => P | undefined {
  const candidatesOf = candidatesIn(people);
  return (name, preferred = new Set()) => {
    const candidates = candidatesOf(name);
    if (candidates.length === 1) return candidates[0];
    const narrowed = candidates.filter((p) => preferred.has(p.id));
    return narrowed.length === 1 ? narrowed[0] : undefined;
  };
}

function groupBy<P>(people: readonly P[], key: (p: P) => string): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const p of people) {
    const k = key(p);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [p]);
    else group.push(p);
  }
  return groups;
}
