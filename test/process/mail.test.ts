// The mail in real processes: the server SIGKILLed while the SMTP server holds a message it has
// taken in but not yet answered — after a restart the message is delivered again, at most twice in
// all and with one Message-ID; the SMTP password never reaches the log; and `protokols mail run
// --now` computes a day's reminders once, delivers the outbox and exits.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openSqlite } from '../../server/db/sqlite.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { enqueue } from '../../server/services/mail/enqueue.ts';
import { testApp } from '../support/app.ts';
import { mailFixture } from '../support/mail-fixture.ts';
import { REPO_ROOT } from '../support/reference.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

let dir: string;
let smtp: TestSmtp;
const servers: ServerProcess[] = [];
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'protokols-mail-process-'));
  smtp = await startSmtp();
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

async function outboxRows(file: string) {
  const db = openSqlite(file);
  try {
    return await db.selectFrom('outbox').selectAll().orderBy('id').execute();
  } finally {
    await db.destroy();
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a crash during a send', { timeout: 120_000 }, () => {
  it('after SIGKILL while the SMTP server holds the data, the restarted server delivers it again: at most twice, one Message-ID', async () => {
    const file = path.join(dir, 'protokols.db');
    const db = openSqlite(file);
    await migrateToLatest(db);
    await enqueue(
      db,
      { baseUrl: 'https://protokols.example.lv', from: 'protokols@example.lv' },
      {
        groupId: (await ensureGroup(db)).id,
        kind: 'reminder',
        sittingId: null,
        personId: null,
        recipient: 'anna@example.lv',
        mail: { subject: 'Atgādinājums', text: 'Teksts\n', html: '<p>Teksts</p>' },
      },
      new Date(),
    );
    await db.destroy();

    const url = `smtp://lietotajs:SlepenaParole123@127.0.0.1:${smtp.port}`;
    const env = { SMTP_URL: url, MAIL_FROM: 'protokols@example.lv', MAIL_POLL_SECONDS: '0.2', MAIL_LEASE_SECONDS: '4' };
    smtp.answers.push('hold');
    const first = await startServer(file, 0, 30_000, [], env);
    servers.push(first);
    await smtp.held();
    // The SMTP server has the whole message; the app has not heard back and has committed nothing.
    await first.stop('SIGKILL');
    expect((await outboxRows(file))[0]).toMatchObject({ state: 'sending' });

    const second = await startServer(file, 0, 30_000, [], env);
    servers.push(second);
    const rows = await until(
      () => outboxRows(file),
      (r) => r[0]?.state === 'sent',
    );
    expect(rows[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(smtp.received.length).toBeGreaterThanOrEqual(1);
    expect(smtp.received.length).toBeLessThanOrEqual(2);
    expect(new Set(smtp.received.map((m) => m.messageId))).toEqual(new Set([rows[0]!.message_id]));
    await second.stop();
    expect(first.output() + second.output()).not.toContain('SlepenaParole123');
  });
});

describe('protokols mail run --now', { timeout: 120_000 }, () => {
  function mailRun(file: string, date: string) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'npx',
        ['--no-install', 'protokols', 'mail', 'run', '--now', date],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            DATABASE_URL: file,
            SMTP_URL: smtp.url,
            MAIL_FROM: 'protokols@example.lv',
            PUBLIC_URL: 'https://protokols.example.lv',
          },
        },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
      ),
    );
  }

  it("computes that date's reminders once per person, delivers the outbox, and exits", async () => {
    const file = path.join(dir, 'protokols.db');
    const t = await testApp('admin', { databasePath: file, publicUrl: 'https://protokols.example.lv' });
    await mailFixture(t);
    await t.close();

    const first = await mailRun(file, '2026-12-03');
    expect(first.stderr).not.toMatch(/Kļūda/u);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Atgādinājumi 2026-12-03: 2 jauni.');
    // The two reminders (Anna, Ilze) and the signed minutes the fixture's signing left in the outbox.
    const reminders = smtp.received.filter((m) => /^Atgādinājums/u.test(m.parsed.subject ?? ''));
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(['anna@example.lv', 'ilze.liepa@skola.example.lv']);
    const count = smtp.received.length;

    const again = await mailRun(file, '2026-12-03');
    expect(again.stdout).toContain('Atgādinājumi 2026-12-03: 0 jauni. Nosūtītas: 0');
    expect(smtp.received).toHaveLength(count);
  });
});
