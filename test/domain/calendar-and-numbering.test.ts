import { describe, expect, it } from 'vitest';
import { assertTimeOrder, isRealDate } from '../../server/domain/calendar.ts';
import { InvalidInput } from '../../server/domain/errors.ts';
import { insertionPoint, moveTo, nextSittingNumber, renumbered } from '../../server/domain/numbering.ts';

describe('dates and times', () => {
  it.each(['2025-07-08', '2024-02-29', '2000-02-29', '2025-12-31'])('%s is a real date', (d) => expect(isRealDate(d)).toBe(true));
  it.each(['2025-02-30', '2025-02-29', '1900-02-29', '2025-13-01', '2025-04-31', '2025-7-8', '08.07.2025.', ''])('%s is not', (d) =>
    expect(isRealDate(d)).toBe(false),
  );
  it('a sitting cannot end before or when it starts', () => {
    expect(() => assertTimeOrder('14:00', '13:59')).toThrow(InvalidInput);
    expect(() => assertTimeOrder('14:00', '14:00')).toThrow(/endTime/);
    expect(() => assertTimeOrder('14:00', '16:00')).not.toThrow();
    expect(() => assertTimeOrder(null, '16:00')).not.toThrow();
  });
});

describe('gap-free numbering', () => {
  it('moving an entry shifts the others', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 'a', 3)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveTo(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['d', 'a', 'b', 'c']);
  });
  it('a position outside 1..n is refused', () => {
    expect(() => moveTo(['a', 'b'], 'a', 3)).toThrow(/no 1 līdz 2/);
    expect(() => moveTo(['a', 'b'], 'a', 0)).toThrow(InvalidInput);
    expect(() => insertionPoint(2, 4)).toThrow(/no 1 līdz 3/);
  });
  it('a new entry goes to the end unless placed', () => {
    expect(insertionPoint(3, undefined)).toBe(4);
    expect(insertionPoint(3, 1)).toBe(1);
  });
  it('only the rows whose number changes are rewritten', () => {
    expect(
      renumbered(
        [10, 30, 20],
        new Map([
          [10, 1],
          [20, 2],
          [30, 3],
        ]),
      ),
    ).toEqual([
      { id: 30, number: 2 },
      { id: 20, number: 3 },
    ]);
  });
  it('the next sitting number is one past the highest', () => {
    expect(nextSittingNumber(null)).toBe(1);
    expect(nextSittingNumber(7)).toBe(8);
  });
});
