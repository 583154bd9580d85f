// Consistent copies of the embedded SQLite database while the server runs (SQLite's online
// backup), and putting one back after checking it.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrations } from '../../migrations/index.ts';

export async function backupDatabase(databasePath: string, target: string): Promise<void> {
  if (!existsSync(databasePath)) throw new Error(`Datubāze ${databasePath} nav atrasta.`);
  mkdirSync(dirname(target), { recursive: true });
  const source = new SQLite(databasePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target);
  } finally {
    source.close();
  }
}

export interface BackupCheck {
  ok: boolean;
  problems: string[];
  migrations: string[];
}

/** Integrity check and the migrations the copy has against those this version knows. */
export function checkBackup(path: string): BackupCheck {
  const problems: string[] = [];
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integritātes pārbaude: ${String(integrity)}`);
    const known = Object.keys(migrations).sort();
    const applied = (db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name);
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0)
      problems.push(`kopija ir no jaunākas versijas (migrācijas ${unknown.join(', ')}); vispirms atjauniniet protokols`);
    return { ok: problems.length === 0, problems, migrations: applied };
  } catch (error) {
    return { ok: false, problems: [`nav protokols datubāzes kopija: ${(error as Error).message}`], migrations: [] };
  } finally {
    db.close();
  }
}

export function restoreDatabase(backup: string, databasePath: string, force: boolean): BackupCheck {
  if (!existsSync(backup)) throw new Error(`Kopija ${backup} nav atrasta.`);
  const check = checkBackup(backup);
  if (!check.ok) return check;
  if (existsSync(databasePath) && !force) throw new Error(`Datubāze ${databasePath} jau ir; lai to aizstātu, norādiet --force.`);
  mkdirSync(dirname(databasePath), { recursive: true });
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  copyFileSync(backup, databasePath);
  return check;
}
