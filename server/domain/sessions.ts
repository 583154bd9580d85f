// How long a login session lives: it ends after a working day without a request, and its
// last-seen time is written at most once a minute, since idling needs no finer measure.
export const SESSION_IDLE_MINUTES = 8 * 60;
const TOUCH_AFTER_MS = 60_000;

/** Whether a session last seen at `lastSeenAt` has idled out by `now`. */
export function sessionIdledOut(lastSeenAt: string, now: Date): boolean {
  return lastSeenAt < new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000).toISOString();
}

/** Whether a request at `now` should move the session's last-seen time forward. */
export function sessionNeedsTouch(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) > TOUCH_AFTER_MS;
}
