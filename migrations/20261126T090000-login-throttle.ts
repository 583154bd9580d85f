// Login throttling in the database (so it holds across restarts and app instances): failure
// counters per (login, address), per login and per address, the addresses each account has
// logged in from, and the key that turns logins and addresses into keyed hashes. The old
// per-account lockout columns go.
import { SqliteAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('scope', 'varchar(10)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failed_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_failed_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key_idx').on('login_failures').columns(['scope', 'key']).unique().execute();
  await db.schema.createIndex('login_failures_expires_idx').on('login_failures').column('expires_at').execute();

  await db.schema
    .createTable('login_known_addresses')
    .addColumn('id', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('address_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('last_success_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_known_addresses_key_idx')
    .on('login_known_addresses')
    .columns(['user_id', 'address_key'])
    .unique()
    .execute();
  await db.schema.createIndex('login_known_addresses_expires_idx').on('login_known_addresses').column('expires_at').execute();

  await db.schema
    .createTable('login_throttle_secret')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', 'varchar(40)').execute();
  for (const table of ['login_throttle_secret', 'login_known_addresses', 'login_failures']) await db.schema.dropTable(table).execute();
}
