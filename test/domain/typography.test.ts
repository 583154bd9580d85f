// The Latvian typography corrections, on the texts of the reference protocols: they join initials,
// space abbreviations, dash ranges and set Latvian quotes, and touch nothing else.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixTypography, typographyFixes } from '../../server/domain/typography.ts';
import { nr7, sharedPath } from '../support/reference.ts';

const NBSP = '\u00a0';
const original = readFileSync(sharedPath('reference', 'protocol-nr7-original.txt'), 'utf8');
const plan = readFileSync(sharedPath('reference', 'prevention-plan-2025-2027.txt'), 'utf8');

/** The text with what the rules may change taken out: spaces, dashes and quotes. */
const skeleton = (text: string) =>
  text
    .replace(/[\s\u00a0]/gu, '')
    .replace(/[–-]/gu, '-')
    .replace(/["“”„]/gu, '"');

describe('Labot noformējumu on protocol Nr. 7 as its secretary typed it', () => {
  const fixed = fixTypography(original);

  it('joins initials to the surname with a no-break space, wherever a name is written with them', () => {
    for (const name of ['E.Rancāne', 'E.Rancānei', 'I.Kārkliņa', 'I.Kārkliņai', 'G.Norbuts', 'A.Krasņicka', 'I.Randare'])
      expect(fixed).toContain(name.replace('.', `.${NBSP}`));
    expect(fixed).not.toMatch(/\p{Lu}\.\p{Lu}\p{Ll}/u);
  });

  it('spaces š.g., u.c. and t.s. with a no-break space, dashes the range 29-70, and sets „…” quotes', () => {
    expect(fixed).toContain(`š.${NBSP}g. 8.septembrī`);
    expect(fixed).toContain(`pārgājienu, u.${NBSP}c.)`);
    expect(fixed).toContain(`(t.${NBSP}s. „zaļais koridors”)`);
    expect(fixed).toContain('izmaksas ir 29–70 euro');
    expect(fixed).toContain('Centrs „Dardedze”');
    expect(fixed).toContain('Jauniešu centrā „Apelsīns”');
    expect(fixed).not.toMatch(/[“"]/u);
  });

  it('leaves dates, times, numbers and numbered lines as they were', () => {
    const kept = [
      ...original.matchAll(/\d{1,4}(?:[.:]\d{1,4})+\.?/gu), // 08.07.2025., 14:00, 17.00, 2025.gada
      ...original.matchAll(/^\d+\. /gmu), // numbered lines
      ...original.matchAll(/Nr\. \d+/gu),
    ].map((m) => m[0]);
    expect(kept.length).toBeGreaterThan(15);
    for (const k of kept) expect(fixed.split(k).length, k).toBe(original.split(k).length);
    expect(skeleton(fixed)).toBe(skeleton(original));
    expect(fixed.split('\n').length).toBe(original.split('\n').length);
  });

  it('lists each change with the word it is in, for the preview', () => {
    const fixes = typographyFixes(nr7().agenda[1]?.proceedings ?? '');
    expect(fixes).toEqual([
      { rule: 'initials', before: 'E.Rancāne', after: `E.${NBSP}Rancāne` },
      { rule: 'range', before: '29-70', after: '29–70' },
      { rule: 'quotes', before: '“Apelsīns”', after: '„Apelsīns”' },
      { rule: 'quotes', before: '“Dardedze”', after: '„Dardedze”' },
    ]);
  });

  it('changes nothing the second time', () => {
    expect(fixTypography(fixed)).toBe(fixed);
    expect(typographyFixes(fixed)).toEqual([]);
  });
});

describe('Labot noformējumu on the prevention plan', () => {
  const fixed = fixTypography(plan);

  it('keeps activity numbers, years, dates and file names, and changes only spaces, dashes and quotes', () => {
    for (const kept of ['5.3.1.', '1.1.', '2023.gadā', '14-11-1.pdf', '33.lpp', '2025.–2027.', '1.–12. klasei'])
      if (plan.includes(kept)) expect(fixed, kept).toContain(kept);
    expect(skeleton(fixed)).toBe(skeleton(plan));
    expect(fixTypography(fixed)).toBe(fixed);
  });

  it('dashes age ranges, joins the initial of a school’s namesake and sets the quotes of programme names', () => {
    expect(fixed).toContain('(5–10 g.v.)');
    expect(fixed).toContain(`A.${NBSP}Bieziņa`);
    expect(fixed).toContain('Programma „STOP 4–7”');
    expect(fixed).toContain('„Sargenģelis”');
  });
});

describe('what the rules leave alone', () => {
  it.each([
    ['an ISO date', 'Termiņš 2025-07-09.'],
    ['a time range', 'No plkst. 14.00-16.00.'],
    ['a phone number', 'Tālr. 29-123-456.'],
    ['a decimal range', 'Izmaksas 2,5-3,5 eiro.'],
    ['an abbreviation in capitals', 'VP.Speciālisti un NVO.Biedri.'],
    ['initials already joined', `E.${NBSP}Rancāne un A.${NBSP}M.${NBSP}Ozola`],
    ['Latvian quotes', 'Centrs „Dardedze”.'],
  ])('%s', (_label, text) => {
    expect(fixTypography(text)).toBe(text);
  });

  it('joins a double initial: A.M.Ozola and A. M. Ozola → A. M. Ozola', () => {
    expect(fixTypography('A.M.Ozola, A. M. Ozola')).toBe(`A.${NBSP}M.${NBSP}Ozola, A.${NBSP}M.${NBSP}Ozola`);
  });

  it('never changes text made of digits, dots, colons, commas and spaces (dates, times, numbering)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.:, \n]{0,40}$/), (text) => {
        expect(fixTypography(text)).toBe(text);
      }),
    );
  });
});
