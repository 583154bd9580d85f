// Text folded for search: case and diacritics do not matter, so `ranca` finds `Rancāne`.

export function foldForSearch(...texts: Array<string | null | undefined>): string {
  const text = texts.filter((t) => t != null).join('\n');
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
}
