// Text folded for search: case and diacritics do not matter, so `ranca` finds `Rancāne`.

export function foldForSearch(...texts: Array<string | null | undefined>): string {
  const text = texts.filter((t) => t != null).join('\n');
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
}

/** The words of a query, folded; a word with no letter or digit is left out, as no index holds it. */
export function searchWords(query: string): string[] {
  return foldForSearch(query)
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/**
 * The SQLite FTS5 query for what was typed: each word, quoted (so `"`, `*`, `-`, `:`, parentheses
 * and `NEAR` are plain text), matches the words that start with it, and all words must match.
 * Null when no word is left, so nothing can match.
 */
export function prefixMatchQuery(query: string): string | null {
  const words = searchWords(query);
  return words.length === 0 ? null : words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
