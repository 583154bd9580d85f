// The words of the prevention plan's screens: the yearly statuses as the group says them, and the
// kinds of things linked to an activity.
import type { ActivityEvent, ActivityStatus } from '../types.ts';

export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = {
  not_started: 'nav uzsākts',
  in_progress: 'tiek īstenots',
  done: 'īstenots',
  ongoing: 'pastāvīgi',
  postponed: 'atlikts',
};

export const EVENT_LABEL: Record<ActivityEvent['kind'], string> = {
  item: 'Darba kārtības punkts',
  decision: 'Lēmums',
  review: 'Izpildes kontrole',
  note: 'Progresa piezīme',
};

/** The plan year a screen starts on: this year while the plan runs, else its nearest year. */
export function defaultYear(periodFrom: number, periodTo: number, today = new Date()): number {
  return Math.min(periodTo, Math.max(periodFrom, today.getFullYear()));
}
