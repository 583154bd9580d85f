// The one SQLite-specific module: opens the embedded database file with the pragmas the
// app relies on (foreign keys, WAL, durable commits) and wraps it for Kysely.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './database.ts';

/** `:memory:` gives a private in-memory database (tests); anything else is a file path. */
export function openSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit acknowledged to a client survives a crash of the process or the machine.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** How many distinct SQL texts keep their compiled statement; the app has a few hundred queries. */
const STATEMENTS = 500;

/**
 * Kysely prepares every query afresh, and on the hot reads compiling the SQL cost more than running
 * it: each SQL text is compiled once and its statement reused, least recently used dropped first.
 * A statement still being iterated (a streamed query) is not handed out twice. A use is marked with
 * a counter rather than by moving the entry to the end of the Map: deleting and re-inserting at every
 * query made the Map grow and rehash itself every few hundred queries.
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = STATEMENTS): SqliteDatabase {
  const statements = new Map<string, { statement: SQLite.Statement; used: number }>();
  let uses = 0;
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept !== undefined && !kept.statement.busy) {
        kept.used = ++uses;
        return kept.statement;
      }
      const statement = sqlite.prepare(withPlanStableParameters(sql));
      if (kept === undefined && statements.size >= capacity) statements.delete(leastRecentlyUsed(statements));
      statements.set(sql, { statement, used: ++uses });
      return statement;
    },
  };
}

function leastRecentlyUsed(statements: Map<string, { used: number }>): string {
  let oldest = '';
  let least = Infinity;
  for (const [sql, { used }] of statements) {
    if (used < least) [oldest, least] = [sql, used];
  }
  return oldest;
}

/**
 * Writes each bound parameter `?` as `+?` (the same value: unary plus is a no-op in SQLite, and an
 * index on the other side of `=` is still used). In a join, a bare `?` in the WHERE clause makes
 * SQLite treat the plan as depending on the value, so the statement was compiled again at every
 * execution, its row builder with it: a session lookup took 15–30 µs instead of 2–3 µs.
 * Quoted strings, identifiers and comments are left as they are.
 */
export function withPlanStableParameters(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\/|\?/g, (token) =>
    token === '?' ? '+?' : token,
  );
}

export function sqlitePathFromUrl(url: string): string {
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('file:')) return url.slice('file:'.length);
  return url;
}
