// Delivering the outbox against a real SMTP server that misbehaves: refusals (4xx, then 5xx) and a
// connection dropped in the middle of a message are retried with backoff until the message is
// accepted, once; after 24 hours a message is given up and shown to the admin, who can resend it;
// without SMTP_URL nothing is sent and the outbox says why; two instances never send one message twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';
import { deliverDue, NO_SMTP, smtpMailer, type Mailer } from '../../server/services/mail/delivery.ts';
import { enqueue } from '../../server/services/mail/enqueue.ts';
import { startMailWorker } from '../../server/services/mail/worker.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import type { Db } from '../../server/db/database.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

const FROM = 'protokols@example.lv';
const ctx = { baseUrl: 'https://protokols.example.lv', from: FROM };
const MINUTE = 60_000;

/** Writes `count` plain messages to the outbox at `now`. */
async function messages(db: Db, groupId: number, count: number, now: Date): Promise<void> {
  for (let i = 1; i <= count; i++)
    await enqueue(
      db,
      ctx,
      {
        groupId,
        kind: 'reminder',
        sittingId: null,
        personId: null,
        recipient: `adresats${i}@example.lv`,
        mail: { subject: `Vēstule ${i}`, text: `Teksts ${i}\n`, html: `<p>Teksts ${i}</p>` },
      },
      now,
    );
}

const outbox = (db: Db) => db.selectFrom('outbox').selectAll().orderBy('id').execute();

describe('retries against a misbehaving SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let mailer: Mailer;
  beforeEach(async () => {
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url, 5_000);
    t = await testApp('admin');
  });
  afterEach(async () => {
    mailer.close();
    await t.close();
    await smtp.close();
  });

  it('a 4xx, then a 5xx, then a connection dropped mid-message: retried after 1, 2 and 4 minutes, delivered once', async () => {
    const t0 = new Date('2026-12-01T08:00:00Z');
    await messages(t.db, t.groupId, 1, t0);
    smtp.answers.push('4xx', '5xx', 'drop');
    const at = (ms: number) => ({ from: FROM, now: () => new Date(t0.getTime() + ms) });

    expect(await deliverDue(t.db, mailer, at(0))).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [row] = await outbox(t.db);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: new Date(t0.getTime() + MINUTE).toISOString() });
    expect(row!.last_error).toMatch(/^451 /u);

    // Not due before its time.
    expect(await deliverDue(t.db, mailer, at(30_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await deliverDue(t.db, mailer, at(MINUTE))).toEqual({ sent: 0, retried: 1, failed: 0 });
    [row] = await outbox(t.db);
    expect(row).toMatchObject({ attempts: 2, next_attempt_at: new Date(t0.getTime() + 3 * MINUTE).toISOString() });
    expect(row!.last_error).toMatch(/^554 /u);

    expect(await deliverDue(t.db, mailer, at(3 * MINUTE))).toEqual({ sent: 0, retried: 1, failed: 0 });
    [row] = await outbox(t.db);
    expect(row).toMatchObject({ attempts: 3, next_attempt_at: new Date(t0.getTime() + 7 * MINUTE).toISOString() });

    expect(await deliverDue(t.db, mailer, at(7 * MINUTE))).toEqual({ sent: 1, retried: 0, failed: 0 });
    [row] = await outbox(t.db);
    expect(row).toMatchObject({ state: 'sent', attempts: 4, last_error: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(row!.message_id);
    // Nothing is sent again later.
    expect(await deliverDue(t.db, mailer, at(60 * MINUTE))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('of many messages with faults in between, each arrives exactly once', async () => {
    const t0 = new Date('2026-12-01T08:00:00Z');
    await messages(t.db, t.groupId, 8, t0);
    smtp.answers.push('accept', '4xx', 'drop', 'accept', '5xx', 'accept', 'drop', '4xx');
    for (let minute = 0; minute <= 20; minute++)
      await deliverDue(t.db, mailer, { from: FROM, now: () => new Date(t0.getTime() + minute * MINUTE) });
    expect((await outbox(t.db)).map((r) => r.state)).toEqual(Array(8).fill('sent'));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `adresats${i + 1}@example.lv`).sort());
  });

  it('the wait doubles up to an hour, and after 24 hours the message is given up; the admin sees it and can resend it', async () => {
    const t0 = new Date('2026-12-01T08:00:00Z');
    await messages(t.db, t.groupId, 1, t0);
    smtp.answers.push(...Array(30).fill('5xx'));
    const waits: number[] = [];
    let clock = t0.getTime();
    for (let i = 0; i < 40; i++) {
      const report = await deliverDue(t.db, mailer, { from: FROM, now: () => new Date(clock) });
      const [row] = await outbox(t.db);
      if (report.failed === 1) break;
      const next = Date.parse(row!.next_attempt_at);
      waits.push((next - clock) / MINUTE);
      clock = next;
    }
    expect(waits.slice(0, 8)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    const [row] = await outbox(t.db);
    expect(row!.state).toBe('failed');
    expect(clock - t0.getTime()).toBeGreaterThanOrEqual(24 * 60 * MINUTE);

    const listed = await t.call({ method: 'GET', url: '/api/outbox' });
    expect(listed.body[0]).toMatchObject({ id: row!.id, state: 'failed', lastError: expect.stringMatching(/^554/u) });
    smtp.answers.length = 0;
    const resent = await t.call({ method: 'POST', url: `/api/outbox/${row!.id}/resend` });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ state: 'pending', attempts: 0 });
    await deliverDue(t.db, mailer, { from: FROM });
    expect(smtp.received).toHaveLength(1);
    expect((await t.call({ method: 'GET', url: '/api/outbox' })).body[0]).toMatchObject({ state: 'sent' });
  });

  it('the preview shows a message whole: subject, text, HTML, headers and attachments', async () => {
    await messages(t.db, t.groupId, 1, new Date());
    const [row] = await outbox(t.db);
    const res = await t.call({ method: 'GET', url: `/api/outbox/${row!.id}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subject: 'Vēstule 1', text: 'Teksts 1\n', html: '<p>Teksts 1</p>', attachments: [] });
    expect((await t.call({ method: 'GET', url: '/api/outbox/999' })).status).toBe(404);
  });
});

describe('without SMTP_URL', () => {
  it('nothing is sent, and each waiting message says why', async () => {
    const t = await testApp('admin');
    try {
      await messages(t.db, t.groupId, 2, new Date());
      expect(await deliverDue(t.db, null, { from: FROM })).toEqual({ sent: 0, retried: 0, failed: 0 });
      const rows = await outbox(t.db);
      expect(rows.map((r) => [r.state, r.last_error, r.attempts])).toEqual([
        ['pending', NO_SMTP, 0],
        ['pending', NO_SMTP, 0],
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('two app instances sharing the outbox', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'protokols-mail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('deliver every message exactly once: the lease in the database lets only one send each', async () => {
    const file = path.join(dir, 'shared.db');
    const first = openSqlite(file);
    await migrateToLatest(first);
    const second = openSqlite(file);
    const smtp = await startSmtp();
    const groupId = (await ensureGroup(first)).id;
    await messages(first, groupId, 30, new Date());
    const workers = [first, second].map((db) =>
      startMailWorker({ db, ctx, mailer: smtpMailer(smtp.url, 5_000), pollMs: 20, leaseMs: 60_000, onError: (e) => console.error(e) }),
    );
    try {
      await smtp.waitFor(30);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(30);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(30);
      expect((await outbox(first)).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      for (const w of workers) await w.stop();
      await smtp.close();
      await first.destroy();
      await second.destroy();
    }
  });
});
