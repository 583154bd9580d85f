// Password guessing is slowed where it happens, and no stranger can lock the real user out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';
import { PasswordHasher, scrypt, type Kdf } from '../../server/domain/passwords.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { createUser } from '../../server/services/accounts.ts';
import { TEST_PASSWORD, TEST_PASSWORD_COST, testApp, testHasher, type TestApp } from '../support/app.ts';

const ATTACKER = '203.0.113.9';
const OFFICE = '198.51.100.7';
const START = new Date('2026-11-26T08:00:00Z');

let t: TestApp;
beforeEach(() => {
  // Only Date: the delays are read from the clock, everything else runs for real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
});

function attempt(app: FastifyInstance, login: string, password: string, address: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { login, password }, remoteAddress: address, headers });
}
const retryAfter = (res: LightMyRequestResponse) => Number(res.headers['retry-after']);
const wait = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));

async function withAdmin(options: Parameters<typeof testApp>[1] = {}): Promise<TestApp> {
  t = await testApp(null, options);
  await createUser(t.db, t.groupId, { login: 'admin', password: TEST_PASSWORD, role: 'admin' }, t.app.passwords);
  return t;
}

describe('an attack on one account', () => {
  it('after 50 failed logins for admin from another address, the admin logs in at once from their usual address; the attacker is slowed', async () => {
    const { app } = await withAdmin();
    expect((await attempt(app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);

    let failures = 0;
    let refusals = 0;
    while (failures < 50) {
      const res = await attempt(app, 'admin', `minejums-${failures}`, ATTACKER);
      if (res.statusCode === 429) {
        refusals++;
        wait(retryAfter(res));
      } else {
        expect(res.statusCode).toBe(400);
        failures++;
      }
    }
    expect(refusals).toBeGreaterThan(0);

    const attacker = await attempt(app, 'admin', 'vēl-viens-minējums', ATTACKER);
    expect(attacker.statusCode).toBe(429);
    expect(retryAfter(attacker)).toBeGreaterThan(0);
    expect(retryAfter(attacker)).toBeLessThanOrEqual(15 * 60);
    expect(attacker.json().message).toMatch(
      /^Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu\. Mēģiniet vēlreiz pēc \d+ (minūtēm|minūtes)\.$/u,
    );

    expect((await attempt(app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
  });

  it('the real user on a brand-new address is at most slowed by the account delay (a minute at most), never locked for long', async () => {
    const { app } = await withAdmin();
    await attempt(app, 'admin', TEST_PASSWORD, OFFICE);
    // Guesses spread over many addresses, as a botnet would; the last one is a counted failure.
    let failures = 0;
    for (let i = 10; failures < 30; i++) {
      const res = await attempt(app, 'admin', `minejums-${i}`, `203.0.113.${i}`);
      if (res.statusCode === 429) wait(retryAfter(res));
      else failures++;
    }
    const fresh = await attempt(app, 'admin', TEST_PASSWORD, '192.0.2.44');
    expect(fresh.statusCode).toBe(429);
    expect(retryAfter(fresh)).toBeLessThanOrEqual(60);
    wait(retryAfter(fresh));
    expect((await attempt(app, 'admin', TEST_PASSWORD, '192.0.2.44')).statusCode).toBe(204);
    // Known addresses never wait for others' failures.
    expect((await attempt(app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
  });

  it('a few own typos slow only that login from that address, with growing delays', async () => {
    const { app } = await withAdmin();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(app, 'admin', 'nepareiza', OFFICE)).statusCode);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const first = retryAfter(await attempt(app, 'admin', TEST_PASSWORD, OFFICE));
    wait(first);
    expect((await attempt(app, 'admin', 'nepareiza', OFFICE)).statusCode).toBe(400);
    const second = retryAfter(await attempt(app, 'admin', 'nepareiza', OFFICE));
    expect(second).toBe(2 * first);
    expect((await attempt(app, 'admin', TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(204);
  });
});

describe('password spraying from one address', () => {
  it('slows that address for logins it has not succeeded with, but not other addresses or users who log in there', async () => {
    const { app } = await withAdmin();
    await createUser(t.db, t.groupId, { login: 'kolegis', password: TEST_PASSWORD, role: 'member' }, t.app.passwords);
    expect((await attempt(app, 'kolegis', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
    for (let i = 0; i < 20; i++) expect((await attempt(app, `vards${i}`, 'parole123', OFFICE)).statusCode).toBe(400);
    const slowed = await attempt(app, 'vards-22', 'parole123', OFFICE);
    expect(slowed.statusCode).toBe(429);
    expect((await attempt(app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(429);
    expect((await attempt(app, 'kolegis', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
    expect((await attempt(app, 'admin', TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(204);
  });
});

describe('the answer tells nothing about the login', () => {
  it('an existing and an unknown login get the same statuses, messages, delays and hashing work', async () => {
    let hashes = 0;
    const counting: Kdf = (...args) => {
      hashes++;
      return scrypt(...args);
    };
    const { app } = await withAdmin({ passwordHasher: new PasswordHasher({ cost: TEST_PASSWORD_COST, kdf: counting }) });
    await app.passwords.dummyHash();
    const run = async (login: string, address: string) => {
      const answers: Array<{ status: number; body: string; retryAfter: unknown; hashes: number }> = [];
      for (let i = 0; i < 5; i++) {
        const before = hashes;
        const res = await attempt(app, login, `nepareiza-${i}`, address);
        answers.push({ status: res.statusCode, body: res.body, retryAfter: res.headers['retry-after'], hashes: hashes - before });
      }
      return answers;
    };
    const known = await run('admin', '192.0.2.1');
    const unknown = await run('nav-tada', '192.0.2.2');
    expect(unknown).toEqual(known);
    expect(known.map((a) => [a.status, a.hashes])).toEqual([
      [400, 1],
      [400, 1],
      [400, 1],
      [429, 0],
      [429, 0],
    ]);
  });
});

describe('the counters live in the database', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a restarted app over the same database still slows the attacker and still knows the user’s address', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-throttle-'));
    const file = path.join(dir, 'p.db');
    const start = async () => {
      const db = openSqlite(file);
      await migrateToLatest(db);
      return { db, app: await buildApp({ db, passwordHasher: testHasher() }) };
    };
    const stop = async ({ db, app }: { db: Db; app: FastifyInstance }) => {
      await app.close();
      await db.destroy();
    };
    const first = await start();
    await createUser(
      first.db,
      (await ensureGroup(first.db)).id,
      { login: 'admin', password: TEST_PASSWORD, role: 'admin' },
      first.app.passwords,
    );
    expect((await attempt(first.app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
    for (let i = 0; i < 30; i++) await attempt(first.app, `admin`, `minejums-${i}`, ATTACKER);
    for (let i = 0; i < 30; i++) await attempt(first.app, `vards${i}`, 'parole123', '203.0.113.10');
    await stop(first);

    const second = await start();
    try {
      expect((await attempt(second.app, 'admin', 'vēl-viens', ATTACKER)).statusCode).toBe(429);
      expect((await attempt(second.app, 'cits', 'parole123', '203.0.113.10')).statusCode).toBe(429);
      expect((await attempt(second.app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
      const stored = JSON.stringify(await second.db.selectFrom('login_failures').selectAll().execute());
      expect(stored).not.toContain(ATTACKER);
      expect(stored).not.toContain('admin');
    } finally {
      await stop(second);
    }
  });

  it('expired counters are pruned as new failures are written', async () => {
    const { app, db } = await withAdmin();
    for (let i = 0; i < 3; i++) await attempt(app, `vards${i}`, 'parole123', ATTACKER);
    const before = (await db.selectFrom('login_failures').select('id').execute()).length;
    expect(before).toBe(7);
    wait(25 * 60 * 60);
    await attempt(app, 'cits', 'parole123', '192.0.2.3');
    expect((await db.selectFrom('login_failures').select('id').execute()).length).toBe(3);
  });
});

describe('password hashes under load', () => {
  it('at most two hashes run at once; logins beyond the bounded queue get 429 with Retry-After', async () => {
    let running = 0;
    let peak = 0;
    // The hashes of these logins wait until the refused ones have been answered: otherwise a hash could
    // end, and free its slot, before the last login reached the queue (on PostgreSQL each login reads
    // the database first, and under load that took longer than a hash).
    let gate: Promise<void> = Promise.resolve();
    const instrumented: Kdf = async (...args) => {
      running++;
      peak = Math.max(peak, running);
      try {
        await gate;
        return await scrypt(...args);
      } finally {
        running--;
      }
    };
    const { app } = await withAdmin({
      passwordHasher: new PasswordHasher({ cost: { N: 2 ** 14, r: 8, p: 1 }, concurrency: 2, queueLimit: 4, kdf: instrumented }),
    });
    await app.passwords.dummyHash();
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    // Should fewer than four be refused, the hashes still run after a while, and the count below fails.
    const stuck = setTimeout(() => open(), 3_000);
    let answered = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        attempt(app, 'admin', `nepareiza-${i}`, `192.0.2.${i + 1}`).then((answer) => {
          if (++answered === 4) open();
          return answer;
        }),
      ),
    );
    clearTimeout(stuck);
    expect(peak).toBe(2);
    const busy = answers.filter((a) => a.statusCode === 429);
    expect(busy.length).toBe(4);
    for (const a of busy) {
      expect(a.json().message).toMatch(/pārāk daudz pieteikšanās mēģinājumu/u);
      expect(retryAfter(a)).toBeGreaterThan(0);
    }
    expect(answers.filter((a) => a.statusCode === 400).length).toBe(6);
  });

  it('an old hash (lower cost) still verifies and is rehashed at the current cost at the next successful login', async () => {
    const { app, db } = await withAdmin();
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const old = `scrypt$256$8$1$${salt.toString('base64')}$${scryptSync(TEST_PASSWORD, salt, 32, { N: 256, r: 8, p: 1 }).toString('base64')}`;
    await db.updateTable('users').set({ password_hash: old }).where('login', '=', 'admin').execute();
    const stored = async () =>
      (await db.selectFrom('users').select('password_hash').where('login', '=', 'admin').executeTakeFirstOrThrow()).password_hash;

    expect((await attempt(app, 'admin', 'nepareiza', OFFICE)).statusCode).toBe(400);
    expect(await stored()).toBe(old);
    expect((await attempt(app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
    const upgraded = await stored();
    expect(upgraded).toMatch(/^scrypt\$1024\$8\$1\$/u);
    expect((await attempt(app, 'admin', TEST_PASSWORD, OFFICE)).statusCode).toBe(204);
    expect(await stored()).toBe(upgraded);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const PROXY = '127.0.0.1';

  it('with one trusted hop the throttle keys on the forwarded client address, and https makes the cookie Secure', async () => {
    const { app } = await withAdmin({ trustProxy: 1 });
    for (let i = 0; i < 3; i++) await attempt(app, 'admin', 'nepareiza', PROXY, { 'x-forwarded-for': ATTACKER });
    expect((await attempt(app, 'admin', 'nepareiza', PROXY, { 'x-forwarded-for': ATTACKER })).statusCode).toBe(429);
    const res = await attempt(app, 'admin', TEST_PASSWORD, PROXY, { 'x-forwarded-for': OFFICE, 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/u);
  });

  it('without TRUST_PROXY the forwarded headers are ignored', async () => {
    const { app } = await withAdmin();
    for (let i = 0; i < 3; i++) await attempt(app, 'admin', 'nepareiza', PROXY, { 'x-forwarded-for': ATTACKER });
    expect((await attempt(app, 'admin', TEST_PASSWORD, PROXY, { 'x-forwarded-for': OFFICE })).statusCode).toBe(429);
    wait(60);
    const res = await attempt(app, 'admin', TEST_PASSWORD, PROXY, { 'x-forwarded-for': OFFICE, 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/u);
  });
});
