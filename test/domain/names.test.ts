import { describe, expect, it } from 'vitest';
import { matchPerson, nameCandidates, nameKey, personMatcher, shortForm } from '../../server/domain/names.ts';

const NBSP = '\u00a0';

describe('short form of a name', () => {
  it.each([
    ['Elita Rancāne', `E.${NBSP}Rancāne`],
    ['Anna Marija Ozola', `A.${NBSP}M.${NBSP}Ozola`],
    ['Anna-Marija Ozola', `A.-M.${NBSP}Ozola`],
    ['  Guntars   Norbuts ', `G.${NBSP}Norbuts`],
    ['M. Šteins', `M.${NBSP}Šteins`],
    ['M.Šteins', `M.${NBSP}Šteins`],
    ['Ērika Ūdre', `Ē.${NBSP}Ūdre`],
    ['Bāriņtiesa', 'Bāriņtiesa'],
  ])('%s → %s', (full, short) => {
    expect(shortForm(full)).toBe(short);
  });
});

describe('matching a typed name to the directory', () => {
  const people = [
    { id: 1, fullName: 'Elita Rancāne', shortName: null },
    { id: 2, fullName: 'Inga Kārkliņa', shortName: null },
    { id: 3, fullName: 'Ieva Kārkliņa', shortName: null },
    { id: 4, fullName: 'Jānis Bērziņš', shortName: 'J. Bērziņš-Vecais' },
  ];

  it('the variants of one short form compare equal', () => {
    expect(nameKey('E.Rancāne')).toBe(nameKey('E. Rancāne'));
    expect(nameKey(`E.${NBSP}Rancāne`)).toBe(nameKey('e. rancāne'));
  });

  it('matches by full name, or by short form with or without the space', () => {
    expect(matchPerson('Elita Rancāne', people)?.id).toBe(1);
    expect(matchPerson('E.Rancāne', people)?.id).toBe(1);
    expect(matchPerson('E. Rancāne', people)?.id).toBe(1);
  });

  it('an overridden short form is the one that matches', () => {
    expect(matchPerson('J.Bērziņš-Vecais', people)?.id).toBe(4);
  });

  it('a short form shared by two people matches neither, unless the sitting decides', () => {
    expect(matchPerson('I.Kārkliņa', people)).toBeUndefined();
    expect(matchPerson('I.Kārkliņa', people, new Set([2]))?.id).toBe(2);
  });

  it('an unknown name matches nobody', () => {
    expect(matchPerson('Valsts policija', people)).toBeUndefined();
  });

  it('the candidates of a name say whether it fits no one, one person or several (a full name before a short form)', () => {
    expect(nameCandidates('Valsts policija', people)).toEqual([]);
    expect(nameCandidates('Ieva Kārkliņa', people).map((p) => p.id)).toEqual([3]);
    expect(nameCandidates('I. Kārkliņa', people).map((p) => p.id)).toEqual([2, 3]);
  });

  it('a matcher made once for a list matches each typed name as matchPerson does', () => {
    const match = personMatcher(people);
    for (const name of ['Elita Rancāne', 'E.Rancāne', 'J.Bērziņš-Vecais', 'I.Kārkliņa', 'Valsts policija'])
      expect(match(name)).toBe(matchPerson(name, people));
    expect(match('I.Kārkliņa', new Set([2]))?.id).toBe(2);
  });
});
