import { describe, expect, it } from 'vitest';
import { namesDate, namesOwner, needsOwnerLine } from '../../server/minutes/mentions.ts';

describe('a decision text naming its owners and due date', () => {
  it('names an owner in any case ending, with or without the space after the initial', () => {
    expect(namesOwner('E.Rancānei līdz 09.07.2025. sagatavot', 'E.\u00a0Rancāne')).toBe(true);
    expect(namesOwner('I.Kārkliņai un E. Rancānei piedalīties', 'I. Kārkliņa')).toBe(true);
    expect(namesOwner('uzdot G.Norbutam sagatavot', 'G.\u00a0Norbuts')).toBe(true);
    expect(namesOwner('uzdot Elitai Rancānei sagatavot', 'E. Rancāne')).toBe(true);
    expect(namesOwner('uzdot Sociālajam dienestam sagatavot', 'Sociālais dienests')).toBe(true);
  });

  it('does not take another person with the same surname, or a surname inside a word, for the owner', () => {
    expect(namesOwner('I.Rancānei sagatavot', 'E. Rancāne')).toBe(false);
    expect(namesOwner('E.Ozolai sagatavot', 'E. Rancāne')).toBe(false);
    expect(namesOwner('XE.Rancānei', 'E. Rancāne')).toBe(false);
  });

  it('names a due date written dd.MM.yyyy, with or without leading zeros', () => {
    expect(namesDate('līdz 09.07.2025. sagatavot', '2025-07-09')).toBe(true);
    expect(namesDate('līdz 9.7.2025. sagatavot', '2025-07-09')).toBe(true);
    expect(namesDate('līdz 19.07.2025.', '2025-07-09')).toBe(false);
    expect(namesDate('š.g. 8.septembrī', '2025-09-08')).toBe(false);
  });

  it('needs a line only for owners or a due date the text leaves unsaid', () => {
    expect(needsOwnerLine('Sēdes sasaukt š.g. 8.septembrī.', [], undefined)).toBe(false);
    expect(needsOwnerLine('I.Kārkliņai kopīgot dokumentu.', ['I. Kārkliņa'], undefined)).toBe(false);
    expect(needsOwnerLine('Uz 08.09.2025. sēdi uzaicināt.', [], '2025-09-08')).toBe(false);
    expect(needsOwnerLine('I.Kārkliņai kopīgot dokumentu.', ['I. Kārkliņa', 'E. Rancāne'], undefined)).toBe(true);
    expect(needsOwnerLine('I.Kārkliņai kopīgot dokumentu.', ['I. Kārkliņa'], '2025-09-08')).toBe(true);
  });
});
