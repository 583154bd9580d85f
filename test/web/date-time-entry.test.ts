// Dates and times as Latvian secretaries type them, whatever the browser's language: the front
// end's parsing to the API's ISO forms and its formatting back (web/src/format.ts).
import { describe, expect, it } from 'vitest';
import { dateLv, parseDateLv, parseTimeLv, timeLv } from '../../web/src/format.ts';

describe('a typed date', () => {
  it.each([
    ['09.07.2025.', '2025-07-09'],
    ['09.07.2025', '2025-07-09'],
    ['9.7.2025', '2025-07-09'],
    ['9.7.2025.', '2025-07-09'],
    [' 9. 7. 2025. ', '2025-07-09'],
    ['2025-07-09', '2025-07-09'],
    ['09,07,2025', '2025-07-09'],
    ['29.02.2024.', '2024-02-29'],
    ['31.12.2025.', '2025-12-31'],
  ])('%j is read as %s', (typed, iso) => {
    expect(parseDateLv(typed)).toBe(iso);
  });

  it.each([
    '',
    '07/09/2025',
    '9.7.25',
    '9.7.202',
    '32.07.2025.',
    '29.02.2025.',
    '00.07.2025',
    '09.13.2025',
    '2025-7-9',
    '2025-07-1',
    'rīt',
    '09.07.2025..',
  ])('%j is not a date', (typed) => {
    expect(parseDateLv(typed)).toBeNull();
  });

  it('is shown back the Latvian way, with the trailing dot', () => {
    expect(dateLv(parseDateLv('9.7.2025'))).toBe('09.07.2025.');
  });
});

describe('a typed time', () => {
  it.each([
    ['14.00', '14:00'],
    ['14:00', '14:00'],
    ['14', '14:00'],
    ['9.30', '09:30'],
    ['09.30', '09:30'],
    ['0.05', '00:05'],
    ['14,00', '14:00'],
    ['23.59', '23:59'],
  ])('%j is read as %s', (typed, time) => {
    expect(parseTimeLv(typed)).toBe(time);
  });

  it.each(['', '24.00', '14.60', '9.3', '14.000', '2 PM', '14h', '-1'])('%j is not a time', (typed) => {
    expect(parseTimeLv(typed)).toBeNull();
  });

  it('is shown back with a dot', () => {
    expect(timeLv(parseTimeLv('14'))).toBe('14.00');
  });
});
