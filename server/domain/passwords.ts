// Password hashing with scrypt (memory-hard, from node:crypto), stored self-describing
// (`scrypt$N$r$p$salt$key`) so the cost can be raised later without breaking existing hashes.
// One hasher per process runs at most a few hashes at once, so a login flood queues or is refused
// instead of exhausting the CPU and memory of a small server.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { TooManyRequests } from './errors.ts';

export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt: about 0.7 s and 128 MiB per hash on a small server. */
export const PRODUCTION_PASSWORD_COST: PasswordCost = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSWORD_LENGTH = 10;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Bounds for parameters read back from the database, so a damaged row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export type Kdf = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

/** The async scrypt: it runs on libuv's thread pool, not on the event loop. */
export const scrypt: Kdf = (password, salt, keylen, options) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** scrypt needs 128·N·r bytes; twice that leaves room for its bookkeeping. */
const maxmem = ({ N, r }: PasswordCost) => 2 * 128 * N * r;

export function formatHash(cost: PasswordCost, salt: Buffer, key: Buffer): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface ParsedHash {
  cost: PasswordCost;
  salt: Buffer;
  key: Buffer;
}

export function parseHash(stored: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined || rest.length > 0) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(cost.N) && cost.N > 1 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > MAX_N) return null;
  if (!Number.isInteger(cost.r) || cost.r < 1 || cost.r > MAX_R || !Number.isInteger(cost.p) || cost.p < 1 || cost.p > MAX_P) return null;
  const keyBytes = Buffer.from(key, 'base64');
  if (keyBytes.length < 16) return null;
  return { cost, salt: Buffer.from(salt, 'base64'), key: keyBytes };
}

/** A stored hash made with less work than `cost` asks for today, to be redone at the next login. */
export function needsRehash(stored: string, cost: PasswordCost): boolean {
  const parsed = parseHash(stored);
  return parsed === null || parsed.cost.N < cost.N || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
}

export interface PasswordHasherOptions {
  cost?: PasswordCost;
  /** Hashes running at once (each takes one libuv thread and 128·N·r bytes). */
  concurrency?: number;
  /** Hashes waiting for a slot; one more is refused with 429. */
  queueLimit?: number;
  kdf?: Kdf;
}

const BUSY = 'Serveris šobrīd apstrādā pārāk daudz pieteikšanās mēģinājumu; mēģiniet vēlreiz pēc brīža.';

export class PasswordHasher {
  readonly cost: PasswordCost;
  readonly #concurrency: number;
  readonly #queueLimit: number;
  readonly #kdf: Kdf;
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  #dummy: string | undefined;

  constructor({ cost = PRODUCTION_PASSWORD_COST, concurrency = 2, queueLimit = 16, kdf = scrypt }: PasswordHasherOptions = {}) {
    this.cost = cost;
    this.#concurrency = concurrency;
    this.#queueLimit = queueLimit;
    this.#kdf = kdf;
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await this.#run(password, salt, KEY_LENGTH, this.cost);
    return formatHash(this.cost, salt, key);
  }

  /** Whether `password` matches `stored`; a malformed hash matches nothing. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (parsed === null) return false;
    const actual = await this.#run(password, parsed.salt, parsed.key.length, parsed.cost);
    return timingSafeEqual(actual, parsed.key);
  }

  /** The same work as verifying a real account's password, for a login that does not exist. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(password, await this.dummyHash());
    return false;
  }

  /**
   * A stored-hash string at the configured cost with a random salt and a random key: verifying
   * against it costs exactly what verifying a real account costs, and never matches. Nothing is
   * hashed to make it, so the start no longer spends a full scrypt (and its 128 MiB) on it.
   */
  dummyHash(): Promise<string> {
    this.#dummy ??= formatHash(this.cost, randomBytes(SALT_LENGTH), randomBytes(KEY_LENGTH));
    return Promise.resolve(this.#dummy);
  }

  async #run(password: string, salt: Buffer, keylen: number, cost: PasswordCost): Promise<Buffer> {
    await this.#slot();
    try {
      return await this.#kdf(password, salt, keylen, { ...cost, maxmem: maxmem(cost) });
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  /** Takes a slot, waiting in the bounded queue if all are busy; the slot is handed over on release. */
  #slot(): Promise<void> {
    if (this.#running < this.#concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.#queueLimit) return Promise.reject(new TooManyRequests(BUSY, 2));
    return new Promise((resolve) =>
      this.#waiting.push(() => {
        this.#running++;
        resolve();
      }),
    );
  }
}

/** No 0/O, 1/l/I: a one-time password is read off a screen and typed in by someone else. */
const ONE_TIME_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password an admin hands over once (about 94 bits), for the user to replace at first login. */
export function oneTimePassword(length = 16): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ONE_TIME_ALPHABET.length);
  for (const byte of bytes) {
    if (byte >= limit) continue;
    out += ONE_TIME_ALPHABET[byte % ONE_TIME_ALPHABET.length];
    if (out.length === length) return out;
  }
  return out + oneTimePassword(length - out.length);
}
