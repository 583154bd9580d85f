// The host admin's groups: a new group comes with the link that makes its first admin (an hour,
// once), in that group and no other; a fresh link can be asked for while the group has no admin.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latvianOrder } from '../../server/domain/latvian-order.ts';
import { testApp, withSession, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let host: Session;

beforeAll(async () => {
  t = await testApp('admin');
  host = await t.loginAs('host_admin');
});
afterAll(async () => t.close());

const asHost = (options: InjectOptions) => t.app.inject(withSession(options, host));
const tokenOf = (link: string) => link.slice(link.indexOf('/#/setup/') + '/#/setup/'.length);
const ADMIN = { login: 'valmiera.admin', password: 'valmieras-gara-parole', passwordRepeat: 'valmieras-gara-parole' };

async function newGroup(name: string) {
  const res = await asHost({ method: 'POST', url: '/api/groups', payload: { name, municipality: 'Valmieras novads' } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; slug: string; setupLink: string; setupLinkExpiresAt: string };
}

/** Creates the first admin through a link; the session cookie, or null with the refusal's status. */
async function setUp(token: string, login = ADMIN.login) {
  const res = await t.app.inject({ method: 'POST', url: `/api/setup/${token}`, payload: { ...ADMIN, login } });
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? null;
  return { status: res.statusCode, cookie };
}

describe('a group the host admin creates', () => {
  it('comes with its first admin’s setup link, under the request’s base URL, valid for an hour', async () => {
    const before = Date.now();
    const group = await newGroup('Valmieras novada sadarbības grupa');
    expect(group.slug).toBe('valmieras-novada-sadarbibas-grupa');
    expect(group.setupLink).toMatch(/^http:\/\/localhost(:\d+)?\/#\/setup\/[A-Za-z0-9_-]{43}$/u);
    const expires = Date.parse(group.setupLinkExpiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(60 * 60 * 1000 - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    // Only a hash is kept, and the audit trail holds no secret either.
    const stored = JSON.stringify([
      await t.db.selectFrom('setup_tokens').selectAll().execute(),
      await t.db.selectFrom('audit_log').selectAll().execute(),
    ]);
    expect(stored).not.toContain(tokenOf(group.setupLink));
  });

  it('the link makes that group’s first admin, once: the admin sees their group, empty, and not the first group', async () => {
    const group = await newGroup('Smiltenes novada sadarbības grupa');
    const token = tokenOf(group.setupLink);
    expect((await t.app.inject({ method: 'GET', url: `/api/setup/${token}` })).json()).toEqual({ people: [] });

    const made = await setUp(token, 'smiltene.admin');
    expect(made.status).toBe(204);
    const admin = { headers: { cookie: made.cookie ?? '' } };
    expect((await t.app.inject({ method: 'GET', url: '/api/group', ...admin })).json()).toMatchObject({ id: group.id });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', ...admin })).json()).toMatchObject({ role: 'admin' });
    expect((await t.app.inject({ method: 'GET', url: '/api/sittings', ...admin })).json()).toEqual([]);
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', ...admin })).json() as Array<{ login: string }>;
    expect(users.map((u) => u.login)).toEqual(['smiltene.admin']);

    expect((await setUp(token, 'otrs.admin')).status).toBe(404);
    const row = await t.db.selectFrom('users').select('group_id').where('login', '=', 'smiltene.admin').executeTakeFirstOrThrow();
    expect(row.group_id).toBe(group.id);
    expect(await t.db.selectFrom('users').select('id').where('login', '=', 'otrs.admin').execute()).toEqual([]);
  });

  it('an empty or blank name or municipality is refused with a Latvian message naming the field, and writes nothing', async () => {
    const count = async () => (await t.db.selectFrom('groups').select('id').execute()).length;
    const before = await count();
    for (const [payload, field] of [
      [{ name: '', municipality: 'Cēsu novads' }, 'name'],
      [{ name: '   ', municipality: 'Cēsu novads' }, 'name'],
      [{ name: 'Cēsu grupa', municipality: ' ' }, 'municipality'],
    ] as const) {
      const res = await asHost({ method: 'POST', url: '/api/groups', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ field });
      expect(res.json().message).toMatch(/tukš/u);
    }
    expect(await count()).toBe(before);
  });
});

describe('the host’s groups', () => {
  it('are listed in Latvian order of name (Ā after A, before B), not in the order they were made', async () => {
    await newGroup('Ādažu novada sadarbības grupa');
    await newGroup('Apes novada sadarbības grupa');
    const names = ((await asHost({ method: 'GET', url: '/api/groups' })).json() as Array<{ name: string }>).map((g) => g.name);
    expect(names).toEqual([...names].sort(latvianOrder));
    expect(names.indexOf('Apes novada sadarbības grupa')).toBeLessThan(names.indexOf('Ādažu novada sadarbības grupa'));
    expect(names.indexOf('Ādažu novada sadarbības grupa')).toBeLessThan(names.indexOf('Bērnu tiesību aizsardzības Sadarbības grupa'));
  });
});

describe('a fresh setup link', () => {
  it('is issued while the group has no admin, leaves the earlier link valid, and is audited without its secret', async () => {
    const group = await newGroup('Alūksnes novada sadarbības grupa');
    const res = await asHost({ method: 'POST', url: `/api/groups/${group.id}/setup-link` });
    expect(res.statusCode).toBe(201);
    const fresh = res.json() as { setupLink: string; setupLinkExpiresAt: string };
    expect(fresh.setupLink).not.toBe(group.setupLink);
    for (const link of [group.setupLink, fresh.setupLink])
      expect((await t.app.inject({ method: 'GET', url: `/api/setup/${tokenOf(link)}` })).statusCode).toBe(200);

    const records = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('group_id', '=', group.id)
      .where('record_type', '=', 'setup_link')
      .execute();
    expect(records).toHaveLength(2);
    expect(JSON.stringify(records)).not.toContain(tokenOf(fresh.setupLink));
    expect(JSON.parse(records[1]?.after ?? '{}')).toEqual({ expiresAt: fresh.setupLinkExpiresAt });

    // Once the admin exists, the earlier link makes no second admin, and no new link is made.
    expect((await setUp(tokenOf(fresh.setupLink), 'aluksne.admin')).status).toBe(204);
    expect((await setUp(tokenOf(group.setupLink), 'aluksne.otrs')).status).toBe(409);
    const refused = await asHost({ method: 'POST', url: `/api/groups/${group.id}/setup-link` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('jau ir aktīvs administrators');
  });

  it('for a group that does not exist is 404', async () => {
    expect((await asHost({ method: 'POST', url: '/api/groups/999999/setup-link' })).statusCode).toBe(404);
  });
});
