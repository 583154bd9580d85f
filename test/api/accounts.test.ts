import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxText, htmlText } from '../minutes/helpers.ts';
import { logIn, TEST_PASSWORD, testApp, withSession, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp('admin');
});
afterEach(async () => t.close());

const login = (login: string, password: string) => t.app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });

describe('logging in', () => {
  it('a wrong password and an unknown login get the same answer: the message alone, naming the login field', async () => {
    await t.loginAs('member');
    const wrong = await login('member2', 'nepareiza-parole');
    const unknown = await login('nav-tada', 'nepareiza-parole');
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json()).toMatchObject({ message: 'Nepareizs lietotājvārds vai parole.', field: 'login' });
  });

  it('the session cookie is HttpOnly and SameSite=Strict, and the password is never echoed', async () => {
    await t.loginAs('member');
    const res = await login('member2', TEST_PASSWORD);
    expect(res.statusCode).toBe(204);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.body).not.toContain(TEST_PASSWORD);
  });
});

describe('sessions', () => {
  it('a session ends at logout', async () => {
    const session = await t.loginAs('member');
    expect((await t.app.inject(withSession({ method: 'GET', url: '/api/me' }, session))).statusCode).toBe(200);
    expect((await t.app.inject(withSession({ method: 'DELETE', url: '/api/session' }, session))).statusCode).toBe(204);
    expect((await t.app.inject(withSession({ method: 'GET', url: '/api/me' }, session))).statusCode).toBe(401);
  });

  it('a session idle for more than eight hours ends and its row goes; one in use has its last-seen time moved at most once a minute', async () => {
    const session = await t.loginAs('member');
    const member = await t.db.selectFrom('users').select('id').where('login', '=', 'member2').executeTakeFirstOrThrow();
    const lastSeen = async () =>
      (await t.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', member.id).executeTakeFirst())?.last_seen_at;
    const seenAgo = (ms: number) => {
      const at = new Date(Date.now() - ms).toISOString();
      return t.db
        .updateTable('sessions')
        .set({ last_seen_at: at })
        .where('user_id', '=', member.id)
        .execute()
        .then(() => at);
    };
    const me = async () => (await t.app.inject(withSession({ method: 'GET', url: '/api/me' }, session))).statusCode;

    const recently = await seenAgo(30_000);
    expect(await me()).toBe(200);
    expect(await lastSeen()).toBe(recently);
    await seenAgo(7 * 3_600_000);
    expect(await me()).toBe(200);
    expect(Date.now() - Date.parse((await lastSeen())!)).toBeLessThan(60_000);
    await seenAgo(8 * 3_600_000 + 60_000);
    expect(await me()).toBe(401);
    expect(await lastSeen()).toBeUndefined();
  });

  it('every session of an account ends when its password changes', async () => {
    const first = await t.loginAs('secretary');
    const second = await logIn(t.app, 'secretary2');
    const change = await t.app.inject(
      withSession({ method: 'POST', url: '/api/me/password', payload: { current: TEST_PASSWORD, password: 'jauna-gara-parole' } }, first),
    );
    expect(change.statusCode).toBe(204);
    for (const s of [first, second]) expect((await t.app.inject(withSession({ method: 'GET', url: '/api/me' }, s))).statusCode).toBe(401);
    expect((await login('secretary2', 'jauna-gara-parole')).statusCode).toBe(204);
  });

  it('a password reset by an admin ends the user’s sessions; a short password is refused', async () => {
    const session = await t.loginAs('member');
    const users = (await t.call({ method: 'GET', url: '/api/users' })).body as Array<{ id: number; login: string; version: number }>;
    const member = users.find((u) => u.login === 'member2')!;
    expect(
      (await t.call({ method: 'PATCH', url: `/api/users/${member.id}`, payload: { version: member.version, password: 'īsa' } })).body.field,
    ).toBe('password');
    expect(
      (
        await t.call({
          method: 'PATCH',
          url: `/api/users/${member.id}`,
          payload: { version: member.version, password: 'pavisam-jauna-parole' },
        })
      ).status,
    ).toBe(200);
    expect((await t.app.inject(withSession({ method: 'GET', url: '/api/me' }, session))).statusCode).toBe(401);
  });

  it('a write with the session cookie but without its CSRF token is refused', async () => {
    const session = await t.loginAs('secretary');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sittings',
      headers: { cookie: session.cookie },
      payload: { date: '2025-09-08' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/CSRF/);
  });
});

describe('hardening', () => {
  it('responses carry security headers with a Content-Security-Policy', async () => {
    const res = await t.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('an oversized request gets 413 with a Latvian message', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/people', payload: { fullName: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/pārāk liels/);
  });
});

describe('a guest and a confidential item', () => {
  it('never sees the item’s text, in JSON, HTML or DOCX; a sitting not attended does not exist for them', async () => {
    const doc = { ...nr7(), number: 8, date: '2025-09-08', invited: [{ name: 'M. Šteins', position: 'deputāts' }] };
    doc.agenda[2] = { ...doc.agenda[2]!, confidential: true };
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: doc })).body;
    // A later sitting the guest did not attend (later, so nothing of it carries into theirs).
    const other = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), number: 9, date: '2025-10-13' } })).body
      .id;
    const people = (await t.call({ method: 'GET', url: '/api/people' })).body as Array<{ id: number; fullName: string }>;
    const guest = await t.loginAs('guest', people.find((p) => p.fullName === 'M. Šteins')!.id);
    const as = (url: string) => t.app.inject(withSession({ method: 'GET', url }, guest));

    const secret = ['Rotary', 'Cēsu klīnikas', '17.00 piedalīties'];
    const json = await as(`/api/sittings/${id}`);
    const html = await as(`/api/sittings/${id}/minutes.html`);
    const docx = await as(`/api/sittings/${id}/minutes.docx`);
    const fullDocx = await as(`/api/sittings/${id}/minutes.docx?version=full`);
    const list = await as('/api/sittings');
    for (const text of [json.body, htmlText(html.body), await docxText(docx.rawPayload), await docxText(fullDocx.rawPayload)]) {
      for (const s of secret) expect(text).not.toContain(s);
      expect(text).toContain('Ierobežotas pieejamības informācija');
    }
    expect(json.json().agendaItems[1].title).toBe('Par Bērnu seksuālās izmantošanas prevences plāna izpildi');
    expect(list.json().map((s: { id: number }) => s.id)).toEqual([id]);
    expect((await as(`/api/sittings/${other}`)).statusCode).toBe(404);
    expect((await as(`/api/sittings/${id}/export`)).statusCode).toBe(403);
  });
});

describe('the audit trail', () => {
  it('records each kind of change with who, before and after, and reading confidential items', async () => {
    const { id } = (
      await t.call({
        method: 'POST',
        url: '/api/sittings/import',
        payload: { ...nr7(), agenda: nr7().agenda.map((a, i) => ({ ...a, confidential: i === 2 })) },
      })
    ).body;
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    const item = s.agendaItems[0];
    await t.call({ method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: item.version, title: 'Jauns nosaukums' } });
    const added = (await t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: 'Jauns lēmums.' } })).body;
    await t.call({ method: 'DELETE', url: `/api/decisions/${added.id}?version=${added.version}` });
    const fresh = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    await t.call({ method: 'PATCH', url: `/api/sittings/${id}`, payload: { version: fresh.version, endTime: '16:30' } });
    const signed = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    await t.call({ method: 'POST', url: `/api/sittings/${id}/sign`, payload: { version: signed.version } });

    const audit = (await t.call({ method: 'GET', url: '/api/audit?limit=100' })).body as Array<{
      action: string;
      recordType: string;
      recordId: number;
      userId: number;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>;
    const me = (await t.call({ method: 'GET', url: '/api/me' })).body;
    const find = (action: string, recordType: string) => audit.find((e) => e.action === action && e.recordType === recordType);
    expect(find('import', 'sitting')).toMatchObject({ recordId: id, userId: me.userId });
    expect(find('update', 'agenda_item')).toMatchObject({
      recordId: item.id,
      before: { title: item.title },
      after: { title: 'Jauns nosaukums' },
    });
    expect(Object.keys(find('update', 'agenda_item')?.after ?? {}).sort()).toEqual(['title', 'version']);
    expect(find('create', 'decision')).toMatchObject({ recordId: added.id, before: null, after: { text: 'Jauns lēmums.' } });
    expect(find('delete', 'decision')).toMatchObject({ recordId: added.id, before: { text: 'Jauns lēmums.' }, after: null });
    expect(find('update', 'sitting')).toMatchObject({ before: { end_time: '16:00' }, after: { end_time: '16:30' } });
    expect(find('sign', 'sitting')).toMatchObject({ recordId: id, after: { version: 1 } });
    expect(find('read_confidential', 'sitting')).toMatchObject({ recordId: id });
    const filtered = (await t.call({ method: 'GET', url: `/api/audit?recordType=decision&recordId=${added.id}` })).body;
    expect(filtered.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
    expect(JSON.stringify(audit)).not.toContain('password');
  });

  it('a refused change leaves no audit record', async () => {
    const before = (await t.call({ method: 'GET', url: '/api/audit' })).body.length;
    await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-02-30' } });
    expect((await t.call({ method: 'GET', url: '/api/audit' })).body.length).toBe(before);
  });
});
