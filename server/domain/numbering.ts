// Ordered, gap-free numbering (agenda positions 1..n, decision numbers 1..n).
import { Conflict, InvalidInput } from './errors.ts';

/** PostgreSQL's `integer`: ids, versions, positions and numbers never exceed it. */
export const MAX_INTEGER = 2_147_483_647;
/** A sitting number as the minutes print it (Nr. 7): four digits are decades of sittings. */
export const MAX_SITTING_NUMBER = 9_999;

/** Moves `id` to 1-based `to` within `ids` (ordered), returning the new order. */
export function moveTo<T>(ids: readonly T[], id: T, to: number, field = 'position'): T[] {
  if (!Number.isInteger(to) || to < 1 || to > ids.length) {
    throw new InvalidInput(field, `jābūt no 1 līdz ${ids.length}.`);
  }
  const rest = ids.filter((x) => x !== id);
  rest.splice(to - 1, 0, id);
  return rest;
}

/** Where a new entry goes: at `requested` (shifting later ones) or at the end. */
export function insertionPoint(count: number, requested: number | undefined, field = 'position'): number {
  if (requested === undefined) return count + 1;
  if (!Number.isInteger(requested) || requested < 1 || requested > count + 1) {
    throw new InvalidInput(field, `jābūt no 1 līdz ${count + 1}.`);
  }
  return requested;
}

/** Pairs each id with its gap-free 1-based number, for the rows whose number changes. */
export function renumbered<T>(ordered: readonly T[], current: ReadonlyMap<T, number>): Array<{ id: T; number: number }> {
  return ordered.map((id, i) => ({ id, number: i + 1 })).filter(({ id, number }) => current.get(id) !== number);
}

/** The number suggested for a new sitting: one past the highest so far. */
export function nextSittingNumber(highest: number | null): number {
  const next = (highest ?? 0) + 1;
  if (next > MAX_SITTING_NUMBER)
    throw new Conflict(`nākamais numurs būtu lielāks par ${MAX_SITTING_NUMBER}; norādiet sēdes numuru.`, 'number');
  return next;
}
