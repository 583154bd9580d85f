// Who a decision makes responsible and by when, from the decision's own words: owners in the
// dative before the verb (`I.Kārkliņai un E.Rancānei … piedalīties`) or in a bracket
// (`( atbildīgie A.Ozola, J.Bērziņš)`); the deadline from `līdz`, `plkst.`, `uz` or a closing bracket.
import { CASES, caseForms, isDative, nominativeOfDative } from '../domain/latvian-declension.ts';
import { findDates, type FoundDate } from '../domain/latvian-dates.ts';
import { cleanName, nameKey, shortForm } from '../domain/names.ts';
import { BRACKETED_OWNERS, CLOCK_AFTER, DEADLINE_BEFORE, INFINITIVE, INITIALS, NEXT_SITTING, OWNER_JOINER, PERSON_NAME } from './genre.ts';

interface Entry {
  fullName: string;
  /** Written with initials: the owner is named the same way (E.Rancāne), as minutes do. */
  initials: string | undefined;
}

/**
 * Every case form of every known person, full (Elitai Rancānei) and with initials (E.Rancānei),
 * under the key of names.ts; a form two people share means neither.
 */
export function personIndex(fullNames: readonly string[]): Map<string, Entry | null> {
  const index = new Map<string, Entry | null>();
  const add = (form: string, entry: Entry) => {
    const key = nameKey(form);
    const had = index.get(key);
    if (had === undefined) index.set(key, entry);
    else if (had !== null && had.fullName !== entry.fullName) index.set(key, null);
  };
  for (const fullName of fullNames) {
    const words = cleanName(fullName).split(' ');
    const surname = words[words.length - 1] ?? '';
    // The initials as the minutes' short form writes them (names.ts), without the spaces: A.-M.
    const initials = shortForm(fullName).split('\u00a0').slice(0, -1).join('');
    for (const c of CASES) {
      for (const form of combinations(words.map((w) => caseForms(w, c)))) add(form.join(' '), { fullName, initials: undefined });
      if (words.length > 1) for (const s of caseForms(surname, c)) add(`${initials}${s}`, { fullName, initials });
    }
  }
  return index;
}

function combinations(lists: readonly string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((w) => [...prefix, w])), [[]]);
}

export interface Owner {
  name: string;
  /** Not among the known people (the group's directory and the file's attendance). */
  unknown: boolean;
}

/** The nominative of one owner as written in any case: the known people first, then the declension rules. */
export function ownerName(written: string, index: Map<string, Entry | null>, dative: boolean): Owner | undefined {
  const text = cleanName(written);
  const known = index.get(nameKey(text));
  if (known !== undefined && known !== null) {
    const words = known.fullName.split(' ');
    const name = known.initials !== undefined ? `${known.initials}${words[words.length - 1] ?? ''}` : known.fullName;
    return { name, unknown: false };
  }
  if (!dative) return { name: text.replace(/(\p{Lu})\.\s+/gu, '$1.'), unknown: true };
  const words = text.split(' ');
  const last = words[words.length - 1] ?? '';
  if (!isDative(last) || !/^\p{Lu}/u.test(text)) return undefined;
  const converted = words.map((w) => {
    const m = INITIALS.exec(w);
    if (m !== null) return `${m[1]!.replace(/\s/gu, '')}${nominativeOfDative(m[2]!) ?? m[2]!}`;
    return isDative(w) ? (nominativeOfDative(w) ?? w) : w;
  });
  return { name: converted.join(' '), unknown: true };
}

export interface DecisionParts {
  text: string;
  owners: Owner[];
  due: string | undefined;
  /** Dates the text names that are no real day (31.02.2025.). */
  unreadable: string[];
}

/**
 * Reads a decision: its owners (a bracket first, else the dative before the first infinitive)
 * and its deadline. The bracket of owners leaves the text, as owners are a field of their own.
 */
export function readDecision(raw: string, sittingDate: string, index: Map<string, Entry | null>): DecisionParts {
  let text = raw;
  let owners: Owner[] = [];
  const bracket = BRACKETED_OWNERS.exec(text);
  if (bracket !== null) {
    owners = splitOwners(bracket[1] ?? '').flatMap((o) => ownerName(o, index, false) ?? []);
    text = (text.slice(0, bracket.index) + text.slice(bracket.index + bracket[0].length)).trim();
    if (!/[.!?]$/u.test(text) && /[.!?]\s*$/u.test(bracket[0])) text = `${text}.`;
  }
  const year = Number(sittingDate.slice(0, 4));
  const dates = findDates(text, year);
  if (owners.length === 0) owners = dativeOwners(text, dates, index);
  return {
    text,
    owners,
    due: deadline(text, dates, sittingDate),
    unreadable: dates.filter((d) => d.iso === undefined).map((d) => text.slice(d.index, d.index + d.length)),
  };
}

function splitOwners(list: string): string[] {
  return list
    .split(OWNER_JOINER)
    .map((s) => s.trim().replace(/\.$/u, (dot, at: number, all: string) => (/\p{Lu}$/u.test(all.slice(0, at)) ? dot : '')))
    .filter((s) => s !== '');
}

/** The dative owners before the verb, once the deadline words among them are set aside. */
function dativeOwners(text: string, dates: readonly FoundDate[], index: Map<string, Entry | null>): Owner[] {
  let masked = text;
  for (const d of dates) masked = masked.slice(0, d.index) + ' '.repeat(d.length) + masked.slice(d.index + d.length);
  const words = masked.split(/\s+/u).filter((w) => w !== '');
  const verbAt = words.findIndex((w) => INFINITIVE.test(w.replace(/[,.;:]$/u, '')));
  if (verbAt <= 0 || verbAt > 16) return [];
  const prefix = words
    .slice(0, verbAt)
    .join(' ')
    .replace(/(?<![\p{L}\d])(?:līdz|uz)(?![\p{L}\d])/giu, ' ')
    .replace(/(?:plkst\.?|pl\.|pl:)\s*\d{1,2}(?:[:.]\d{2})?/giu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (prefix === '') return [];
  const owners: Owner[] = [];
  for (const part of splitOwners(prefix)) {
    const owner = ownerName(part, index, true);
    if (owner === undefined) return [];
    owners.push(owner);
  }
  return owners;
}

/** The deadline rules, in order; a decision convening the next sitting has none beyond them. */
function deadline(text: string, dates: readonly FoundDate[], sittingDate: string): string | undefined {
  const readable = dates.filter((d) => d.iso !== undefined);
  const before = (d: FoundDate) => text.slice(0, d.index);
  const after = (d: FoundDate) => text.slice(d.index + d.length);
  const rules: Array<(d: FoundDate) => boolean> = [
    (d) => DEADLINE_BEFORE.test(before(d)),
    (d) => CLOCK_AFTER.test(after(d)),
    (d) => /^\s*\)\s*\.?\s*$/u.test(after(d)) && before(d).includes('('),
  ];
  for (const rule of rules) {
    const hit = readable.find(rule);
    if (hit !== undefined) return hit.iso;
  }
  if (NEXT_SITTING.test(text)) return undefined;
  const ahead = readable.filter((d) => (d.iso ?? '') >= sittingDate);
  return ahead.length === 1 ? ahead[0]!.iso : undefined;
}

export function looksLikePerson(name: string): boolean {
  return PERSON_NAME.test(cleanName(name));
}
