// `protokols copy --from SQLITE --to postgres://…` (TEST_DB=postgres): the whole database, every group,
// lands in an empty PostgreSQL database with its ids, signed files that still match their hashes and
// sequences past the copied ids; a database that is not empty is refused and left as it was.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { runCli } from '../../server/cli.ts';
import { openDatabase } from '../../server/db/open.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { createPerson } from '../../server/repositories/people.ts';
import { createUser } from '../../server/services/accounts.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { addGroup } from '../../server/services/group.ts';
import { logIn, rowCounts, TEST_PASSWORD, testHasher, withSession } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { expectWordsAgreeWithRows } from '../support/search-words.ts';
import { onPostgres, postgresTestDatabase } from '../support/test-database.ts';

let dir: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A SQLite file with two groups, an account, and Nr. 7 imported and signed. */
async function sqliteWithData(): Promise<string> {
  dir = mkdtempSync(path.join(tmpdir(), 'protokols-copy-'));
  const file = path.join(dir, 'protokols.db');
  const db = await openDatabase(file);
  const app = await buildApp({ db, passwordHasher: testHasher() });
  await app.ready();
  try {
    await createUser(
      db,
      (await ensureGroup(db)).id,
      { login: 'admin1', password: TEST_PASSWORD, role: 'admin', personId: null },
      app.passwords,
    );
    await addGroup(db, SYSTEM, { name: 'Otrā grupa', municipality: 'Otrais novads' });
    const session = await logIn(app, 'admin1');
    const imported = (await app.inject(withSession({ method: 'POST', url: '/api/sittings/import', payload: nr7() }, session))).json();
    const sitting = (await app.inject(withSession({ method: 'GET', url: `/api/sittings/${imported.id}` }, session))).json();
    const signed = await app.inject(
      withSession({ method: 'POST', url: `/api/sittings/${sitting.id}/sign`, payload: { version: sitting.version } }, session),
    );
    expect(signed.statusCode).toBe(200);
  } finally {
    await app.close();
    await db.destroy();
  }
  return file;
}

/** runCli with what it writes to standard error. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await runCli(args, env);
  vi.restoreAllMocks();
  return { code, stderr };
}
const copy = (from: string, to: string) => cli(['copy', '--from', from, '--to', to]);

describe.runIf(onPostgres)('protokols copy', () => {
  it('copies every table of every group into an empty database, and the copy serves as before', { timeout: 120_000 }, async () => {
    const file = await sqliteWithData();
    const target = await postgresTestDatabase();
    expect((await copy(file, target)).code).toBe(0);

    const source = await openDatabase(file);
    const copied = await openDatabase(target);
    try {
      const after = await rowCounts(copied);
      const before = await rowCounts(source);
      // Search's word tables are PostgreSQL's own: made from the copied rows, not read from SQLite.
      const copiedTables = Object.keys(after).filter((table) => !['agenda_item_words', 'decision_words'].includes(table));
      expect(Object.fromEntries(copiedTables.map((table) => [table, after[table]]))).toEqual(
        Object.fromEntries(copiedTables.map((table) => [table, before[table]])),
      );
      await expectWordsAgreeWithRows(copied);
      expect(after.groups).toBe(2);
      expect(after.signed_minutes).toBe(1);

      // The account logs in with its copied password, and a new sitting takes a fresh id and the next number.
      const app = await buildApp({ db: copied, passwordHasher: testHasher() });
      await app.ready();
      try {
        const session = await logIn(app, 'admin1');
        const fresh = await app.inject(withSession({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } }, session));
        expect(fresh.statusCode).toBe(201);
        expect(fresh.json().number).toBe(8);
        const signatures = await app.inject(withSession({ method: 'GET', url: `/api/sittings/1/signatures` }, session));
        expect(signatures.statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await source.destroy();
      await copied.destroy();
    }
  });

  it('moves a table of many batches row for row, ids and gaps included', { timeout: 120_000 }, async () => {
    const file = await sqliteWithData();
    const source = await openDatabase(file);
    try {
      const groupId = (await ensureGroup(source)).id;
      for (let i = 1; i <= 450; i++) await createPerson(source, groupId, { fullName: `Persona ${i}` });
      // A gap in the ids: the copy keeps the ids, not their order of arrival.
      await source.deleteFrom('people').where('full_name', 'in', ['Persona 3', 'Persona 250']).execute();
    } finally {
      await source.destroy();
    }
    const target = await postgresTestDatabase();
    expect((await copy(file, target)).code).toBe(0);
    const [before, after] = await Promise.all(
      [file, target].map(async (url) => {
        const db = await openDatabase(url);
        try {
          return await db.selectFrom('people').select(['id', 'group_id', 'full_name']).orderBy('id').execute();
        } finally {
          await db.destroy();
        }
      }),
    );
    expect(before!.length).toBeGreaterThan(448);
    expect(after).toEqual(before);
  });

  it('refuses a database that is not empty, naming a table with rows, and changes nothing', { timeout: 120_000 }, async () => {
    const file = await sqliteWithData();
    const target = await postgresTestDatabase();
    const db = await openDatabase(target);
    try {
      await ensureGroup(db);
      const before = await rowCounts(db);
      const { code, stderr } = await copy(file, target);
      expect(code).toBe(2);
      expect(stderr).toMatch(/nav tukša \(tabulā groups ir ieraksti\)/u);
      expect(await rowCounts(db)).toEqual(before);
    } finally {
      await db.destroy();
    }
  });
});

describe.runIf(onPostgres)('backup and restore on PostgreSQL', () => {
  it('refuse with exit code 1 and point to pg_dump, writing no file', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-copy-'));
    const env = { DATABASE_URL: await postgresTestDatabase() };
    for (const command of ['backup', 'restore']) {
      const { code, stderr } = await cli([command, path.join(dir, 'kopija.db')], env);
      expect(code).toBe(1);
      expect(stderr).toContain(`${command} kopē tikai iebūvēto SQLite datubāzi`);
      expect(stderr).toContain('pg_dump');
    }
    expect(existsSync(path.join(dir, 'kopija.db'))).toBe(false);
  });
});
