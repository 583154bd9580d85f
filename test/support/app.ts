// Builds the app over a private in-memory database and logs in, as each API test needs it.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp, type AppOptions } from '../../server/app.ts';
import type { Db, Role } from '../../server/db/database.ts';
import { PasswordHasher, type PasswordCost } from '../../server/domain/passwords.ts';
import { isPostgres } from '../../server/db/postgres.ts';
import { ensureGroup } from '../../server/repositories/group.ts';
import { createUser } from '../../server/services/accounts.ts';
import { openTestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'pareizā-parole-123';
/** scrypt at 1/128 of the production cost: the hundreds of logins in the API tests stay fast. */
export const TEST_PASSWORD_COST: PasswordCost = { N: 2 ** 10, r: 8, p: 1 };

export function testHasher(): PasswordHasher {
  return new PasswordHasher({ cost: TEST_PASSWORD_COST });
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** The first group: the one `loginAs` makes accounts in. */
  groupId: number;
  /** inject() as the logged-in user (cookie and CSRF token added). */
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** inject() that parses the JSON reply. */
  call: <T = any>(options: InjectOptions) => Promise<{ status: number; body: T }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Creates an account with `role` (linked to `personId`) and logs it in. */
  loginAs: (role: Role, personId?: number | null) => Promise<Session>;
  close: () => Promise<void>;
}

export function withSession(options: InjectOptions, session: Session | null): InjectOptions {
  if (session === null) return options;
  return { ...options, headers: { ...options.headers, cookie: session.cookie, 'x-csrf-token': session.csrf } };
}

export async function logIn(app: FastifyInstance, login: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
  if (res.statusCode !== 204) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  return { cookie, csrf: me.json().csrfToken };
}

/**
 * The app over a fresh database (in memory unless `databasePath` names a file; with TEST_DB=postgres
 * a new PostgreSQL database, shared by the apps given the same `databasePath`), logged in as `role`
 * (an admin unless told).
 */
export async function testApp(
  role: Role | null = 'admin',
  options: Omit<AppOptions, 'db' | 'logger'> & { databasePath?: string; logger?: AppOptions['logger'] } = {},
): Promise<TestApp> {
  const { databasePath, ...appOptions } = options;
  const db = await openTestDatabase(databasePath);
  const app = await buildApp({ db, passwordHasher: testHasher(), ...appOptions });
  await app.ready();
  const groupId = (await ensureGroup(db)).id;
  let count = 0;
  const loginAs = async (as: Role, personId: number | null = null) => {
    const login = `${as}${++count}`;
    await createUser(db, groupId, { login, password: TEST_PASSWORD, role: as, personId }, app.passwords);
    return logIn(app, login);
  };
  const session = role === null ? null : await loginAs(role);
  const inject = (options: InjectOptions) => app.inject(withSession(options, session));
  return {
    app,
    db,
    groupId,
    inject,
    call: async <T>(options: InjectOptions) => {
      const res = await inject(options);
      return { status: res.statusCode, body: (res.body === '' ? undefined : res.json()) as T };
    },
    loginAs,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

/** Every table of the schema, read from the database so that a new table is never left out. */
async function tableNames(db: Db): Promise<string[]> {
  if (isPostgres(db)) {
    const { rows } = await postgresColumns(db, null);
    return rows.map((r) => r.name).filter((name) => !name.startsWith('kysely_'));
  }
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'
    order by name`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Columns any authenticated request may change, refused or not, left out of the snapshot (never a
 * whole table): a session's last use is touched on a request more than a minute after the previous.
 */
const VOLATILE: Record<string, readonly string[]> = { sessions: ['last_seen_at'] };

/** A table's rows in a fixed order: by primary key, then by every column (tables without one too). */
async function rowsOf(db: Db, table: string): Promise<unknown[]> {
  const { rows: columns } = await (isPostgres(db)
    ? postgresColumns(db, table)
    : sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db));
  const order = [...columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk), ...columns.filter((c) => c.pk === 0)];
  const orderBy = sql.join(order.map((c) => sql.ref(c.name)));
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${orderBy}`.execute(db);
  const volatile = VOLATILE[table] ?? [];
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !volatile.includes(column))));
}

/** Every table's columns on PostgreSQL, read once per database (the snapshots of a test repeat it). */
const postgresSchemas = new WeakMap<Db, Promise<Map<string, Array<{ name: string; pk: number }>>>>();

/** A table's columns as SQLite's table_info gives them: pk is the place in the primary key, 0 outside it. */
async function postgresColumns(db: Db, table: string | null) {
  let schema = postgresSchemas.get(db);
  if (schema === undefined) {
    schema = sql<{ table: string; name: string; pk: number }>`
      select c.relname as table, a.attname as name, coalesce(array_position(i.indkey::int2[], a.attnum) + 1, 0) as pk
      from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_index i on i.indrelid = c.oid and i.indisprimary
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
      order by c.relname, a.attnum`
      .execute(db)
      .then(({ rows }) => {
        const byTable = new Map<string, Array<{ name: string; pk: number }>>();
        for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), { name: r.name, pk: r.pk }]);
        return byTable;
      });
    postgresSchemas.set(db, schema);
  }
  // null: the tables themselves, by name.
  if (table === null) return { rows: [...(await schema).keys()].sort().map((name) => ({ name, pk: 0 })) };
  return { rows: (await schema).get(table) ?? [] };
}

/** Every table's full contents: a write that was refused must leave this unchanged. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const entries: Array<[string, unknown[]]> = [];
  for (const table of await tableNames(db)) entries.push([table, await rowsOf(db, table)]);
  return Object.fromEntries(entries);
}

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const s = await snapshot(db);
  return Object.fromEntries(Object.entries(s).map(([t, rows]) => [t, rows.length]));
}
