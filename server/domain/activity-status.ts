// The rules of an activity's yearly status: a postponed activity says why, and the year lies within
// the plan's period.
import { InvalidInput } from './errors.ts';
import type { ActivityStatus } from './vocabulary.ts';

export interface ActivityStatusInput {
  year: number;
  status: ActivityStatus;
  reason: string | null;
}

export function assertActivityStatus(input: ActivityStatusInput, period: { from: number; to: number }): void {
  if (input.year < period.from || input.year > period.to)
    throw new InvalidInput('year', `plāns aptver ${period.from}.–${period.to}. gadu; ${input.year}. gads tajā neietilpst.`);
  if (input.status === 'postponed' && (input.reason ?? '').trim() === '')
    throw new InvalidInput('reason', 'atliktai aktivitātei jānorāda iemesls.');
}

/** Only a postponement keeps its reason. */
export function reasonKept(input: ActivityStatusInput): string | null {
  return input.status === 'postponed' ? (input.reason ?? '').trim() : null;
}

/** An activity is planned in a year when the plan names that year, or names none (every year of the plan). */
export function plannedIn(years: readonly number[], year: number): boolean {
  return years.length === 0 || years.includes(year);
}

/**
 * The monitoring report is drawn up in October–November: the first sitting on or after 1 October
 * of a year is where its agenda item is suggested.
 */
export function reportSeasonStarts(year: number): string {
  return `${year}-10-01`;
}
