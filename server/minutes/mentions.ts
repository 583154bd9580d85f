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

/**
 * `compile` run once per key, the results kept (up to a thousand): a sitting names the same few
 * owners and dates under many decisions.
 */
function compiledOncePer<T>(compile: (key: string) => T): (key: string) => T {
  const compiled = new Map<string, T>();
  return (key) => {
    if (compiled.has(key)) return compiled.get(key) as T;
    const value = compile(key);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(key, value);
    return value;
  };
}

const ownerPattern = compiledOncePer((owner): RegExp | undefined => {
  const words = owner
    .replace(/(\p{Lu}\.)(?=\p{L})/gu, '$1 ')
    .split(/[\s\u00a0]+/u)
    .filter((w) => w.length > 0);
  // After an initial the space is optional (E.Rancāne); between whole words it is required.
  const body = words
    .map((word, i) => (i === 0 ? '' : isInitial(words[i - 1] as string) ? '[\\s\\u00a0]*' : '[\\s\\u00a0]+') + wordPattern(word))
    .join('');
  return words.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}])${body}`, 'u');
});

/** Whether `text` names the date `iso` (YYYY-MM-DD) as dd.MM.yyyy, leading zeros optional. */
export function namesDate(text: string, iso: string): boolean {
  const pattern = datePattern(iso);
  return pattern !== undefined && pattern.test(text);
}

const datePattern = compiledOncePer((iso): RegExp | undefined => {
  const [year, month, day] = iso.split('-');
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const optionalZero = (part: string) => (part.startsWith('0') ? `0?${part.slice(1)}` : part);
  return new RegExp(`(?<!\\d)${optionalZero(day)}\\.${optionalZero(month)}\\.${year}(?!\\d)`, 'u');
});

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
