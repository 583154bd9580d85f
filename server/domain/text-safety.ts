// What no text of a document may hold: one rule, applied to every API field (through the
// schemas' `textSafety` keyword) and to every imported sitting document.

/** Free text may hold anything printable plus tab and line ends; a name or file name is also one direction. */
export type TextKind = 'text' | 'name';

// With the u flag a surrogate range matches only a half without its partner: paired halves are one code point.
const LONE_SURROGATE = /[\ud800-\udfff]/u;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u;
// Embeddings, overrides and isolates reorder what a reader sees: a name could show as someone else's.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

const codePoint = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` may not be stored as `kind`, in Latvian (the end of "Lauks "x": …"), or null when it may. */
export function textProblem(value: string, kind: TextKind): string | null {
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate !== null) return `satur bojātu rakstzīmi (${codePoint(surrogate[0])} bez pāra); teksts nav derīgs Unikods.`;
  const control = CONTROL.exec(value);
  if (control !== null) return `satur neatļautu vadības rakstzīmi (${codePoint(control[0])}).`;
  if (kind === 'name') {
    const bidi = BIDI_CONTROL.exec(value);
    if (bidi !== null)
      return `satur teksta virziena vadības rakstzīmi (${codePoint(bidi[0])}), kas vārdos un failu nosaukumos nav atļauta.`;
  }
  return null;
}
