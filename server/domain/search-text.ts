// Text folded for search: case and diacritics do not matter, so `ranca` finds `Rancāne`.

export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase();
}
