// The order names and lists are shown and printed in: the Latvian alphabet (A, Ā, B, C, Č, …), the
// same on SQLite and PostgreSQL, whose own orders are byte order or the server's locale.

const collator = new Intl.Collator('lv', { numeric: true });

/** Compares two texts in Latvian alphabetical order (a comparator for `sort`). */
export function latvianOrder(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The items in Latvian order of `key`, ties in the order given (sort is stable). */
export function sortedLatvian<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => latvianOrder(key(a), key(b)));
}
