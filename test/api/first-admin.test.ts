// A fresh installation makes its first admin in a browser, through a link the server logs at start.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceFirstAdminSetup } from '../../server/setup-link.ts';
import { snapshot, testApp, withSession, type TestApp } from '../support/app.ts';

const START = new Date('2026-11-27T08:00:00Z');
let t: TestApp | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
  t = undefined;
});

async function fresh(lines: string[] = []): Promise<TestApp> {
  t = await testApp(null, { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
  return t;
}

const tokenOf = (url: string) => url.slice(url.indexOf('/#/setup/') + '/#/setup/'.length);
const setupUrl = async (app: TestApp, publicUrl: string | null = 'https://protokols.cesis.lv') =>
  (await announceFirstAdminSetup(app.app, { publicUrl, host: '127.0.0.1' })) ?? '';
const create = (app: TestApp, token: string, body: Record<string, unknown>, remoteAddress = '127.0.0.1') =>
  app.app.inject({ method: 'POST', url: `/api/setup/${token}`, payload: body, remoteAddress });
const ADMIN = { login: 'inese.admin', password: 'ineses-gara-parole', passwordRepeat: 'ineses-gara-parole' };

describe('the setup line at start', () => {
  it('with no admin, one JSON log line carries the link under PUBLIC_URL', async () => {
    const lines: string[] = [];
    const app = await fresh(lines);
    const url = await setupUrl(app);
    const setupLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'first-admin setup');
    expect(setupLines).toHaveLength(1);
    expect(setupLines[0]?.setupUrl).toBe(url);
    expect(url).toMatch(/^https:\/\/protokols\.cesis\.lv\/#\/setup\/[A-Za-z0-9_-]{43}$/);
  });

  it('without PUBLIC_URL the link names the listening HOST and PORT', async () => {
    const app = await fresh();
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    expect(await setupUrl(app, null)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#/setup/`));
  });

  it('with an active admin, no link is made and nothing is logged', async () => {
    const lines: string[] = [];
    const app = await fresh(lines);
    await app.loginAs('admin');
    expect(await announceFirstAdminSetup(app.app, { publicUrl: null, host: '127.0.0.1' })).toBeNull();
    expect(lines.join('')).not.toContain('first-admin setup');
    expect(await app.db.selectFrom('setup_tokens').selectAll().execute()).toEqual([]);
  });

  it('stores only a hash of the link’s secret', async () => {
    const app = await fresh();
    const token = tokenOf(await setupUrl(app));
    const stored = JSON.stringify(await app.db.selectFrom('setup_tokens').selectAll().execute());
    expect(stored).not.toContain(token);
  });
});

describe('the setup link', () => {
  it('creates the first admin, logs them in, and then stops working', async () => {
    const lines: string[] = [];
    const app = await fresh(lines);
    const token = tokenOf(await setupUrl(app));
    const screen = await app.app.inject({ method: 'GET', url: `/api/setup/${token}` });
    expect(screen.statusCode).toBe(200);
    expect(screen.json()).toEqual({ people: [] });

    const res = await create(app, token, { ...ADMIN, newPersonName: 'Inese Ozola' });
    expect(res.statusCode).toBe(204);
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    const me = await app.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ login: 'inese.admin', role: 'admin', mustChangePassword: false });
    const person = await app.db.selectFrom('people').select(['id', 'full_name']).executeTakeFirstOrThrow();
    expect(person.full_name).toBe('Inese Ozola');
    expect(me.json().personId).toBe(person.id);

    for (const again of [
      await app.app.inject({ method: 'GET', url: `/api/setup/${token}` }),
      await create(app, token, { ...ADMIN, login: 'otrs' }),
    ]) {
      expect(again.statusCode).toBe(404);
      expect(again.json()).toMatchObject({ field: 'token' });
      expect(again.json().message).toContain('Iestatīšanas saite nav derīga');
    }
    expect((await app.db.selectFrom('users').select('login').execute()).map((u) => u.login)).toEqual(['inese.admin']);

    // Audited, without the password; the request log never shows the link's secret.
    const trail = await app.db.selectFrom('audit_log').select(['action', 'record_type', 'after']).execute();
    expect(trail.map((e) => `${e.action} ${e.record_type}`).sort()).toEqual(['create person', 'create user']);
    expect(JSON.stringify(trail)).not.toContain(ADMIN.password);
    const log = lines.filter((l) => !l.includes('first-admin setup')).join('');
    expect(log).toContain('/api/setup/…');
    expect(log).not.toContain(token);
    // And the next start makes no new link.
    expect(await announceFirstAdminSetup(app.app, { publicUrl: null, host: '127.0.0.1' })).toBeNull();
  });

  it('may link the admin to a person already in the directory', async () => {
    const app = await fresh();
    const { id } = await app.db
      .insertInto('people')
      .values({ group_id: app.groupId, full_name: 'Jānis Bērziņš', is_member: 1, active: 1, created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = tokenOf(await setupUrl(app));
    expect((await app.app.inject({ method: 'GET', url: `/api/setup/${token}` })).json()).toEqual({
      people: [{ id, fullName: 'Jānis Bērziņš' }],
    });
    expect((await create(app, token, { ...ADMIN, personId: id })).statusCode).toBe(204);
    expect((await app.db.selectFrom('users').select('person_id').executeTakeFirstOrThrow()).person_id).toBe(id);
  });

  it('expires after an hour; the next start while there is still no admin issues a new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
    const app = await fresh();
    const old = tokenOf(await setupUrl(app));
    vi.setSystemTime(new Date(START.getTime() + 59 * 60_000));
    expect((await app.app.inject({ method: 'GET', url: `/api/setup/${old}` })).statusCode).toBe(200);
    vi.setSystemTime(new Date(START.getTime() + 60 * 60_000));
    const late = await create(app, old, ADMIN);
    expect(late.statusCode).toBe(404);
    expect(await app.db.selectFrom('users').selectAll().execute()).toEqual([]);
    const renewed = tokenOf(await setupUrl(app));
    expect(renewed).not.toBe(old);
    expect((await create(app, renewed, ADMIN)).statusCode).toBe(204);
  });

  it('refuses bad input naming the field, writes nothing, and the link still works afterwards', async () => {
    const app = await fresh();
    const token = tokenOf(await setupUrl(app));
    // Opening the screen first, as a browser does (the throttle's key is made at its first use).
    expect((await app.app.inject({ method: 'GET', url: `/api/setup/${token}` })).statusCode).toBe(200);
    const before = await snapshot(app.db);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ADMIN, passwordRepeat: 'cita-gara-parole' }, 'passwordRepeat'],
      [{ ...ADMIN, password: 'īsa', passwordRepeat: 'īsa' }, 'password'],
      [{ ...ADMIN, login: 'Ar Atstarpēm' }, 'login'],
      [{ ...ADMIN, personId: 999 }, 'personId'],
      [{ ...ADMIN, personId: 1, newPersonName: 'Kāds' }, 'newPersonName'],
      [{ login: 'bez.paroles' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const res = await create(app, token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().field).toBe(field);
    }
    expect(await snapshot(app.db)).toEqual(before);
    expect((await create(app, token, ADMIN)).statusCode).toBe(204);
  });

  it('guessing links is slowed down like failed logins', async () => {
    const app = await fresh();
    await setupUrl(app);
    const guess = () => app.app.inject({ method: 'GET', url: `/api/setup/${'A'.repeat(43)}`, remoteAddress: '203.0.113.9' });
    for (let i = 0; i < 3; i++) expect((await guess()).statusCode).toBe(404);
    const slowed = await guess();
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('an admin made by the command line meanwhile makes the link useless', async () => {
    const app = await fresh();
    const token = tokenOf(await setupUrl(app));
    const admin = await app.loginAs('admin');
    expect((await create(app, token, ADMIN)).statusCode).toBe(409);
    expect((await app.app.inject(withSession({ method: 'GET', url: '/api/users' }, admin))).json()).toHaveLength(1);
  });
});
