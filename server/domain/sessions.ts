// How long a login session lives: it ends after a working day without a request, and its
// last-seen time is written at most once a minute, since idling needs no finer measure.
export const SESSION_IDLE_MINUTES = 8 * 60;
const IDLE_MS = SESSION_IDLE_MINUTES * 60_000;
const TOUCH_AFTER_MS = 60_000;

/**
 * How long, in milliseconds, a session last seen at `lastSeenAt` (an ISO time) has been idle by
 * `now`: read once per request, for both rules below. NaN for a time that cannot be read.
 */
export function idleMs(lastSeenAt: string, now: Date): number {
  return now.getTime() - Date.parse(lastSeenAt);
}

/** Whether a session idle for `idle` ms has ended; one whose last-seen time cannot be read has. */
export function sessionIdledOut(idle: number): boolean {
  return !(idle <= IDLE_MS);
}

/** Whether a request after `idle` ms should move the session's last-seen time forward. */
export function sessionNeedsTouch(idle: number): boolean {
  return idle > TOUCH_AFTER_MS;
}
