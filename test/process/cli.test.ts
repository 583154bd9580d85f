import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/db/sqlite.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { PasswordsDiffer, readNewPassword, REPEAT_PROMPT, type SecretInput } from '../../server/secret-input.ts';
import { addPerson } from '../../server/services/people.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { canonical } from '../support/canonical.ts';
import { protokols } from '../support/cli.ts';
import { nr7, REPO_ROOT, sharedPath } from '../support/reference.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

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

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = path.join(REPO_ROOT, 'bin', 'protokols.js');

/**
 * Runs bin/protokols.js in `cwd` with `env` as the whole environment besides PATH and HOME (so an
 * unset DATABASE_URL is really unset), `input` on standard input as a pipe.
 */
function cli(args: string[], { cwd, env = {}, input = '' }: { cwd: string; env?: Record<string, string>; input?: string }) {
  return new Promise<Run>((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

const firstLine = (text: string) => text.split('\n')[0];
const tempDir = () => (dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-')));

describe('which database the command uses', { timeout: 180_000 }, () => {
  it('every command names its database as the first line of standard error, and prints only its result on standard output', async () => {
    const cwd = tempDir();
    const database = path.join(cwd, 'p.db');
    const env = { DATABASE_URL: database };
    const named = `protokols: datubāze ${database}`;
    const runs: Array<[string[], string | undefined, (out: string) => void]> = [
      [['import', sharedPath('reference', 'sitting-nr7.json')], undefined, (out) => expect(out).toBe('1\n')],
      [['export', '7'], undefined, (out) => expect(JSON.parse(out).number).toBe(7)],
      [['render', '7', '--out', path.join(cwd, 'Nr7.docx')], undefined, (out) => expect(out).toBe(`${path.join(cwd, 'Nr7.docx')}\n`)],
      [
        ['user', 'add', 'sekretare', '--role', 'secretary'],
        'ļoti-slepena-parole\n',
        (out) => expect(out).toBe('Lietotājs sekretare (secretary) izveidots.\n'),
      ],
      [['user', 'list'], undefined, (out) => expect(out).toMatch(/^LIETOTĀJS +LOMA +PERSONA +AKTĪVS\nsekretare +secretary +– +jā\n$/u)],
      [['backup', path.join(cwd, 'copy.db')], undefined, (out) => expect(out).toBe(`${path.join(cwd, 'copy.db')}\n`)],
      [['restore', path.join(cwd, 'copy.db'), '--force'], undefined, (out) => expect(out).toMatch(/^Datubāze atjaunota no .*\n$/u)],
    ];
    for (const [args, input, result] of runs) {
      const res = await cli(args, { cwd, env, input });
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(0);
      expect(firstLine(res.stderr), args.join(' ')).toBe(named);
      result(res.stdout);
    }
    // A refused command names it first too, before its error.
    const refused = await cli(['export', '99'], { cwd, env });
    expect(refused.stderr.split('\n').slice(0, 2)).toEqual([named, 'Kļūda: Sēde Nr. 99 nav atrasta.']);
    expect(refused.stdout).toBe('');
  });

  it('without DATABASE_URL and without data/protokols.db it refuses with exit code 2, names the path and creates nothing', async () => {
    const cwd = tempDir();
    const expected = path.join(cwd, 'data', 'protokols.db');
    for (const args of [
      ['user', 'list'],
      ['user', 'add', 'jauns', '--role', 'admin'],
      ['import', sharedPath('reference', 'sitting-nr7.json')],
    ]) {
      const res = await cli(args, { cwd, input: 'parole-parole\n' });
      expect(res.code).toBe(2);
      expect(firstLine(res.stderr)).toBe(`protokols: datubāze ${expected} (DATABASE_URL nav norādīts)`);
      expect(res.stderr).toContain(`Kļūda: datubāze ${expected} nav atrasta`);
      expect(res.stderr).toContain('--create');
      expect(res.stdout).toBe('');
      expect(existsSync(path.join(cwd, 'data'))).toBe(false);
    }
  });

  it('with --create it makes and migrates data/protokols.db, which later commands then use without it', async () => {
    const cwd = tempDir();
    const created = await cli(['user', 'add', 'pirmais', '--role', 'admin', '--create'], { cwd, input: 'ļoti-slepena-parole\n' });
    expect(created).toMatchObject({ code: 0, stdout: 'Lietotājs pirmais (admin) izveidots.\n' });
    expect(existsSync(path.join(cwd, 'data', 'protokols.db'))).toBe(true);
    const listed = await cli(['user', 'list'], { cwd });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('pirmais');
  });

  it('an explicit DATABASE_URL that does not exist yet is created and migrated without --create', async () => {
    const cwd = tempDir();
    const database = path.join(cwd, 'jauna', 'p.db');
    const res = await cli(['user', 'list'], { cwd, env: { DATABASE_URL: database } });
    expect(res).toMatchObject({ code: 0, stdout: 'LIETOTĀJS  LOMA  PERSONA  AKTĪVS\n' });
    expect(firstLine(res.stderr)).toBe(`protokols: datubāze ${database}`);
    expect(existsSync(database)).toBe(true);
  });
});

describe('protokols user', { timeout: 180_000 }, () => {
  it('links the account to a person given by name (full or short form) or by ID, and lists logins, roles, people and active state', async () => {
    const cwd = tempDir();
    const database = path.join(cwd, 'p.db');
    const env = { DATABASE_URL: database };
    await cli(['user', 'list'], { cwd, env });
    const db = openSqlite(database);
    let alise: number;
    try {
      const groupId = (await ensureGroup(db)).id;
      await addPerson(db, groupId, SYSTEM, { fullName: 'Anna Ozola', position: 'sociālā darbiniece' });
      alise = (await addPerson(db, groupId, SYSTEM, { fullName: 'Alise Ozola' })).id;
      await addPerson(db, groupId, SYSTEM, { fullName: 'Elita Rancāne' });
    } finally {
      await db.destroy();
    }
    const add = (login: string, person: string) =>
      cli(['user', 'add', login, '--role', 'member', '--person', person], { cwd, env, input: 'parole-parole-1\n' });
    expect((await add('anna', 'Anna Ozola')).code).toBe(0);
    expect((await add('elita', 'E. Rancāne')).code).toBe(0);
    expect((await add('alise', String(alise))).code).toBe(0);

    const ambiguous = await add('kads', 'A. Ozola');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('"A. Ozola" atbilst vairākām personām');
    expect(ambiguous.stderr).toMatch(/Anna Ozola, sociālā darbiniece \(ID \d+\)/u);
    expect(ambiguous.stderr).toContain(`Alise Ozola (ID ${alise})`);
    const unknown = await add('kads', 'Nav Tāda');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Persona "Nav Tāda" katalogā nav atrasta');

    const listed = await cli(['user', 'list'], { cwd, env });
    expect(listed.code).toBe(0);
    expect(
      listed.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/ {2,}/u)),
    ).toEqual([
      ['LIETOTĀJS', 'LOMA', 'PERSONA', 'AKTĪVS'],
      ['alise', 'member', 'Alise Ozola', 'jā'],
      ['anna', 'member', 'Anna Ozola', 'jā'],
      ['elita', 'member', 'Elita Rancāne', 'jā'],
    ]);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)('at a terminal asks for the password twice, and again when the two differ', async () => {
    const cwd = tempDir();
    const database = path.join(cwd, 'p.db');
    // `script` gives the command a pseudo-terminal: standard input is a TTY, as when a person types.
    const child = spawn('script', ['-qec', `'${process.execPath}' '${BIN}' user add terminals --role member`, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: database },
    });
    let screen = '';
    const typed = ['pirmā-parole-1', 'otrā-parole-2', 'īstā-parole-3', 'īstā-parole-3'];
    let next = 0;
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      // Each password is typed once its prompt is on the screen, so the terminal is already in raw mode.
      const prompts = screen.split(/Parole(?: vēlreiz)?: /u).length - 1;
      while (next < prompts && next < typed.length) child.stdin.write(`${typed[next++]}\r`);
    });
    expect(await exited).toBe(0);
    expect(screen).toContain('Paroles nesakrīt; ievadiet vēlreiz.');
    expect(screen).toContain('Lietotājs terminals (member) izveidots.');
    expect(screen.match(/Parole vēlreiz: /gu)).toHaveLength(2);
    // Nothing typed is echoed.
    for (const password of typed) expect(screen).not.toContain(password);
    const db = openSqlite(database);
    try {
      expect(await db.selectFrom('users').select('login').execute()).toEqual([{ login: 'terminals' }]);
    } finally {
      await db.destroy();
    }
  });
});

/** A terminal for readNewPassword: a TTY stream that records raw mode, and the screen it writes to. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, raw: false }) as PassThrough & SecretInput & { raw: boolean };
  input.setRawMode = (mode: boolean) => (input.raw = mode);
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
  return { input, output, screen: () => screen };
}

describe('the new password from a terminal', () => {
  it('is typed twice in raw mode, backspace editing it, and returned when both agree', async () => {
    const t = fakeTerminal();
    const read = readNewPassword(t);
    expect(t.input.raw).toBe(true);
    t.input.write('parolx\u007fe\r');
    t.input.write('parole\r');
    expect(await read).toBe('parole');
    expect(t.input.raw).toBe(false);
    expect(t.screen()).toBe(`Parole: \n${REPEAT_PROMPT}\n`);
  });

  it('after three differing pairs refuses with a clear message', async () => {
    const t = fakeTerminal();
    const read = readNewPassword(t);
    t.input.write('a1\rb1\ra2\rb2\r');
    t.input.write('a3\rb3\r');
    await expect(read).rejects.toThrow(new PasswordsDiffer('Paroles 3 reizes nesakrita; lietotājs netika izveidots.'));
    expect(t.input.raw).toBe(false);
    expect(t.screen().match(/Paroles nesakrīt/gu)).toHaveLength(2);
  });

  it('from a pipe is its first line, asked once', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    input.end('no-caurules\notrā rinda\n');
    expect(await readNewPassword({ input, output })).toBe('no-caurules');
  });
});
