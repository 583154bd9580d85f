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

/** Letters and digits need no escape in a POSIX expression, but a letter class may hold an odd one. */
const escapeRegex = (token: string) => token.replace(/[\\^$.|?*+()[\]{}]/gu, (c) => `\\${c}`);

/**
 * The same matching without FTS5 (PostgreSQL): one POSIX regular expression per word over the folded
 * text. FTS5's unicode61 tokenizer splits on anything not a letter or digit, and a quoted word with `*`
 * matches its tokens one after another, the last as a prefix, each starting a token: so here the
 * tokens, joined by non-alphanumerics, after the start of the text or a non-alphanumeric.
 */
export function prefixMatchPatterns(query: string): string[] {
  return wordTokens(query).map((tokens) => `(^|[^[:alnum:]])${tokens.map(escapeRegex).join('[^[:alnum:]]+')}`);
}

/**
 * The tokens prefixMatchPatterns' expressions hold as they are: text those match contains each of
 * them, which `like '%token%'` finds far sooner than the expression (a third of the time on PostgreSQL).
 */
export function prefixMatchTokens(query: string): string[] {
  return wordTokens(query).flat();
}

function wordTokens(query: string): string[][] {
  return searchWords(query)
    .map((word) => word.split(/[^\p{L}\p{N}]+/u).filter((token) => token !== ''))
    .filter((tokens) => tokens.length > 0);
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
