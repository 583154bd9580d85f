// Row-level security on PostgreSQL, kept in step with the schema at every start (after the migrations,
// so tables any migration adds are covered without a list): every table with a `group_id` column, the
// groups themselves, and every table that reaches one of them through a NOT NULL foreign key, get
// ENABLE and FORCE ROW LEVEL SECURITY and a policy on `app.group_id` (db/group-scope.ts). The app's
// queries run as the role APP_ROLE, which is no superuser, has no BYPASSRLS and owns no table, so the
// policies hold even when DATABASE_URL names a superuser.
import { sql, type Kysely } from 'kysely';

export const APP_ROLE = 'protokols_app';
/** The policies' name; its version changes with their expressions, so a database made before gets the new ones at start. */
export const POLICY = 'protokols_group_scope_v2';
/** What every version of the policy's name starts with. */
const POLICY_STEM = 'protokols_group_scope';

/** The group in scope, or null (the host: every row). */
const SCOPE = sql`nullif(current_setting('app.group_id', true), '')::integer`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs on whatever schema the migrations made
type AnyDb = Kysely<any>;

interface ForeignKey {
  child: string;
  column: string;
  parent: string;
}

/** Tables and their policies; returns the role the app should take, or null when it cannot be made here. */
export async function secureRows(db: AnyDb): Promise<string | null> {
  const { rows: tables } = await sql<{ name: string; grouped: boolean; alwaysGrouped: boolean; secured: boolean; stale: string[] }>`
    select c.relname as name,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'group_id' and not a.attisdropped) as grouped,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'group_id' and not a.attisdropped and a.attnotnull) as "alwaysGrouped",
      exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = ${POLICY}) as secured,
      array(select p.polname::text from pg_policy p where p.polrelid = c.oid and p.polname like ${`${POLICY_STEM}%`} and p.polname <> ${POLICY}) as stale
    from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'`.execute(db);
  const { rows: keys } = await sql<ForeignKey>`
    select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace and cardinality(c.conkey) = 1 and a.attnotnull
    order by c.conrelid::regclass::text, a.attnum`.execute(db);

  const policies = new Map<string, ReturnType<typeof sql>>();
  policies.set('groups', sql`coalesce(id = ${SCOPE}, true)`);
  for (const t of tables) if (t.grouped) policies.set(t.name, sql`coalesce(group_id = ${SCOPE}, true)`);
  const alwaysGrouped = new Set(tables.filter((t) => t.alwaysGrouped).map((t) => t.name));
  // A child follows its parent: it is visible when its parent row is, which that row's policy decides.
  // Where the parent always has a group, its group is asked for as well (what the parent's policy lets
  // through in a group's scope): then the parent's rows are found by their group's index, not by
  // reading every group's rows and filtering them.
  for (let added = true; added;) {
    added = false;
    for (const k of keys) {
      if (policies.has(k.child) || !policies.has(k.parent)) continue;
      const parent = sql`select 1 from ${sql.table(k.parent)} p where p.id = ${sql.ref(`${k.child}.${k.column}`)}`;
      policies.set(
        k.child,
        alwaysGrouped.has(k.parent)
          ? sql`${SCOPE} is null or exists (${parent} and p.group_id = ${SCOPE})`
          : sql`${SCOPE} is null or exists (${parent})`,
      );
      added = true;
    }
  }
  for (const t of tables) {
    const using = policies.get(t.name);
    if (using === undefined || t.secured) continue;
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table ${sql.table(t.name)} enable row level security`.execute(trx);
        await sql`alter table ${sql.table(t.name)} force row level security`.execute(trx);
        // An earlier version's policy goes in the same transaction the new one comes in: no moment without one.
        for (const old of t.stale) await sql`drop policy if exists ${sql.id(old)} on ${sql.table(t.name)}`.execute(trx);
        await sql`create policy ${sql.id(POLICY)} on ${sql.table(t.name)} using (${using})`.execute(trx);
      })
      .catch((error: unknown) => {
        // Another instance starting at the same moment made it.
        if ((error as { code?: string }).code !== '42710') throw error;
      });
  }
  return appRole(db);
}

/** Makes the app's role (cluster-wide, once) and grants it the data, not the schema; null when not allowed to. */
async function appRole(db: AnyDb): Promise<string | null> {
  const tolerate = (codes: string[]) => (error: unknown) => {
    if (!codes.includes((error as { code?: string }).code ?? '')) throw error;
  };
  const role = sql.id(APP_ROLE);
  try {
    const { rows } = await sql`select 1 from pg_roles where rolname = ${APP_ROLE}`.execute(db);
    if (rows.length === 0)
      await sql`create role ${role} nologin nosuperuser nobypassrls`.execute(db).catch(tolerate(['42710', '23505', 'XX000']));
    const { rows: member } = await sql<{ ok: boolean }>`select pg_has_role(current_user, ${APP_ROLE}, 'member') as ok`.execute(db);
    if (member[0]?.ok !== true) await sql`grant ${role} to current_user`.execute(db);
    const schema = sql.id(await currentSchema(db));
    // Two instances starting together may grant at once; PostgreSQL refuses the second ("tuple concurrently updated").
    for (let attempt = 1; ; attempt++) {
      try {
        await sql`grant usage on schema ${schema} to ${role}`.execute(db);
        await sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`.execute(db);
        await sql`grant usage, select, update on all sequences in schema ${schema} to ${role}`.execute(db);
        await sql`revoke insert, update, delete on kysely_migration, kysely_migration_lock from ${role}`.execute(db);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'XX000' || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  } catch (error) {
    // Without CREATEROLE the app runs as the owner, whom FORCE ROW LEVEL SECURITY binds as well.
    if ((error as { code?: string }).code === '42501') return null;
    throw error;
  }
  return APP_ROLE;
}

async function currentSchema(db: AnyDb): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
  return rows[0]!.name;
}
