// `protokols group add/list` and `--group`: a host with several groups is never acted on by guess.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/db/sqlite.ts';
import { REPO_ROOT, sharedPath } from '../support/reference.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-groups-'));
const database = path.join(dir, 'p.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function protokols(input: string | null, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      'npx',
      ['--no-install', 'protokols', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database, PUBLIC_URL: 'https://protokols.example.lv' } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
    child.stdin?.end(input ?? '');
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('protokols group', { timeout: 240_000 }, () => {
  it('adds groups (a setup link, then the id alone on the last line), lists them, and makes --group required once there are several', async () => {
    // A fresh database acts in its one (default) group without --group.
    expect((await protokols(null, 'import', sharedPath('reference', 'sitting-nr7.json'))).code).toBe(0);

    const added = await protokols(
      null,
      'group',
      'add',
      'Cēsu novada Bērnu tiesību aizsardzības sadarbības grupa',
      '--municipality',
      'Cēsu novads',
    );
    expect(added.code).toBe(0);
    const id = lastLine(added.stdout)!;
    expect(id).toMatch(/^\d+$/u);
    expect(added.stdout).toMatch(/https:\/\/protokols\.example\.lv\/#\/setup\/[A-Za-z0-9_-]{40,}/u);

    const listed = await protokols(null, 'group', 'list');
    expect(listed.code).toBe(0);
    const rows = listed.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/ {2,}/u));
    expect(rows[0]).toEqual(['ID', 'SAĪSNE', 'NOSAUKUMS', 'NOVADS', 'SĒDES', 'PERSONAS', 'LIETOTĀJI']);
    expect(rows.at(-1)).toEqual([
      id,
      'cesu-novada-bernu-tiesibu-aizsardzibas-sadarbibas-grupa',
      'Cēsu novada Bērnu tiesību aizsardzības sadarbības grupa',
      'Cēsu novads',
      '0',
      '0',
      '0',
    ]);
    expect(rows[1]![4]).toBe('1');

    const unclear = await protokols(null, 'export', '7');
    expect(unclear.code).toBe(2);
    expect(unclear.stderr).toContain('--group');
    expect(unclear.stderr).toContain(`${id} (Cēsu novada`);
    expect(unclear.stderr).toContain('1 (');

    expect((await protokols(null, 'export', '7', '--group', '1')).code).toBe(0);
    const elsewhere = await protokols(null, 'export', '7', '--group', id);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('Sēde Nr. 7 nav atrasta.');
    expect((await protokols(null, 'export', '7', '--group', '999')).code).toBe(2);

    const admin = await protokols('ļoti-slepena-parole\n', 'user', 'add', 'cesu.admins', '--role', 'admin', '--group', id);
    expect(admin).toMatchObject({ code: 0 });
    const host = await protokols('vēl-slepenāka-parole\n', 'user', 'add', 'serveris', '--role', 'host_admin');
    expect(host).toMatchObject({ code: 0, stdout: 'Lietotājs serveris (host_admin) izveidots.\n' });

    const db = openSqlite(database);
    try {
      const users = await db.selectFrom('users').select(['login', 'role', 'group_id']).orderBy('id').execute();
      expect(users).toEqual([
        { login: 'cesu.admins', role: 'admin', group_id: Number(id) },
        { login: 'serveris', role: 'host_admin', group_id: 1 },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
