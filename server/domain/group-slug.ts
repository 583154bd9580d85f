// A group's slug: the short name after `@` in `login@slug`, made from the group's name.

const MAX_SLUG = 60;

/** Lowercase ASCII with Latvian letters folded (ā→a, č→c, ņ→n …) and hyphens between words. */
export function slugOf(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/u, '');
  return folded === '' ? 'grupa' : folded;
}

/** The first of `base`, `base-2`, `base-3` … that no group has yet. */
export function freeSlug(base: string, taken: ReadonlySet<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** `login@slug` split at its last `@`, or null when the text has no `@` with both sides filled. */
export function splitGroupLogin(text: string): { login: string; slug: string } | null {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  return { login: text.slice(0, at), slug: text.slice(at + 1) };
}
