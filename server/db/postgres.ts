// The PostgreSQL engine: a `pg` pool wrapped for Kysely. Counts (int8) come back as numbers like on
// SQLite, and a connection the server loses (a restart, pg_terminate_backend) is only logged: the pool
// replaces it, and without the listeners its error would end the process. With `role`, every
// connection takes that role and, each time it is handed out, the group in scope (db/group-scope.ts).
import { Kysely, PostgresAdapter, PostgresDialect, sql } from 'kysely';
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
  /**
   * Connections in the pool; a request holds one for its transaction. With a `role`, the host's scope
   * and the groups' have a pool of this size each.
   */
  max?: number;
  /** Told about a lost connection; the pool has already dropped it. */
  onLostConnection?: (error: Error) => void;
  /** The role the app's queries run as (db/row-security.ts), and whose rows the group scope narrows. */
  role?: string | null;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const lost = options.onLostConnection ?? defaultLostConnection;
  const nameOf = statementNames();
  const newPool = () => {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      // A prepared statement's generic plan from its first run: PostgreSQL would otherwise plan its first
      // five runs on each connection anew, and a connection serves a query only now and then.
      options: '-c plan_cache_mode=force_generic_plan',
      // An idle connection is kept for minutes, not pg's 10 s: a new one has no prepared statements and
      // cold catalog caches, and its first reads take several times as long. Idle connections do not
      // keep a process alive (a server's listener does).
      idleTimeoutMillis: 300_000,
      allowExitOnIdle: true,
    });
    pool.on('error', lost);
    // A connection lost while a request holds it between two queries: pg emits the error on the client,
    // where the pool listens only while it is idle. The request's next query fails and transact retries.
    pool.on('connect', (client) => {
      client.on('error', lost);
      preparing(client, nameOf);
    });
    return pool;
  };
  const role = options.role;
  if (role === undefined || role === null) return new Kysely<Database>({ dialect: new PostgresDialect({ pool: newPool() }) });
  // Connections for the host's scope and for groups' apart: a request looks its session up in the
  // host's scope and then reads in its group's, and from one pool each request would tell a connection
  // its scope twice, a round trip each. So the pools hold up to twice `max` connections between them.
  const host = newPool();
  const groups = newPool();
  // What each connection was last told (its role at first use, then its scope), so a connection handed
  // out again in the same scope costs nothing. Told here rather than in Kysely's connection hooks: a
  // connection lost while being told goes back to its pool as broken, where a failing hook kept it
  // out of the pool for good, and once all were, every later query waited for ever.
  const told = new WeakMap<pg.PoolClient, string>();
  const connect = async () => {
    const group = scopedGroup();
    const client = await (group === null ? host : groups).connect();
    const scope = group === null ? '' : String(group);
    try {
      if (!told.has(client)) await client.query(`set role ${quoteIdentifier(role)}`);
      if (told.get(client) !== scope) {
        await client.query(`select set_config('app.group_id', $1, false)`, [scope]);
        told.set(client, scope);
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return client;
  };
  const pool = {
    // What Kysely's driver reads off a pg pool: the client class and options, to cancel an aborted query.
    Client: pg.Client,
    options: host.options,
    connect,
    end: async () => {
      await Promise.all([host.end(), groups.end()]);
    },
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Statements one database's pools prepare at most: each connection keeps a plan of each in the server. */
const PREPARED = 500;

/**
 * Runs the queries a pool sees again as named prepared statements, so each connection plans a query
 * once, not at every run: with the row-security policies, planning a join took longer than running it
 * (about 1 ms of the 1.4 ms of a four-table read). A text gets a name the second time it is seen, so
 * a query built once (a word search, an id list of a new length) does not take one of the PREPARED.
 * Only queries with parameters: those without go as simple queries, which may hold several statements.
 */
function statementNames(): (text: string) => string | undefined {
  const names = new Map<string, string>();
  let seen = new Set<string>();
  return (text) => {
    const name = names.get(text);
    if (name !== undefined || names.size >= PREPARED) return name;
    if (!seen.has(text)) {
      if (seen.size >= PREPARED) seen = new Set();
      seen.add(text);
      return undefined;
    }
    seen.delete(text);
    names.set(text, `protokols_${names.size + 1}`);
    return names.get(text);
  };
}

function preparing(client: pg.PoolClient, nameOf: (text: string) => string | undefined): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Kysely's driver calls query(text, values) on the client it holds; a cursor (a stream) passes an object.
  client.query = ((text: unknown, values?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return query(text, values);
    const name = nameOf(text);
    return name === undefined ? query(text, values) : query({ name, text, values });
  }) as typeof client.query;
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
