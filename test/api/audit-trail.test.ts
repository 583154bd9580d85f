import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { CompiledQuery, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, lastRecordOf } from '../../server/repositories/audit.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { importSitting } from '../../server/services/interchange.ts';
import { logIn, TEST_PASSWORD, testApp, withSession, type Session, type TestApp, snapshot } from '../support/app.ts';
import { onPostgres } from '../support/test-database.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let dir: string | undefined;
afterEach(async () => {
  await t.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

interface Entry {
  id: number;
  at: string;
  lastAt: string;
  changes: number;
  userId: number | null;
  action: string;
  recordType: string;
  recordId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const as = async (session: Session, options: InjectOptions) => {
  const res = await t.app.inject(withSession(options, session));
  const json = String(res.headers['content-type']).startsWith('application/json');
  return { status: res.statusCode, body: json ? res.json() : undefined, headers: res.headers, text: res.body };
};
const userIdOf = async (session: Session): Promise<number> => (await as(session, { method: 'GET', url: '/api/me' })).body.userId;
const trailOf = async (session: Session, query: string): Promise<Entry[]> =>
  (await as(session, { method: 'GET', url: `/api/audit?${query}` })).body;

/** The summed length of every audit record's before and after. */
async function trailSize(): Promise<number> {
  const { rows } = await sql<{ n: number | null }>`select sum(length(before)) + sum(length(after)) as n from audit_log`.execute(t.db);
  return rows[0]?.n ?? 0;
}

async function draftItem(session: Session, proceedings: string) {
  const sitting = (await as(session, { method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
  const res = await as(session, {
    method: 'POST',
    url: `/api/sittings/${sitting.id}/agenda-items`,
    payload: { title: 'Par ģimeni', proceedings },
  });
  expect(res.status).toBe(201);
  return res.body as { id: number; version: number };
}

describe('the audit trail keeps what changed', () => {
  it('1,000 autosaves of a 20,000-character text by two users grow the trail by less than 2 MB, and it still tells who changed the text when', async () => {
    t = await testApp(null);
    const secretary = await t.loginAs('secretary');
    const admin = await t.loginAs('admin');
    const words = 'Bērna māte ziņoja par situāciju ģimenē un skolā. ';
    const start = words.repeat(Math.ceil(20_000 / words.length)).slice(0, 20_000);
    const item = await draftItem(secretary, start);
    const sizeBefore = await trailSize();

    let text = start;
    let version = item.version;
    for (let i = 0; i < 1000; i++) {
      const at = (i * 7919) % text.length;
      const letter = String.fromCharCode(97 + (i % 26));
      text = `${text.slice(0, at)}${text[at] === letter ? '!' : letter}${text.slice(at + 1)}`;
      const res = await as(i % 2 === 0 ? secretary : admin, {
        method: 'PATCH',
        url: `/api/agenda-items/${item.id}`,
        payload: { version, proceedings: text },
      });
      expect(res.status).toBe(200);
      version = res.body.version;
    }

    expect(text.length).toBe(20_000);
    expect((await trailSize()) - sizeBefore).toBeLessThan(2 * 1024 * 1024);
    const updates = (await trailOf(admin, `recordType=agenda_item&recordId=${item.id}`)).filter((e) => e.action === 'update');
    const [secretaryId, adminId] = [await userIdOf(secretary), await userIdOf(admin)];
    expect(new Set(updates.map((e) => e.userId))).toEqual(new Set([secretaryId, adminId]));
    expect(updates.reduce((n, e) => n + e.changes, 0)).toBe(1000);
    for (const e of updates) {
      expect(Object.keys(e.after ?? {}).sort()).toEqual(['proceedings', 'version']);
      expect(e.lastAt >= e.at).toBe(true);
    }
    const adminsLast = updates.find((e) => e.userId === adminId);
    expect(adminsLast?.after).toEqual({ proceedings: text, version });
    expect(updates.find((e) => e.userId === secretaryId)?.before).toEqual({ proceedings: start, version: item.version });
  }, 120_000);

  it('a user’s edits of the same fields fold into one record for 5 minutes; other fields, or later edits, start a new one', async () => {
    t = await testApp(null);
    const secretary = await t.loginAs('secretary');
    const admin = await t.loginAs('admin');
    const item = await draftItem(secretary, 'pirmais');
    let version = item.version;
    const patch = async (body: Record<string, unknown>) => {
      const res = await as(secretary, { method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version, ...body } });
      expect(res.status).toBe(200);
      version = res.body.version;
    };
    const updates = async () =>
      (await trailOf(admin, `recordType=agenda_item&recordId=${item.id}`)).filter((e) => e.action === 'update').reverse();

    await patch({ proceedings: 'otrais' });
    await patch({ proceedings: 'trešais' });
    await patch({ title: 'Par bērnu' });
    await patch({ proceedings: 'ceturtais' });
    const [, , third] = await updates();
    await t.db
      .updateTable('audit_log')
      .set({ at: new Date(Date.now() - 6 * 60_000).toISOString() })
      .where('id', '=', third!.id)
      .execute();
    await patch({ proceedings: 'piektais' });

    const all = await updates();
    expect(all.map((e) => [e.before, e.after, e.changes])).toEqual([
      [{ proceedings: 'pirmais', version: 1 }, { proceedings: 'trešais', version: 3 }, 2],
      [{ title: 'Par ģimeni', version: 3 }, { title: 'Par bērnu', version: 4 }, 1],
      [{ proceedings: 'trešais', version: 4 }, { proceedings: 'ceturtais', version: 5 }, 1],
      [{ proceedings: 'ceturtais', version: 5 }, { proceedings: 'piektais', version: 6 }, 1],
    ]);
  });

  it('a progress note is recorded as the note alone, not as the decision with all its earlier notes', async () => {
    t = await testApp(null);
    const admin = await t.loginAs('admin');
    await as(admin, { method: 'POST', url: '/api/sittings/import', payload: nr7() });
    const [decision] = (await as(admin, { method: 'GET', url: '/api/decisions' })).body as Array<{ id: number }>;
    const long = 'Izpildes gaita aprakstīta sīki. '.repeat(60);
    for (let i = 1; i <= 20; i++) {
      const res = await as(admin, { method: 'POST', url: `/api/decisions/${decision!.id}/notes`, payload: { note: `${i}. ${long}` } });
      expect(res.status).toBe(201);
    }
    const [last] = (await trailOf(admin, `recordType=decision&recordId=${decision!.id}`)).filter((e) => e.action === 'note');
    expect(last).toMatchObject({ userId: await userIdOf(admin), before: null, after: { note: `20. ${long}`, status: null } });
    expect(Object.keys(last!.after!).sort()).toEqual(['authorId', 'createdAt', 'date', 'id', 'note', 'status']);
    expect(JSON.stringify(last!.after).length).toBeLessThan(long.length + 300);
  });
});

describe('an import is one audited use case, whoever calls it', () => {
  it('the command line’s import (the system, no user) and the API’s (the signed-in user) leave the same record of the new sitting', async () => {
    t = await testApp(null);
    const admin = await t.loginAs('admin');
    const other = { ...nr7(), number: 8, date: '2025-09-08', reviews: [] };
    const fromCli = await importSitting(t.db, t.groupId, SYSTEM, nr7());
    const fromApi = (await as(admin, { method: 'POST', url: '/api/sittings/import', payload: other })).body;
    const imports = (await trailOf(admin, 'recordType=sitting')).filter((e) => e.action === 'import');
    expect(imports.map((e) => [e.recordId, e.userId, e.after?.number])).toEqual(
      expect.arrayContaining([
        [fromCli.id, null, 7],
        [fromApi.id, await userIdOf(admin), 8],
      ]),
    );
    expect(imports).toHaveLength(2);
  });
});

describe('no secret reaches the audit trail, the logs or an export', () => {
  it('after logins, new users, password changes, calendar tokens and logouts, neither the database file, the audit records, the logs nor the exports hold a password, token or session id', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-audit-'));
    const databasePath = path.join(dir, 'protokols.db');
    const lines: string[] = [];
    t = await testApp(null, { databasePath, logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } });
    const sessionSecret = (s: Session) => decodeURIComponent(s.cookie.slice(s.cookie.indexOf('=') + 1));
    const admin = await t.loginAs('admin');
    const passwords = [TEST_PASSWORD, 'pirmā-slepenā-parole', 'otrā-slepenā-parole', 'trešā-slepenā-parole'];

    const person = (await as(admin, { method: 'POST', url: '/api/people', payload: { fullName: 'Inga Kārkliņa', isMember: true } })).body;
    const created = await as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: { login: 'inga', password: passwords[1], role: 'member', personId: person.id },
    });
    expect(created.status).toBe(201);
    // The admin's password is one-time: changed first, then the account may do anything else.
    const first = await logIn(t.app, 'inga', passwords[1]);
    expect(
      (await as(first, { method: 'POST', url: '/api/me/password', payload: { current: passwords[1], password: passwords[2] } })).status,
    ).toBe(204);
    const member = await logIn(t.app, 'inga', passwords[2]);
    const feed = await as(member, { method: 'POST', url: '/api/me/calendar-token' });
    expect(feed.status).toBe(201);
    const feedUrl = new URL(feed.body.url);
    expect((await t.app.inject({ method: 'GET', url: `${feedUrl.pathname}${feedUrl.search}` })).statusCode).toBe(200);
    const { version } = (await as(admin, { method: 'GET', url: '/api/users' })).body.find((u: { login: string }) => u.login === 'inga');
    expect(
      (await as(admin, { method: 'PATCH', url: `/api/users/${created.body.id}`, payload: { version, password: passwords[3] } })).status,
    ).toBe(200);
    const again = await logIn(t.app, 'inga', passwords[3]);
    expect((await as(again, { method: 'DELETE', url: '/api/session' })).status).toBe(204);
    // One-time passwords made by the server, for a new account and by a reset, stay out too.
    const handedOver = await as(admin, { method: 'POST', url: '/api/users', payload: { login: 'janis', role: 'secretary' } });
    expect(handedOver.status).toBe(201);
    const reset = await as(admin, {
      method: 'POST',
      url: `/api/users/${handedOver.body.id}/password-reset`,
      payload: { version: handedOver.body.version },
    });
    expect(reset.status).toBe(200);
    const janis = await logIn(t.app, 'janis', reset.body.oneTimePassword);
    passwords.push(handedOver.body.oneTimePassword, reset.body.oneTimePassword);
    const rotated = await as(admin, { method: 'POST', url: `/api/people/${person.id}/calendar-token` });
    const imported = (await as(admin, { method: 'POST', url: '/api/sittings/import', payload: nr7() })).body;
    const exports = [
      (await as(admin, { method: 'GET', url: `/api/sittings/${imported.id}/export` })).text,
      (await as(admin, { method: 'GET', url: '/api/decisions.csv' })).text,
    ];

    const tokens = [feedUrl.searchParams.get('token') ?? '', new URL(rotated.body.url).searchParams.get('token') ?? ''];
    const sessions = [admin, first, member, again, janis].map(sessionSecret);
    const secrets = [...passwords, ...tokens, ...sessions];
    for (const s of secrets) expect(s.length).toBeGreaterThanOrEqual(10);

    const actions = (await trailOf(admin, 'limit=1000')).map((e) => `${e.action} ${e.recordType}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'create user',
        'change_password user',
        'update user',
        'reset_password user',
        'rotate_calendar_token person',
        'import sitting',
      ]),
    );

    // What is stored hashed must not reach the trail either: password hashes, session ids, token hashes, CSRF tokens.
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
    const users = await t.db.selectFrom('users').select('password_hash').execute();
    const feeds = await t.db.selectFrom('people').select('calendar_token_hash').where('calendar_token_hash', 'is not', null).execute();
    const derived = [
      ...users.map((u) => u.password_hash),
      ...sessions.map(sha256),
      ...tokens.map(sha256),
      ...feeds.map((p) => p.calendar_token_hash ?? ''),
      admin.csrf,
      first.csrf,
      member.csrf,
      again.csrf,
      janis.csrf,
    ];
    const trail = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute());
    for (const s of [...secrets, ...derived]) expect(trail).not.toContain(s);

    const logs = lines.join('');
    expect(logs).toContain(`"url":"${feedUrl.pathname}"`);
    expect(logs).toContain('"url":"/api/session"');
    for (const s of [...secrets, admin.csrf, first.csrf, member.csrf, again.csrf, janis.csrf]) expect(logs).not.toContain(s);
    expect(logs).not.toContain('token=');

    for (const body of exports) for (const s of [...secrets, ...derived]) expect(body).not.toContain(s);

    if (onPostgres) {
      // No file to read: every row of every table instead.
      const everything = JSON.stringify(await snapshot(t.db));
      expect(everything.length).toBeGreaterThan(0);
      for (const s of secrets) expect(everything).not.toContain(s);
      return;
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.db);
    const files = [databasePath, `${databasePath}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(files[0]!.length).toBeGreaterThan(0);
    for (const bytes of files) for (const s of secrets) expect(bytes.includes(Buffer.from(s, 'utf8'))).toBe(false);
  });
});

describe('GET /api/audit pages by key', () => {
  const link = (headers: Record<string, unknown>) => /^<([^>]+)>; rel="next"$/.exec(String(headers.link ?? ''))?.[1];

  it('100 records a page unless told, at most 1,000, and the Link header leads through every record exactly once', async () => {
    t = await testApp(null);
    const admin = await t.loginAs('admin');
    const groupId = (await t.db.selectFrom('groups').select('id').executeTakeFirstOrThrow()).id;
    for (let i = 1; i <= 250; i++)
      await appendAudit(t.db, groupId, { userId: null, personId: null }, { action: 'update', recordType: 'paging', recordId: i });

    const first = await as(admin, { method: 'GET', url: '/api/audit' });
    expect(first.body).toHaveLength(100);
    expect(link(first.headers)).toBeDefined();
    const tooMany = await as(admin, { method: 'GET', url: '/api/audit?limit=1001' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toMatch(/limit/);
    expect(tooMany.body.message).toMatch(/ne vairāk kā 1000/);
    expect((await as(admin, { method: 'GET', url: '/api/audit?limit=1000' })).status).toBe(200);

    const seen: number[] = [];
    let next: string | undefined = '/api/audit?recordType=paging&limit=70';
    let pages = 0;
    while (next !== undefined) {
      const page = await as(admin, { method: 'GET', url: next });
      expect(page.status).toBe(200);
      seen.push(...(page.body as Entry[]).map((e) => e.recordId ?? 0));
      next = link(page.headers);
      if (next !== undefined) expect(next).toContain('recordType=paging');
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => 250 - i));
  });

  it.skipIf(onPostgres)(
    'a user’s last record of a record, which each autosave looks up, is found through an index (SQLite’s plan)',
    async () => {
      t = await testApp(null);
      const query = lastRecordOf(t.db, 1, 1, 'agenda_item', 1).compile();
      const plan = await t.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
      const details = plan.rows.map((r) => r.detail).join('\n');
      expect(details).toContain('audit_log_actor_record_idx');
      expect(details).not.toMatch(/SCAN audit_log(?! USING)/);
    },
  );
});
