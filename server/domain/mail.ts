// The rules of the mail: on which days a decision's owner is reminded, how a failed delivery is
// retried, who receives an invitation or the signed minutes, and the signed links a mail carries
// (an outside owner's page, turning reminders off). No rows, no wording: plain functions.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Days before a deadline when the first reminder goes, unless the group sets another number. */
export const DEFAULT_REMINDER_DAYS_BEFORE = 7;
/** After the deadline: the day after, then weekly, for at most 4 weeks. */
const OVERDUE_WEEKS = 4;
/** Reminders are computed from this hour (Riga time) on, so none arrives at midnight. */
export const REMINDER_HOUR = 7;
export const MAIL_TIME_ZONE = 'Europe/Riga';

export type ReminderReason = 'before' | 'overdue';

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Why a decision due on `due` is reminded of on `today`, or null: `daysBefore` days before the
 * deadline, the day after it passed, then every 7 days for at most 4 more weeks.
 */
export function reminderReason(due: string, today: string, daysBefore: number): ReminderReason | null {
  const late = dayNumber(today) - dayNumber(due);
  if (daysBefore > 0 && late === -daysBefore) return 'before';
  if (late >= 1 && late <= 1 + 7 * OVERDUE_WEEKS && (late - 1) % 7 === 0) return 'overdue';
  return null;
}

/** The calendar date in Riga at `now`, and its hour there. */
export function rigaClock(now: Date): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: MAIL_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** How long a delivery waits after its n-th failed attempt: 1 minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A message the SMTP server would not take within this long is given up and shown to the admin. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** Who gets a sitting's invitation: present members and invited specialists, not those known absent. */
export function isInvited(role: 'member' | 'absent' | 'invited'): boolean {
  return role !== 'absent';
}

/** An address good enough to hand to the SMTP server (one @, no spaces or angle brackets). */
export function isMailAddress(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/u.test(value.trim());
}

/** The days an outside owner's link stays valid. */
export const OUTSIDE_LINK_DAYS = 14;

export type LinkPurpose = 'outside' | 'unsubscribe';

export interface LinkClaims {
  purpose: LinkPurpose;
  groupId: number;
  personId: number;
  /** Seconds since the epoch after which the link is refused; null never expires (unsubscribing). */
  expires: number | null;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** `payload.signature`: the claims, and their HMAC-SHA256 under the installation's mail secret. */
export function signLink(secret: string, claims: LinkClaims): string {
  const payload = b64(JSON.stringify([claims.purpose, claims.groupId, claims.personId, claims.expires]));
  return `${payload}.${b64(createHmac('sha256', secret).update(payload).digest())}`;
}

/** The claims of a link signed here for this purpose and not expired at `now`; null otherwise. */
export function verifyLink(secret: string, token: string, purpose: LinkPurpose, now: Date): LinkClaims | null {
  const [payload, signature, ...rest] = token.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [p, groupId, personId, expires] = parsed as [unknown, unknown, unknown, unknown];
  if (p !== purpose || typeof groupId !== 'number' || typeof personId !== 'number') return null;
  if (expires !== null && (typeof expires !== 'number' || expires * 1000 <= now.getTime())) return null;
  return { purpose, groupId, personId, expires: expires as number | null };
}

export function outsideLinkExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + OUTSIDE_LINK_DAYS * 86_400;
}
