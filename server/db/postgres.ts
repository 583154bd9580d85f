// The PostgreSQL engine: a `pg` pool wrapped for Kysely. Counts (int8) come back as numbers like on
// SQLite, and a connection the server loses (a restart, pg_terminate_backend) is only logged: the pool
// replaces it, and without the listeners its error would end the process. With `role`, every
// connection takes that role and, each time it is handed out, the group in scope (db/group-scope.ts).
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, sql, type DatabaseConnection } from 'kysely';
import pg from 'pg';
import type { Database, Executor } from './database.ts';
import { scopedGroup } from './group-scope.ts';

// count(*) and sums are int8; every count the app keeps fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//u.test(url);
}

export interface PostgresOptions {
  /** Connections in the pool; a request holds one for its transaction. */
  max?: number;
  /** Told about a lost connection; the pool has already dropped it. */
  onLostConnection?: (error: Error) => void;
  /** The role the app's queries run as (db/row-security.ts), and whose rows the group scope narrows. */
  role?: string | null;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  const lost = options.onLostConnection ?? defaultLostConnection;
  pool.on('error', lost);
  // A connection lost while a request holds it between two queries: pg emits the error on the client,
  // where the pool listens only while it is idle. The request's next query fails and transact retries.
  pool.on('connect', (client) => client.on('error', lost));
  const role = options.role;
  if (role === undefined || role === null) return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // What each connection was last told, so a connection handed out again in the same scope costs nothing.
  const told = new WeakMap<DatabaseConnection, string>();
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(`set role ${quoteIdentifier(role)}`));
      },
      onReserveConnection: async (connection) => {
        const group = scopedGroup();
        const scope = group === null ? '' : String(group);
        if (told.get(connection) === scope) return;
        await connection.executeQuery(CompiledQuery.raw(`select set_config('app.group_id', $1, false)`, [scope]));
        told.set(connection, scope);
      },
    }),
  });
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

function defaultLostConnection(error: Error): void {
  process.stderr.write(`protokols: PostgreSQL savienojums pārtrūka (${error.message}); tas tiks atjaunots.\n`);
}

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The app's advisory locks, the first of their two keys. */
export const LOCKS = { sittingNumbers: 1, firstGroup: 2 } as const;

/**
 * Holds PostgreSQL's advisory lock (`lock`, `key`) until the transaction `db` ends; nothing on SQLite,
 * which runs one writing transaction at a time.
 */
export async function lockUntilCommit(db: Executor, lock: (typeof LOCKS)[keyof typeof LOCKS], key: number): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`select pg_advisory_xact_lock(${lock}, ${key})`.execute(db);
}
