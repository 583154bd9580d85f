import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/db/sqlite.ts';
import { canonical } from '../support/canonical.ts';
import { nr7, REPO_ROOT, sharedPath } from '../support/reference.ts';

const run = promisify(execFile);
let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function protokols(database: string, ...args: string[]) {
  return run('npx', ['--no-install', 'protokols', ...args], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database } }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Runs the command with `input` on standard input (as a pipe, the way a script would). */
function protokolsWithInput(database: string, input: string, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      'npx',
      ['--no-install', 'protokols', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

describe('the protokols command', { timeout: 120_000 }, () => {
  it('adds a user with the password from standard input, hashed at the production cost (scrypt N=2^17)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-'));
    const database = path.join(dir, 'p.db');
    const res = await protokolsWithInput(database, 'ļoti-slepena-parole\n', 'user', 'add', 'vards.uzvards', '--role', 'admin');
    expect(res).toMatchObject({ code: 0, stdout: 'Lietotājs vards.uzvards (admin) izveidots.\n' });
    const db = openSqlite(database);
    try {
      const row = await db.selectFrom('users').select('password_hash').where('login', '=', 'vards.uzvards').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/u);
    } finally {
      await db.destroy();
    }
  });

  it('imports a sitting, printing its id, and exports it by number', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-'));
    const database = path.join(dir, 'p.db');
    const imported = await protokols(database, 'import', sharedPath('reference', 'sitting-nr7.json'));
    expect(imported).toMatchObject({ code: 0, stdout: '1\n' });
    const exported = await protokols(database, 'export', '7');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(canonical(nr7()));
  });

  it('renders the minutes to a DOCX file, full or public', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-'));
    const database = path.join(dir, 'p.db');
    await protokols(database, 'import', sharedPath('reference', 'sitting-nr7.json'));
    const out = path.join(dir, 'Protokols.docx');
    const res = await protokols(database, 'render', '7', '--out', out, '--public');
    expect(res.code).toBe(0);
    const text = (await mammoth.extractRawText({ path: out })).value;
    expect(text).toContain('SĒDES PROTOKOLS');
    expect(text).toContain('Sēde slēgta plkst.');
  });

  it('explains a bad file in Latvian and exits non-zero without writing', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-'));
    const database = path.join(dir, 'p.db');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...nr7(), date: '2025-02-30' }));
    const res = await protokols(database, 'import', bad);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Lauks "date"');
    expect((await protokols(database, 'export', '7')).stderr).toContain('Sēde Nr. 7 nav atrasta');
    expect((await protokols(database, 'nothing')).code).toBe(2);
  });
});
