import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TooManyRequests } from '../../server/domain/errors.ts';
import { needsRehash, parseHash, PasswordHasher, PRODUCTION_PASSWORD_COST, scrypt, type Kdf } from '../../server/domain/passwords.ts';

const LOW = { N: 2 ** 10, r: 8, p: 1 };
const legacy = (password: string, N: number) => {
  const salt = randomBytes(16);
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${scryptSync(password, salt, 32, { N, r: 8, p: 1 }).toString('base64')}`;
};

describe('the cost', () => {
  it('is scrypt N=2^17, r=8, p=1 unless a cheaper one is passed in (tests only)', () => {
    expect(PRODUCTION_PASSWORD_COST).toEqual({ N: 131072, r: 8, p: 1 });
    expect(new PasswordHasher().cost).toEqual(PRODUCTION_PASSWORD_COST);
  });

  it('is written into each hash, so hashes of an older cost still verify', async () => {
    const hasher = new PasswordHasher({ cost: LOW });
    const hash = await hasher.hash('pareizā-parole');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/u);
    expect(await hasher.verify('pareizā-parole', hash)).toBe(true);
    expect(await hasher.verify('nepareiza', hash)).toBe(false);
    const old = legacy('pareizā-parole', 256);
    expect(await hasher.verify('pareizā-parole', old)).toBe(true);
  });

  it('a hash made with less work than today’s cost is due for a rehash; a stronger one is left alone', () => {
    expect(needsRehash(legacy('x', 256).replace(/^scrypt\$256\$/u, 'scrypt$32768$'), PRODUCTION_PASSWORD_COST)).toBe(true);
    expect(
      needsRehash('scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', PRODUCTION_PASSWORD_COST),
    ).toBe(false);
    expect(needsRehash('scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', LOW)).toBe(false);
    expect(needsRehash('bcrypt$whatever', LOW)).toBe(true);
  });

  it('a damaged hash asking for absurd parameters matches nothing and costs nothing', async () => {
    let calls = 0;
    const hasher = new PasswordHasher({ cost: LOW, kdf: (...a) => (calls++, scrypt(...a)) });
    for (const bad of [
      'scrypt$1073741824$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      'scrypt$1000$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      'scrypt$1024$8$1$AAAA$AA==',
      '',
    ]) {
      expect(parseHash(bad)).toBeNull();
      expect(await hasher.verify('x', bad)).toBe(false);
    }
    expect(calls).toBe(0);
  });

  it('the dummy hash for unknown logins is made once, at the configured cost, without hashing anything', async () => {
    let calls = 0;
    const counting: Kdf = (...args) => {
      calls++;
      return scrypt(...args);
    };
    const hasher = new PasswordHasher({ cost: LOW, kdf: counting });
    const dummy = await hasher.dummyHash();
    expect(calls).toBe(0);
    expect(await hasher.dummyHash()).toBe(dummy);
    expect(parseHash(dummy)?.cost).toEqual(LOW);
    // Verifying against it is one hash at that cost, as for a real account, and never matches.
    expect(await hasher.verifyNothing('anything')).toBe(false);
    expect(calls).toBe(1);
  });
});

describe('hashes at once', () => {
  it('at most `concurrency` run, the rest wait in a bounded queue, and one more is refused at once', async () => {
    const gates: Array<() => void> = [];
    let running = 0;
    let peak = 0;
    // Each hash waits for the test to let it go, so the queue's state is known at every step.
    const gated: Kdf = async (...args) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      try {
        return await scrypt(...args);
      } finally {
        running--;
      }
    };
    const hasher = new PasswordHasher({ cost: LOW, concurrency: 2, queueLimit: 3, kdf: gated });
    const accepted = Array.from({ length: 5 }, (_, i) => hasher.hash(`parole-${i}`));
    await expect(hasher.hash('sestā')).rejects.toBeInstanceOf(TooManyRequests);
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(2);
    while (gates.length > 0 || running > 0) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await Promise.all(accepted)).length).toBe(5);
    expect(peak).toBe(2);
  });
});
