// The PostgreSQL engine: a `pg` pool wrapped for Kysely. Counts (int8) come back as numbers like on
// SQLite, and a connection the server loses (a restart, pg_terminate_backend) is only logged: the pool
// replaces it, and without the listeners its error would end the process.
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database, Executor } from './database.ts';

// count(*) and sums are int8; every count the app keeps fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//u.test(url);
}

export interface PostgresOptions {
  /** Connections in the pool; a request holds one for its transaction. */
  max?: number;
  /** Told about a connection lost while idle; the pool has already dropped it. */
  onIdleError?: (error: Error) => void;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  const lost = options.onIdleError ?? defaultIdleError;
  pool.on('error', lost);
  // A connection lost while a request holds it between two queries: pg emits the error on the client,
  // where the pool listens only while it is idle. The request's next query fails and transact retries.
  pool.on('connect', (client) => client.on('error', lost));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function defaultIdleError(error: Error): void {
  process.stderr.write(`protokols: PostgreSQL savienojums pārtrūka (${error.message}); tas tiks atjaunots.\n`);
}

export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
