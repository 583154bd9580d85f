// Dates (YYYY-MM-DD) and clock times (HH:MM) as the interchange format and the API carry them.
import { InvalidInput } from './errors.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function assertDate(field: string, value: string): string {
  if (!isRealDate(value)) throw new InvalidInput(field, `"${value}" nav īsts datums (jābūt GGGG-MM-DD).`);
  return value;
}

export function assertOptionalDate(field: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined) assertDate(field, value);
}

export function assertTime(field: string, value: string): string {
  if (!TIME.test(value)) throw new InvalidInput(field, `"${value}" nav derīgs laiks (jābūt SS:MM).`);
  return value;
}

/** A sitting cannot end before it starts (both on the same day). */
export function assertTimeOrder(start: string | null, end: string | null): void {
  if (start !== null && end !== null && end <= start) {
    throw new InvalidInput('endTime', `beigu laiks ${end} nav vēlāks par sākuma laiku ${start}.`);
  }
}

// Outside todayIso, which every cached read calls: a closure made per call cost more than the date.
const pad = (n: number) => String(n).padStart(2, '0');

export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
