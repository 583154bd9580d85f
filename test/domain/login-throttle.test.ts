import { describe, expect, it } from 'vitest';
import { addressBucket, delaySeconds, throttledMessage, waitSeconds } from '../../server/domain/login-throttle.ts';

const now = new Date('2026-11-26T08:00:00Z');
const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString();

describe('delays', () => {
  it('a (login, address) pair waits from its 3rd failure, 5 s doubling per failure up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10, 11, 50].map((f) => delaySeconds('pair', f))).toEqual([0, 0, 5, 10, 20, 40, 640, 900, 900]);
  });

  it('a login across addresses waits a minute at most; an address across logins five minutes at most', () => {
    expect([9, 10, 11, 14, 1000].map((f) => delaySeconds('account', f))).toEqual([0, 2, 4, 32, 60]);
    expect([19, 20, 21, 1000].map((f) => delaySeconds('address', f))).toEqual([0, 2, 4, 300]);
  });
});

describe('who waits', () => {
  const counters = {
    pair: { failures: 1, lastFailedAt: at(1) },
    account: { failures: 40, lastFailedAt: at(10) },
    address: { failures: 30, lastFailedAt: at(100) },
  };

  it('an address the login has succeeded from ignores the login’s and the address’s failures', () => {
    expect(waitSeconds(counters, true, now)).toBe(0);
    expect(waitSeconds(counters, false, now)).toBe(200);
  });

  it('the pair’s own delay holds even from a known address', () => {
    expect(waitSeconds({ pair: { failures: 5, lastFailedAt: at(5) } }, true, now)).toBe(15);
  });

  it('a delay that has passed leaves nothing to wait', () => {
    expect(waitSeconds({ pair: { failures: 3, lastFailedAt: at(5) } }, false, now)).toBe(0);
    expect(waitSeconds({}, false, now)).toBe(0);
  });
});

describe('addresses', () => {
  it('IPv4 stays as it is, IPv4-mapped IPv6 becomes IPv4, IPv6 is counted per /64', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});

describe('the message', () => {
  it('says in Latvian how long to wait, with the right case for the number', () => {
    expect(throttledMessage(1)).toBe('Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu. Mēģiniet vēlreiz pēc 1 sekundes.');
    expect(throttledMessage(5)).toBe('Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu. Mēģiniet vēlreiz pēc 5 sekundēm.');
    expect(throttledMessage(21)).toMatch(/pēc 21 sekundes\.$/u);
    expect(throttledMessage(11)).toMatch(/pēc 11 sekundēm\.$/u);
    expect(throttledMessage(61)).toMatch(/pēc 2 minūtēm\.$/u);
    expect(throttledMessage(900)).toMatch(/pēc 15 minūtēm\.$/u);
  });
});
