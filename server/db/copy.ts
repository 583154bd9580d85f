// Copies a whole SQLite database (every group) into an empty PostgreSQL database, in one transaction:
// the tables in foreign-key order with their ids, the identity sequences moved past the copied ids,
// and the stored hashes of signed minutes and signed copies checked against the copied bytes. Rows
// and signed files move a batch at a time, so a host's years of groups need no more memory than one.
import { sql, type Kysely } from 'kysely';
import { sha256 } from '../domain/digest.ts';
import { migrateToLatest } from './migrate.ts';
import { isPostgresUrl, openPostgres } from './postgres.ts';
import { secureRows } from './row-security.ts';
import { openSqlite, sqlitePathFromUrl } from './sqlite.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, as the schema has it
type AnyDb = Kysely<any>;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 200;
/** Signed files whose hashes are checked at a time: each holds two DOCX files. */
const FILES = 50;

export class CopyRefused extends Error {}

export interface CopyReport {
  /** Rows copied per table, in the order copied. */
  tables: Array<{ table: string; rows: number }>;
  /** Signed minutes versions and signed copies whose bytes were checked against their hashes. */
  verified: number;
}

export async function copyDatabase(from: string, to: string): Promise<CopyReport> {
  if (isPostgresUrl(from)) throw new CopyRefused('--from: norādiet SQLite datubāzi (faila ceļu vai sqlite://).');
  if (!isPostgresUrl(to)) throw new CopyRefused('--to: norādiet PostgreSQL datubāzi (postgres://…).');
  const source = openSqlite(sqlitePathFromUrl(from));
  const target = openPostgres(to, { max: 1 }) as AnyDb;
  try {
    await migrateToLatest(source);
    await migrateToLatest(target);
    // What only PostgreSQL has (search's word tables) its triggers fill as the rows come in.
    const sourceTables = new Set(
      (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(source)).rows.map((r) => r.name),
    );
    const tables = (await copyOrder(target)).filter((table) => sourceTables.has(table));
    for (const table of tables) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(target);
      if ((rows[0]?.n ?? 0) > 0)
        throw new CopyRefused(`Mērķa datubāze nav tukša (tabulā ${table} ir ieraksti); kopē tikai tukšā datubāzē.`);
    }
    const report = await target.transaction().execute(async (trx) => {
      const copied: CopyReport['tables'] = [];
      for (const table of tables) copied.push({ table, rows: await copyTable(source, trx, table) });
      await resetIdentities(trx);
      return { tables: copied, verified: await verifyHashes(trx) };
    });
    await secureRows(target);
    return report;
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

/** Copies `table`'s rows in the order SQLite stored them, BATCH at a time; returns how many. */
async function copyTable(source: AnyDb, target: AnyDb, table: string): Promise<number> {
  let copied = 0;
  for (let after = -Infinity; ;) {
    const { rows } = await sql<Record<string, unknown> & { _rowid: number }>`
      select rowid as _rowid, * from ${sql.table(table)} where rowid > ${after} order by rowid limit ${BATCH}`.execute(source);
    if (rows.length === 0) return copied;
    after = rows[rows.length - 1]!._rowid;
    await target
      .insertInto(table)
      .values(rows.map(({ _rowid, ...row }) => row))
      .execute();
    copied += rows.length;
  }
}

/** The target's tables, each after the tables its foreign keys point to. */
async function copyOrder(db: AnyDb): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'
      and relname not like 'kysely\\_%' order by relname`.execute(db);
  const { rows: keys } = await sql<{ child: string; parent: string }>`
    select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint
    where contype = 'f' and connamespace = current_schema()::regnamespace and conrelid <> confrelid`.execute(db);
  const order: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (order.includes(name) || path.has(name)) return;
    path.add(name);
    for (const k of keys) if (k.child === name) visit(k.parent, path);
    order.push(name);
  };
  for (const t of tables) visit(t.name, new Set());
  return order;
}

/** Moves every identity column's sequence past the highest id copied, so new rows do not collide. */
async function resetIdentities(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  for (const { table, column } of rows)
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
}

/** Every signed file's bytes against the hash stored with it; a mismatch fails the copy. */
async function verifyHashes(db: AnyDb): Promise<number> {
  let verified = 0;
  for (let after = { sitting: 0, version: 0 }; ;) {
    const minutes = await db
      .selectFrom('signed_minutes')
      .select(['sitting_id', 'version', 'docx_full', 'docx_public', 'sha256_full', 'sha256_public'])
      .where((eb) =>
        eb.or([eb('sitting_id', '>', after.sitting), eb.and([eb('sitting_id', '=', after.sitting), eb('version', '>', after.version)])]),
      )
      .orderBy('sitting_id')
      .orderBy('version')
      .limit(FILES)
      .execute();
    if (minutes.length === 0) break;
    for (const m of minutes)
      if (sha256(m.docx_full) !== m.sha256_full || sha256(m.docx_public) !== m.sha256_public)
        throw new Error(`Parakstītā protokola (sēde ${m.sitting_id}, versija ${m.version}) kontrolsumma pēc kopēšanas nesakrīt.`);
    const last = minutes[minutes.length - 1]!;
    after = { sitting: last.sitting_id, version: last.version };
    verified += minutes.length;
  }
  for (let after = 0; ;) {
    const copies = await db
      .selectFrom('signed_copies')
      .select(['id', 'content', 'sha256'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(FILES)
      .execute();
    if (copies.length === 0) break;
    for (const c of copies)
      if (sha256(c.content) !== c.sha256) throw new Error(`Parakstītās kopijas ${c.id} kontrolsumma pēc kopēšanas nesakrīt.`);
    after = copies[copies.length - 1]!.id;
    verified += copies.length;
  }
  return verified;
}
