// The accounts an admin hands over: one-time passwords, roles, deactivation, the last admin.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logIn, snapshot, testApp, withSession, type Session, type TestApp } from '../support/app.ts';

interface HandedOver {
  id: number;
  login: string;
  role: string;
  personId: number | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
  oneTimePassword: string;
}

let t: TestApp;
beforeEach(async () => {
  t = await testApp('admin');
});
afterEach(async () => t.close());

const as = (session: Session, options: Parameters<TestApp['inject']>[0]) => t.app.inject(withSession(options, session));
const users = async () => (await t.call<HandedOver[]>({ method: 'GET', url: '/api/users' })).body;
const userByLogin = async (login: string) => (await users()).find((u) => u.login === login)!;

async function handOver(login: string, role: string, personId: number | null = null): Promise<HandedOver> {
  const res = await t.call<HandedOver>({ method: 'POST', url: '/api/users', payload: { login, role, personId } });
  expect(res.status).toBe(201);
  return res.body;
}

async function changeOneTime(login: string, oneTime: string, password: string): Promise<Session> {
  const first = await logIn(t.app, login, oneTime);
  expect((await as(first, { method: 'POST', url: '/api/me/password', payload: { current: oneTime, password } })).statusCode).toBe(204);
  return logIn(t.app, login, password);
}

describe('adding a user', () => {
  it('the server makes a one-time password, returns it once, and never lists it again', async () => {
    const person = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Ilze Kalniņa' } })).body;
    const created = await handOver('ilze', 'secretary', person.id);
    expect(created).toMatchObject({ login: 'ilze', role: 'secretary', personId: person.id, active: true, mustChangePassword: true });
    expect(created.lastLoginAt).toBeNull();
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9]{16}$/);
    const listed = await t.inject({ method: 'GET', url: '/api/users' });
    expect(listed.body).not.toContain(created.oneTimePassword);
    expect(listed.json().find((u: HandedOver) => u.login === 'ilze')).not.toHaveProperty('oneTimePassword');
    // Two accounts never get the same one.
    expect((await handOver('otra', 'member')).oneTimePassword).not.toBe(created.oneTimePassword);
  });

  it('refuses bad input with 4xx naming the field, and writes nothing', async () => {
    await handOver('aiza', 'member');
    const before = await snapshot(t.db);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ login: 'Ne Derīgs!', role: 'member' }, 400, 'login'],
      [{ login: 'x', role: 'member' }, 400, 'login'],
      [{ login: 'derigs', role: 'karalis' }, 400, 'role'],
      [{ login: 'derigs', role: 'member', personId: 9999 }, 400, 'personId'],
      [{ login: 'aiza', role: 'member' }, 409, 'login'],
      [{ login: 'derigs', role: 'member', password: 'īsa' }, 400, 'password'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await t.call({ method: 'POST', url: '/api/users', payload });
      expect(res.status, JSON.stringify(payload)).toBe(status);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toMatch(/[āēīūšžčņļķģ]|Lauks/u);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('a one-time password', () => {
  it('lets the user in only to change it: every other request gets 403 with a Latvian message, /api/me and the change work', async () => {
    const created = await handOver('maris', 'chair');
    const session = await logIn(t.app, 'maris', created.oneTimePassword);
    const me = await as(session, { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ login: 'maris', role: 'chair', mustChangePassword: true });
    for (const url of ['/api/sittings', '/api/group', '/api/me/actions']) {
      const res = await as(session, { method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({
        field: 'password',
        message: 'Vispirms nomainiet vienreizējo paroli pret savu: līdz tam citas darbības nav pieejamas.',
      });
    }
    expect((await as(session, { method: 'POST', url: '/api/sittings', payload: { date: '2026-01-05' } })).statusCode).toBe(403);

    // The same password again is no change.
    const same = await as(session, {
      method: 'POST',
      url: '/api/me/password',
      payload: { current: created.oneTimePassword, password: created.oneTimePassword },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().field).toBe('password');

    const own = await changeOneTime('maris', created.oneTimePassword, 'māra-paša-parole');
    expect((await as(own, { method: 'GET', url: '/api/me' })).json().mustChangePassword).toBe(false);
    expect((await as(own, { method: 'GET', url: '/api/sittings' })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/session', payload: { login: 'maris', password: created.oneTimePassword } }))
        .statusCode,
    ).toBe(400);
  });

  it('a reset gives a new one-time password, ends the user’s sessions at once, and the old password stops working', async () => {
    const created = await handOver('liga', 'member');
    const own = await changeOneTime('liga', created.oneTimePassword, 'līgas-parole-1');
    const { version } = await userByLogin('liga');
    const reset = await t.call<HandedOver>({ method: 'POST', url: `/api/users/${created.id}/password-reset`, payload: { version } });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ login: 'liga', mustChangePassword: true });
    expect(reset.body.oneTimePassword).not.toBe(created.oneTimePassword);
    expect((await as(own, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/session', payload: { login: 'liga', password: 'līgas-parole-1' } })).statusCode,
    ).toBe(400);
    const again = await logIn(t.app, 'liga', reset.body.oneTimePassword);
    expect((await as(again, { method: 'GET', url: '/api/sittings' })).statusCode).toBe(403);
    // A stale version is refused.
    expect((await t.call({ method: 'POST', url: `/api/users/${created.id}/password-reset`, payload: { version } })).status).toBe(409);
  });
});

describe('roles, deactivation and the last login', () => {
  it('deactivating ends the user’s session at once; they cannot log in until reactivated', async () => {
    const created = await handOver('anna', 'secretary');
    const session = await changeOneTime('anna', created.oneTimePassword, 'annas-parole-12');
    expect((await as(session, { method: 'GET', url: '/api/sittings' })).statusCode).toBe(200);
    const { version } = await userByLogin('anna');
    const off = await t.call({ method: 'PATCH', url: `/api/users/${created.id}`, payload: { version, active: false } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await as(session, { method: 'GET', url: '/api/sittings' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/session', payload: { login: 'anna', password: 'annas-parole-12' } })).statusCode,
    ).toBe(400);
    const on = await t.call({ method: 'PATCH', url: `/api/users/${created.id}`, payload: { version: off.body.version, active: true } });
    expect(on.body.active).toBe(true);
    expect((await logIn(t.app, 'anna', 'annas-parole-12')).cookie).not.toBe('');
  });

  it('a role change takes effect on the user’s next request', async () => {
    const created = await handOver('peteris', 'member');
    const session = await changeOneTime('peteris', created.oneTimePassword, 'pētera-parole-1');
    expect((await as(session, { method: 'POST', url: '/api/sittings', payload: { date: '2026-01-05' } })).statusCode).toBe(403);
    const { version } = await userByLogin('peteris');
    expect((await t.call({ method: 'PATCH', url: `/api/users/${created.id}`, payload: { version, role: 'secretary' } })).status).toBe(200);
    expect((await as(session, { method: 'POST', url: '/api/sittings', payload: { date: '2026-01-05' } })).statusCode).toBe(201);
  });

  it('the list shows each user’s last login', async () => {
    const created = await handOver('zane', 'member');
    expect((await userByLogin('zane')).lastLoginAt).toBeNull();
    const before = Date.now();
    await logIn(t.app, 'zane', created.oneTimePassword);
    const at = Date.parse((await userByLogin('zane')).lastLoginAt ?? '');
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});

describe('the last active admin', () => {
  it('cannot be deactivated or given another role (409, in Latvian); with a second admin both work', async () => {
    const me = await userByLogin('admin1');
    const before = await snapshot(t.db);
    for (const [payload, field] of [
      [{ version: me.version, active: false }, 'active'],
      [{ version: me.version, role: 'secretary' }, 'role'],
    ] as const) {
      const res = await t.call({ method: 'PATCH', url: `/api/users/${me.id}`, payload });
      expect(res.status).toBe(409);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toContain('pēdējais aktīvais administrators');
    }
    expect(await snapshot(t.db)).toEqual(before);

    // A deactivated admin does not count.
    const other = await handOver('otrs.admins', 'admin');
    const off = await t.call({ method: 'PATCH', url: `/api/users/${other.id}`, payload: { version: other.version, active: false } });
    expect(off.status).toBe(200);
    expect((await t.call({ method: 'PATCH', url: `/api/users/${me.id}`, payload: { version: me.version, role: 'chair' } })).status).toBe(
      409,
    );

    await t.call({ method: 'PATCH', url: `/api/users/${other.id}`, payload: { version: off.body.version, active: true } });
    const otherSession = await changeOneTime('otrs.admins', other.oneTimePassword, 'otrā-admina-parole');
    const demoted = await t.call({ method: 'PATCH', url: `/api/users/${me.id}`, payload: { version: me.version, role: 'chair' } });
    expect(demoted.status).toBe(200);
    // Now the other one is the last, and cannot step down either.
    const last = (await as(otherSession, { method: 'GET', url: '/api/users' })).json().find((u: HandedOver) => u.login === 'otrs.admins');
    const res = await as(otherSession, {
      method: 'PATCH',
      url: `/api/users/${last.id}`,
      payload: { version: last.version, active: false },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('the audit trail of accounts', () => {
  it('records adding, role changes, deactivation and resets, with no password, one-time password or hash', async () => {
    const created = await handOver('edgars', 'member');
    const v1 = (await userByLogin('edgars')).version;
    const chair = await t.call({ method: 'PATCH', url: `/api/users/${created.id}`, payload: { version: v1, role: 'chair' } });
    const off = await t.call({ method: 'PATCH', url: `/api/users/${created.id}`, payload: { version: chair.body.version, active: false } });
    const reset = await t.call<HandedOver>({
      method: 'POST',
      url: `/api/users/${created.id}/password-reset`,
      payload: { version: off.body.version },
    });
    const trail = (await t.call({ method: 'GET', url: `/api/audit?recordType=user&recordId=${created.id}` })).body as Array<{
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>;
    expect(trail.map((e) => e.action).sort()).toEqual(['create', 'reset_password', 'update', 'update'].sort());
    expect(trail.find((e) => e.action === 'create')?.after).toMatchObject({ login: 'edgars', role: 'member', mustChangePassword: true });
    expect(trail.some((e) => e.after?.role === 'chair' && e.before?.role === 'member')).toBe(true);
    expect(trail.some((e) => e.after?.active === false)).toBe(true);
    const hash = (await t.db.selectFrom('users').select('password_hash').where('id', '=', created.id).executeTakeFirstOrThrow())
      .password_hash;
    const all = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of [created.oneTimePassword, reset.body.oneTimePassword, hash]) expect(all).not.toContain(secret);
  });
});
