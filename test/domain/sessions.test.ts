import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MINUTES, sessionIdledOut, sessionNeedsTouch } from '../../server/domain/sessions.ts';

const now = new Date('2026-11-26T08:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('a login session', () => {
  it('lives eight hours without a request, and ends after that', () => {
    expect(SESSION_IDLE_MINUTES).toBe(480);
    expect(sessionIdledOut(minutesAgo(479), now)).toBe(false);
    expect(sessionIdledOut(minutesAgo(480), now)).toBe(false);
    expect(sessionIdledOut(minutesAgo(481), now)).toBe(true);
  });

  it('has its last-seen time moved forward at most once a minute', () => {
    expect(sessionNeedsTouch(new Date(now.getTime() - 59_000).toISOString(), now)).toBe(false);
    expect(sessionNeedsTouch(new Date(now.getTime() - 60_000).toISOString(), now)).toBe(false);
    expect(sessionNeedsTouch(new Date(now.getTime() - 61_000).toISOString(), now)).toBe(true);
  });
});
