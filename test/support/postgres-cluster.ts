// Vitest global setup for `TEST_DB=postgres`: a throwaway PostgreSQL cluster in a temporary folder,
// started as the `postgres` user (the server refuses to run as root) and stopped at the end, with a
// template database the migrations ran on; each test app clones it (test/support/test-database.ts).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { secureRows } from '../../server/db/row-security.ts';
import { freePort } from './server-process.ts';

export const TEMPLATE = 'protokols_template';

/** The newest installed PostgreSQL's bin folder (Debian's layout), or null when there is none. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : path.join(root, versions[0], 'bin');
}

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:PORT`, a superuser without password; add `/DATABASE`. */
  server: string;
  /** The folder of the PostgreSQL binaries (the clients pg_dump, pg_restore run as anyone). */
  bin: string;
  /** Stops the cluster at once and removes its folder. */
  stop: () => void;
}

/** Starts a throwaway cluster in a temporary folder (the tests', the bench's); null without PostgreSQL. */
export async function startCluster(): Promise<Cluster | null> {
  const bin = postgresBin();
  if (bin === null) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'protokols-pg-'));
  const data = path.join(dir, 'data');
  // As root the cluster is the postgres user's; as anyone else it is simply theirs.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const port = await freePort();
  const stop = () => {
    try {
      if (existsSync(path.join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    // fsync off: the cluster is thrown away; the tests prove the app, not the disk.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  return { server: `postgres://postgres@127.0.0.1:${port}`, bin, stop };
}

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.TEST_DB !== 'postgres') return undefined;
  const cluster = await startCluster();
  if (cluster === null) throw new Error('TEST_DB=postgres, but no /usr/lib/postgresql/*/bin/postgres is installed');
  const { server, stop } = cluster;
  try {
    const admin = openPostgres(`${server}/postgres`, { max: 1 });
    await sql`create database ${sql.id(TEMPLATE)}`.execute(admin);
    await admin.destroy();
    const template = openPostgres(`${server}/${TEMPLATE}`, { max: 1 });
    await migrateToLatest(template);
    // The policies and the app's role once here: each clone then only checks them.
    await secureRows(template);
    await template.destroy();
    // Read by the test workers and the processes they start, which inherit the environment.
    process.env.TEST_POSTGRES_SERVER = server;
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}
