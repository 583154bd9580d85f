// Many groups on one host: a login is unique within its group (not across the host), each group
// has a slug for `login@slug`, and a first-admin setup link belongs to one group.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

/** The slug rule as it stood when this migration was written (frozen: no app import). */
function slugOf(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 60)
    .replace(/-+$/u, '');
  return folded === '' ? 'grupa' : folded;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema.alterTable('groups').addColumn('slug', 'varchar(100)').execute();
  const taken = new Set<string>();
  const groups = await db.selectFrom('groups').select(['id', 'name']).orderBy('id').execute();
  for (const group of groups as Array<{ id: number; name: string }>) {
    const base = slugOf(group.name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    await db.updateTable('groups').set({ slug }).where('id', '=', group.id).execute();
  }
  await db.schema.createIndex('groups_slug_uq').on('groups').column('slug').unique().execute();

  await db.schema
    .alterTable('setup_tokens')
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .execute();
  const first = groups[0] as { id: number } | undefined;
  if (first !== undefined) await db.updateTable('setup_tokens').set({ group_id: first.id }).execute();

  if (sqlite) await withoutGlobalLoginUniqueSqlite(db);
  else await db.schema.alterTable('users').dropConstraint('users_login_key').execute();
  await db.schema.createIndex('users_group_login_uq').on('users').columns(['group_id', 'login']).unique().execute();
  await db.schema.createIndex('users_login_idx').on('users').column('login').execute();
}

/**
 * SQLite cannot drop a column's inline UNIQUE: the table is rebuilt (SQLite's documented
 * 12-step way), with foreign keys off so that dropping the old table neither cascades into
 * sessions nor trips the references from signatures. Migrations on SQLite run outside a
 * transaction, where the pragma takes effect.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
async function withoutGlobalLoginUniqueSqlite(db: Kysely<any>): Promise<void> {
  const columns = [
    'id',
    'group_id',
    'person_id',
    'login',
    'password_hash',
    'role',
    'active',
    'version',
    'created_at',
    'must_change_password',
    'last_login_at',
  ];
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.schema
      .createTable('users_rebuilt')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('login', 'varchar(100)', (c) => c.notNull())
      .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
      .addColumn('role', 'varchar(20)', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at', 'varchar(40)')
      .execute();
    await db.insertInto('users_rebuilt').columns(columns).expression(db.selectFrom('users').select(columns)).execute();
    await db.schema.dropTable('users').execute();
    await db.schema.alterTable('users_rebuilt').renameTo('users').execute();
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_login_idx').execute();
  await db.schema.dropIndex('users_group_login_uq').execute();
  await db.schema.createIndex('users_login_uq').on('users').column('login').unique().execute();
  await db.schema.alterTable('setup_tokens').dropColumn('group_id').execute();
  await db.schema.dropIndex('groups_slug_uq').execute();
  await db.schema.alterTable('groups').dropColumn('slug').execute();
}
