import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.ts';
import { httpLogin, seedUser } from '../support/http-session.ts';
import { nr7, REPO_ROOT } from '../support/reference.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function protokols(database: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/protokols.js', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: database },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('backups', { timeout: 120_000 }, () => {
  it('a backup taken during concurrent writes restores to a consistent database', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-backup-'));
    const database = path.join(dir, 'live.db');
    await seedUser(database, 'sekretare', 'secretary');
    server = await startServer(database);
    const client = await httpLogin(server.url, 'sekretare');
    expect((await client.json('/api/sittings/import', { method: 'POST', body: nr7() })).status).toBe(201);
    const draft = (await client.json('/api/sittings', { method: 'POST', body: { date: '2025-09-08' } })).body;

    // Writes keep coming while the backup runs.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing && written < 150) {
        const res = await client.json(`/api/sittings/${draft.id}/decisions`, {
          method: 'POST',
          body: { text: `Lēmums ${written}`, number: 1 },
        });
        expect(res.status).toBe(201);
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const backup = path.join(dir, 'kopija.db');
    const made = await protokols(database, ['backup', backup]);
    writing = false;
    await writer;
    expect(made).toMatchObject({ code: 0 });
    expect(written).toBeGreaterThan(0);

    const restored = path.join(dir, 'restored.db');
    const back = await protokols(restored, ['restore', backup]);
    expect(back.stdout).toContain('kārtībā');
    expect(back.code).toBe(0);

    const db = await openDatabase(restored);
    try {
      const numbers = (
        await db.selectFrom('decisions').select('number').where('sitting_id', '=', draft.id).orderBy('number').execute()
      ).map((r) => r.number);
      // Consistent: every decision number 1..n present exactly once, as each write left it.
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect((await db.selectFrom('sittings').select('id').execute()).length).toBe(2);
      expect((await db.selectFrom('users').select('login').execute()).map((u) => u.login)).toEqual(['sekretare']);
    } finally {
      await db.destroy();
    }
  });

  it('restore refuses to overwrite without --force, and refuses a file that is no backup', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-backup-'));
    const database = path.join(dir, 'live.db');
    await seedUser(database, 'admins', 'admin');
    const backup = path.join(dir, 'kopija.db');
    expect((await protokols(database, ['backup', backup])).code).toBe(0);
    const refused = await protokols(database, ['restore', backup]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect((await protokols(database, ['restore', backup, '--force'])).code).toBe(0);

    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all');
    const bad = await protokols(path.join(dir, 'other.db'), ['restore', junk]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('nav protokols datubāzes kopija');
  });
});

describe('the first admin', { timeout: 120_000 }, () => {
  it('is created from the command line with the password read from standard input, then logs in', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-user-'));
    const database = path.join(dir, 'p.db');
    const short = await protokols(database, ['user', 'add', 'admins', '--role', 'admin'], 'īsa\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('vismaz 10');
    const made = await protokols(database, ['user', 'add', 'Admins', '--role', 'admin'], 'pareizā-parole-123\n');
    expect(made).toMatchObject({ code: 0 });
    expect(made.stdout + made.stderr).not.toContain('pareizā-parole-123');
    server = await startServer(database);
    const client = await httpLogin(server.url, 'admins');
    expect((await client.json('/api/me')).body).toMatchObject({ login: 'admins', role: 'admin' });
  });
});
