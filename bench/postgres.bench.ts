// The hot reads on PostgreSQL: a throwaway cluster (test/support/postgres-cluster.ts) whose one
// database holds 43 groups, each with the 1× history imported through the app (into SQLite, then moved
// by `protokols copy`), read in process by a session of one group with READ_CACHE=off, against the
// same reads on the SQLite 1× history alone.
// The filled database is cached in bench/.cache as a pg_dump, keyed like the SQLite histories.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import type { Db } from '../server/db/database.ts';
import { copyDatabase } from '../server/db/copy.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/open.ts';
import { openPostgres } from '../server/db/postgres.ts';
import { openSqlite } from '../server/db/sqlite.ts';
import { createUser } from '../server/services/accounts.ts';
import { SYSTEM } from '../server/services/audit.ts';
import { addGroup } from '../server/services/group.ts';
import { TEST_PASSWORD, logIn, testHasher, withSession } from '../test/support/app.ts';
import { startCluster, type Cluster } from '../test/support/postgres-cluster.ts';
import { BENCH_OWNER, HISTORY_VERSION, SEARCH_WORD } from './fixtures/history.ts';
import { BASE_SITTINGS, CACHE, fillHistory, historyDatabase, schemaKey, tempDir } from './fixtures/databases.ts';
import { benchApp, type BenchApp } from './fixtures/servers.ts';
import { QUICK, missingLine, times, timedLine, type BenchCase, type Line } from './harness.ts';

/** Latvia's municipalities, the groups one national host would serve; a quick run fills 4, to stay short. */
export const GROUPS = QUICK ? 4 : 43;
const DATABASE = 'protokols_bench';

const READS: Array<[string, (newest: number) => string]> = [
  ['my actions (GET /api/me/actions)', () => '/api/me/actions'],
  ['a register page (status=open, limit=100)', () => '/api/decisions?status=open&limit=100'],
  ['search for a word with 8 hits', () => `/api/search?q=${encodeURIComponent(SEARCH_WORD)}`],
  ['open the newest sitting (GET /api/sittings/:id)', (newest) => `/api/sittings/${newest}`],
];

export const postgresLineName = (what: string) => `PostgreSQL, READ_CACHE=off: ${what}, ${GROUPS} groups vs SQLite 1 group`;

type Get = (url: string) => Promise<{ status: number; body: string; bytes: number }>;

function reading(get: Get, url: string, name: string): BenchCase {
  return {
    name,
    run: async () => {
      const res = await get(url);
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.slice(0, 200)}`);
    },
  };
}

async function newestSitting(db: Db, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('sittings')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy('date', 'desc')
    .orderBy('number', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function postgresLines(): Promise<Line[]> {
  const names = READS.map(([what]) => postgresLineName(what));
  let cluster: Cluster | null = null;
  let db: Db | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let sqlite: BenchApp | undefined;
  try {
    cluster = await startCluster();
    if (cluster === null) return names.map((n) => missingLine(n, 'no /usr/lib/postgresql/*/bin/postgres installed'));
    const url = await historyCluster(cluster);
    db = await openDatabase(url);
    app = await buildApp({ db, passwordHasher: testHasher(), readCache: false });
    await app.ready();
    // A group in the middle: its rows lie among the others'.
    const groups = await db.selectFrom('groups').select('id').orderBy('id').execute();
    const groupId = groups[Math.floor(groups.length / 2)]!.id;
    const owner = await db
      .selectFrom('people')
      .select('id')
      .where('group_id', '=', groupId)
      .where('full_name', '=', BENCH_OWNER)
      .executeTakeFirstOrThrow();
    const login = `benchpg${process.pid}`;
    await createUser(db, groupId, { login, password: TEST_PASSWORD, role: 'admin', personId: owner.id }, app.passwords);
    const session = await logIn(app, login);
    const server = app;
    const pgGet: Get = async (u) => {
      const res = await server.inject(withSession({ method: 'GET', url: u }, session));
      return { status: res.statusCode, body: res.body, bytes: res.rawPayload.length };
    };
    sqlite = await benchApp((await historyDatabase(1)).file, 'off');
    const newestPg = await newestSitting(db, groupId);
    const newestLite = await newestSitting(sqlite.t.db, sqlite.t.groupId);
    const lines: Line[] = [];
    for (const [what, path] of READS) {
      const name = postgresLineName(what);
      const [a, b] = [await sqlite.get(path(newestLite)), await pgGet(path(newestPg))];
      if (a.status !== 200 || b.status !== 200) {
        lines.push(missingLine(name, `status ${a.status} on SQLite, ${b.status} on PostgreSQL`));
        continue;
      }
      // The same group's data on both: a reply of another size would be another read.
      if (Math.abs(a.bytes - b.bytes) > 0.1 * a.bytes) {
        lines.push(missingLine(name, `the output differs in size (${a.bytes} B on SQLite, ${b.bytes} B on PostgreSQL)`));
        continue;
      }
      const line = await timedLine(
        name,
        reading(pgGet, path(newestPg), 'PostgreSQL'),
        reading(sqlite.get, path(newestLite), 'same on SQLite, 1 group'),
        times('<=', 2),
      );
      lines.push({ ...line, note: `${b.bytes} B` });
    }
    return lines;
  } catch (error) {
    const why = (error as Error).message.split('\n')[0] ?? 'failed';
    return names.map((n) => missingLine(n, why));
  } finally {
    await sqlite?.close();
    await app?.close();
    await db?.destroy();
    cluster?.stop();
  }
}

/**
 * The database of GROUPS groups, each holding the 1× history, in `cluster`: restored from the cached
 * dump, or moved by `protokols copy` from the SQLite file of those groups and then dumped to the
 * cache. Returns its URL.
 */
async function historyCluster(cluster: Cluster): Promise<string> {
  const url = `${cluster.server}/${DATABASE}`;
  const admin = openPostgres(`${cluster.server}/postgres`, { max: 1 });
  try {
    await sql`create database ${sql.id(DATABASE)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const cached = path.join(CACHE, `pg-history-v${HISTORY_VERSION}-${schemaKey()}-${GROUPS}x${BASE_SITTINGS}.dump`);
  if (existsSync(cached)) {
    execFileSync(path.join(cluster.bin, 'pg_restore'), ['--no-owner', '--no-privileges', '--dbname', url, cached], { stdio: 'pipe' });
  } else {
    const start = performance.now();
    const source = path.join(tempDir(), 'groups.db');
    copyFileSync(await groupsHistoryFile(), source);
    await copyDatabase(source, url);
    mkdirSync(CACHE, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    try {
      execFileSync(path.join(cluster.bin, 'pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', '--file', partial, url], {
        stdio: 'pipe',
      });
      renameSync(partial, cached);
    } finally {
      rmSync(partial, { force: true });
    }
    console.log(
      `(made ${GROUPS} groups × ${BASE_SITTINGS} sittings on PostgreSQL in ${((performance.now() - start) / 1000).toFixed(1)} s; cached in bench/.cache)`,
    );
  }
  // Statistics as a database in service has them (a restore leaves none).
  const owner = openPostgres(url, { max: 1 });
  try {
    await sql`analyze`.execute(owner);
  } finally {
    await owner.destroy();
  }
  return url;
}

/**
 * A SQLite file of GROUPS groups, each with the 1× history imported through the app, cached like the
 * one-group histories: the app's import runs in process there, where over PostgreSQL's round trips
 * 43 groups took most of an hour.
 */
async function groupsHistoryFile(): Promise<string> {
  const cached = path.join(CACHE, `history-v${HISTORY_VERSION}-${schemaKey()}-${GROUPS}x${BASE_SITTINGS}.db`);
  if (existsSync(cached)) return cached;
  mkdirSync(CACHE, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  const db = openSqlite(partial);
  try {
    await migrateToLatest(db);
    for (let g = 1; g <= GROUPS; g++) {
      const group = await addGroup(db, SYSTEM, { name: `Sadarbības grupa ${g}`, municipality: `Novads ${g}` });
      await fillHistory(db, group.id, BASE_SITTINGS);
    }
  } finally {
    await db.destroy();
  }
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, cached);
  return cached;
}
