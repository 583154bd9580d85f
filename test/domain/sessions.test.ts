import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MINUTES, idleMs, sessionIdledOut, sessionNeedsTouch } from '../../server/domain/sessions.ts';

const now = new Date('2026-11-26T08:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('a login session', () => {
  it('lives eight hours without a request, and ends after that', () => {
    expect(SESSION_IDLE_MINUTES).toBe(480);
    expect(sessionIdledOut(idleMs(minutesAgo(479), now))).toBe(false);
    expect(sessionIdledOut(idleMs(minutesAgo(480), now))).toBe(false);
    expect(sessionIdledOut(idleMs(new Date(now.getTime() - 480 * 60_000 - 1).toISOString(), now))).toBe(true);
    expect(sessionIdledOut(idleMs(minutesAgo(481), now))).toBe(true);
  });

  it('ends when its last-seen time cannot be read', () => {
    for (const unreadable of ['', 'vakar', '2026-13-45T99:00:00Z']) expect(sessionIdledOut(idleMs(unreadable, now)), unreadable).toBe(true);
  });

  it('has its last-seen time moved forward at most once a minute', () => {
    const secondsAgo = (seconds: number) => idleMs(new Date(now.getTime() - seconds * 1000).toISOString(), now);
    expect(sessionNeedsTouch(secondsAgo(59))).toBe(false);
    expect(sessionNeedsTouch(secondsAgo(60))).toBe(false);
    expect(sessionNeedsTouch(secondsAgo(61))).toBe(true);
  });
});
