// The mail's rules as plain functions: reminder days, the retry schedule, Riga's calendar day,
// the signed links, and SMTP_URL, which is never echoed.
import { describe, expect, it } from 'vitest';
import { parseMailFrom, parseSmtpUrl, readConfig } from '../../server/config.ts';
import { addDays, reminderReason, retryDelayMs, rigaClock, signLink, verifyLink, type LinkClaims } from '../../server/domain/mail.ts';

describe('reminder days', () => {
  const reasons = (due: string, daysBefore = 7) => {
    const found: string[] = [];
    for (let day = addDays(due, -30); day <= addDays(due, 60); day = addDays(day, 1)) {
      const reason = reminderReason(due, day, daysBefore);
      if (reason !== null) found.push(`${day} ${reason}`);
    }
    return found;
  };

  it('N days before the deadline, the day after it, then weekly for at most 4 more weeks', () => {
    expect(reasons('2026-12-10')).toEqual([
      '2026-12-03 before',
      '2026-12-11 overdue',
      '2026-12-18 overdue',
      '2026-12-25 overdue',
      '2027-01-01 overdue',
      '2027-01-08 overdue',
    ]);
  });

  it('the group sets N; 0 sends nothing before the deadline', () => {
    expect(reasons('2026-03-31', 3)[0]).toBe('2026-03-28 before');
    expect(reasons('2026-03-31', 0)[0]).toBe('2026-04-01 overdue');
  });

  it('not on the deadline itself', () => {
    expect(reminderReason('2026-12-10', '2026-12-10', 7)).toBeNull();
  });
});

describe('the retry schedule', () => {
  it('waits 1 minute after the first failure, doubling, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe("Riga's calendar day", () => {
  it('is a day ahead of UTC late in the evening, in summer and in winter', () => {
    expect(rigaClock(new Date('2026-07-01T21:30:00Z'))).toEqual({ date: '2026-07-02', hour: 0 });
    expect(rigaClock(new Date('2026-12-31T22:30:00Z'))).toEqual({ date: '2027-01-01', hour: 0 });
    expect(rigaClock(new Date('2026-12-31T21:30:00Z'))).toEqual({ date: '2026-12-31', hour: 23 });
  });
});

describe('signed links', () => {
  const claims: LinkClaims = { purpose: 'outside', groupId: 1, personId: 5, expires: Date.parse('2026-12-15T00:00:00Z') / 1000 };
  const token = signLink('noslēpums', claims);

  it('hold their claims until they expire', () => {
    expect(verifyLink('noslēpums', token, 'outside', new Date('2026-12-14T23:59:00Z'))).toEqual(claims);
    expect(verifyLink('noslēpums', token, 'outside', new Date('2026-12-15T00:00:00Z'))).toBeNull();
  });

  it('are refused under another key, for another purpose, or changed', () => {
    expect(verifyLink('cits', token, 'outside', new Date('2026-12-01'))).toBeNull();
    expect(verifyLink('noslēpums', token, 'unsubscribe', new Date('2026-12-01'))).toBeNull();
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify(['outside', 1, 6, claims.expires])).toString('base64url');
    expect(verifyLink('noslēpums', `${other}.${signature}`, 'outside', new Date('2026-12-01'))).toBeNull();
    expect(verifyLink('noslēpums', 'nav.saite.vispār', 'outside', new Date('2026-12-01'))).toBeNull();
  });

  it('an unsubscribe link never expires', () => {
    const link = signLink('k', { purpose: 'unsubscribe', groupId: 1, personId: 2, expires: null });
    expect(verifyLink('k', link, 'unsubscribe', new Date('2099-01-01'))).toMatchObject({ personId: 2 });
  });
});

describe('mail configuration', () => {
  it('takes smtp:// with or without a login, and smtps://', () => {
    expect(parseSmtpUrl('smtp://user:pass@mail.example.lv:587')).toBe('smtp://user:pass@mail.example.lv:587');
    expect(parseSmtpUrl('smtp://127.0.0.1:2525')).toBe('smtp://127.0.0.1:2525');
    expect(parseSmtpUrl('smtps://mail.example.lv')).toBe('smtps://mail.example.lv');
    expect(parseSmtpUrl(undefined)).toBeNull();
  });

  it('refuses a wrong SMTP_URL without repeating it: it may hold a password', () => {
    expect(() => parseSmtpUrl('http://lietotajs:SlepenaParole@mail.example.lv')).toThrow(/SMTP_URL/u);
    try {
      parseSmtpUrl('http://lietotajs:SlepenaParole@mail.example.lv');
    } catch (error) {
      expect((error as Error).message).not.toContain('SlepenaParole');
    }
  });

  it('MAIL_FROM defaults to protokols@ the public host, and must be an address', () => {
    expect(readConfig({}).mailFrom).toBe('protokols@localhost');
    expect(readConfig({ PUBLIC_URL: 'https://protokols.cesis.lv' }).mailFrom).toBe('protokols@protokols.cesis.lv');
    expect(parseMailFrom('Sadarbības grupa <grupa@cesis.lv>', null)).toBe('Sadarbības grupa <grupa@cesis.lv>');
    expect(() => parseMailFrom('nav adrese', null)).toThrow(/MAIL_FROM/u);
  });
});
