// Whether a decision's own text already names its owners and due date, so that the minutes
// do not say them twice (MINUTES-FORMAT.md, item 10).

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function isInitial(word: string): boolean {
  return /^\p{Lu}\.(?:-\p{Lu}\.)?$/u.test(word);
}

/**
 * A pattern for one word of a name as Latvian text may inflect it. An initial (E.) also matches
 * a given name starting with that letter; a longer word matches on its stem, the word less its
 * last one or two letters, so E. Rancāne is found in "E.Rancānei" and "Elitai Rancānei".
 */
function wordPattern(word: string): string {
  if (isInitial(word)) {
    const letter = escapeRegExp(word.charAt(0));
    return `${letter}(?:\\.|\\p{L}+)`;
  }
  const letters = [...word];
  const cut = letters.length >= 5 ? 2 : letters.length === 4 ? 1 : 0;
  return `${escapeRegExp(letters.slice(0, letters.length - cut).join(''))}\\p{L}*`;
}

/** Whether `text` names `owner` (a short form such as I. Kārkliņa, or any name as written). */
export function namesOwner(text: string, owner: string): boolean {
  const pattern = ownerPattern(owner);
  return pattern === undefined || pattern.test(text);
}

// A sitting names the same few owners under many decisions: each owner's pattern is compiled once.
const ownerPatterns = new Map<string, RegExp | undefined>();

function ownerPattern(owner: string): RegExp | undefined {
  if (ownerPatterns.has(owner)) return ownerPatterns.get(owner);
  const words = owner
    .replace(/(\p{Lu}\.)(?=\p{L})/gu, '$1 ')
    .split(/[\s\u00a0]+/u)
    .filter((w) => w.length > 0);
  // After an initial the space is optional (E.Rancāne); between whole words it is required.
  const body = words
    .map((word, i) => (i === 0 ? '' : isInitial(words[i - 1] as string) ? '[\\s\\u00a0]*' : '[\\s\\u00a0]+') + wordPattern(word))
    .join('');
  const pattern = words.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}])${body}`, 'u');
  if (ownerPatterns.size >= 1000) ownerPatterns.clear();
  ownerPatterns.set(owner, pattern);
  return pattern;
}

/** Whether `text` names the date `iso` (YYYY-MM-DD) as dd.MM.yyyy, leading zeros optional. */
export function namesDate(text: string, iso: string): boolean {
  const [year, month, day] = iso.split('-');
  if (year === undefined || month === undefined || day === undefined) return false;
  const optionalZero = (part: string) => (part.startsWith('0') ? `0?${part.slice(1)}` : part);
  return new RegExp(`(?<!\\d)${optionalZero(day)}\\.${optionalZero(month)}\\.${year}(?!\\d)`, 'u').test(text);
}

/**
 * Whether the owner/deadline line is needed under a decision: only when it has owners or a due
 * date, and its text does not already name every owner and the date.
 */
export function needsOwnerLine(text: string, owners: readonly string[], due: string | undefined): boolean {
  if (owners.length === 0 && due === undefined) return false;
  const ownersNamed = owners.every((owner) => namesOwner(text, owner));
  const dueNamed = due === undefined || namesDate(text, due);
  return !(ownersNamed && dueNamed);
}
