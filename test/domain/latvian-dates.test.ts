import { describe, expect, it } from 'vitest';
import { findDates, findTime, firstDate } from '../../server/domain/latvian-dates.ts';

describe('dates as Latvian minutes write them', () => {
  it.each([
    ['2025.gada 08.jūlijs', '2025-07-08'],
    ['2025. gada 8. jūlijā', '2025-07-08'],
    ['2025.gada 8.jūlija sēde', '2025-07-08'],
    ['2026.g. 2.martā', '2026-03-02'],
    ['līdz 2025. gada 1. oktobrim', '2025-10-01'],
    ['2024. gada 29. februāris', '2024-02-29'],
    ['2025.gada 3.junijs', '2025-06-03'],
    ['08.07.2025.', '2025-07-08'],
    ['8.7.2025', '2025-07-08'],
    ['08/07/2025', '2025-07-08'],
    ['08. 07. 2025.', '2025-07-08'],
    ['2025-07-08', '2025-07-08'],
  ])('%s → %s', (text, iso) => {
    expect(firstDate(text)?.iso).toBe(iso);
  });

  it.each([
    ['š.g. 8.septembrī', 2025, '2025-09-08'],
    ['šī gada 15. augustā', 2025, '2025-08-15'],
    ['līdz 15.augustam', 2026, '2026-08-15'],
    ['n.g. 15.janvārī', 2025, '2026-01-15'],
    ['nākamā gada 10. februārim', 2025, '2026-02-10'],
  ])('a date without its year takes the sitting year: %s (%i) → %s', (text, year, iso) => {
    const found = firstDate(text, year);
    expect(found?.iso).toBe(iso);
    expect(found?.relative).toBe(true);
  });

  it('a day that does not exist is found but unreadable, so it can be doubted', () => {
    expect(firstDate('līdz 31.02.2025.')).toMatchObject({ iso: undefined, relative: false });
    expect(firstDate('2025. gada 30. februārī')?.iso).toBeUndefined();
  });

  it('a date without its year and no sitting year is unreadable', () => {
    expect(firstDate('š.g. 8.septembrī')?.iso).toBeUndefined();
  });

  it('finds every date of a text in order, each once', () => {
    const text = 'Uz 08.09.2025. sēdi; atskaite līdz 2025. gada 1. oktobrim un š.g. 5.novembrī.';
    expect(findDates(text, 2025).map((d) => d.iso)).toEqual(['2025-09-08', '2025-10-01', '2025-11-05']);
  });

  it('a time or a number is no date', () => {
    expect(findDates('plkst. 14.00, 29-70 euro, 590 kolektīvam, 12 un 17 gadus')).toEqual([]);
  });
});

describe('clock times', () => {
  it.each([
    ['Sēde sākās: 08.07.2025. plkst. 14:00', '14:00'],
    ['sēdi beidz plkst. 16.00', '16:00'],
    ['Sēde noslēdzās: pl: 17.00', '17:00'],
    ['plkst.9.30', '09:30'],
    ['plkst. 15', '15:00'],
    ['pulksten 10:15', '10:15'],
    ['14:00', '14:00'],
  ])('%s → %s', (text, time) => {
    expect(findTime(text)?.time).toBe(time);
  });

  it('a date is no time, and 25:00 is none', () => {
    expect(findTime('08.07.2025.')).toBeUndefined();
    expect(findTime('plkst. 25.00')).toBeUndefined();
  });
});
