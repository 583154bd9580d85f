// Slows password guessing without letting a stranger lock anyone out. Failures are counted per
// (login, address) pair, per login and per address; each counter earns a delay that doubles per
// failure up to a cap. The pair's delay always applies; the login's and the address's delays
// apply only where that login has never succeeded from that address, so a correct password from
// a known address is never refused because of what others did.
import { isIPv4, isIPv6 } from 'node:net';

export type Scope = 'pair' | 'account' | 'address';
export const SCOPES: readonly Scope[] = ['pair', 'account', 'address'];

export interface DelayRule {
  /** The failure that brings the first delay. */
  after: number;
  /** That first delay; it doubles with each further failure. */
  baseSeconds: number;
  capSeconds: number;
}

export const DELAYS: Record<Scope, DelayRule> = {
  // Someone mistyping their own password a few times, then a guesser slowed to 4 tries an hour.
  pair: { after: 3, baseSeconds: 5, capSeconds: 15 * 60 },
  // Guessing one login from many addresses: small, so the real user on a new address waits a minute at most.
  account: { after: 10, baseSeconds: 2, capSeconds: 60 },
  // One address trying many logins (password spraying); known users behind that address are not slowed.
  address: { after: 20, baseSeconds: 2, capSeconds: 5 * 60 },
};

/** A counter is forgotten this long after its last failure. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
/** An address stops counting as known for a login this long after its last successful login. */
export const KNOWN_ADDRESS_MS = 180 * 24 * 60 * 60 * 1000;

export interface FailureCounter {
  failures: number;
  lastFailedAt: string;
}

export function delaySeconds(scope: Scope, failures: number): number {
  const rule = DELAYS[scope];
  if (failures < rule.after) return 0;
  return Math.min(rule.baseSeconds * 2 ** Math.min(failures - rule.after, 30), rule.capSeconds);
}

/** Seconds to wait before the next attempt is even checked; 0 when it may go ahead. */
export function waitSeconds(counters: Partial<Record<Scope, FailureCounter>>, knownAddress: boolean, now: Date): number {
  const scopes: Scope[] = knownAddress ? ['pair'] : ['pair', 'account', 'address'];
  let wait = 0;
  for (const scope of scopes) {
    const counter = counters[scope];
    if (counter === undefined) continue;
    const until = Date.parse(counter.lastFailedAt) + delaySeconds(scope, counter.failures) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/**
 * The part of a client address that identifies one client: an IPv4 address, or the /64 prefix
 * of an IPv6 address (one subscriber usually holds a whole /64 and could rotate through it).
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/u, ''))
    .join(':')}::/64`;
}

const plural = (n: number, one: string, many: string) => (n % 10 === 1 && n % 100 !== 11 ? one : many);

/** The same words whichever counter is behind it, so the answer tells nothing about the login. */
export function throttledMessage(seconds: number): string {
  const after =
    seconds < 60
      ? `${seconds} ${plural(seconds, 'sekundes', 'sekundēm')}`
      : `${Math.ceil(seconds / 60)} ${plural(Math.ceil(seconds / 60), 'minūtes', 'minūtēm')}`;
  return `Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu. Mēģiniet vēlreiz pēc ${after}.`;
}
