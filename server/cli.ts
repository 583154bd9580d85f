// The command-line tool: import, export and render sittings against the configured database.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import type { Db } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import { DomainError } from './domain/errors.ts';
import { exportSitting } from './interchange/export-sitting.ts';
import { importSitting } from './interchange/import-sitting.ts';
import { ensureGroup } from './repositories/group.ts';
import { minutesFile } from './repositories/signed-minutes.ts';
import { sittingIdByNumber } from './repositories/sittings.ts';

const USAGE = `Lietošana:
  protokols import FAILS.json   importē sēdi (izdrukā jaunās sēdes id)
  protokols export NUMURS       izdrukā sēdes dokumentu JSON formātā
  protokols render NUMURS --out FAILS.docx [--public]
                                saglabā sēdes protokolu DOCX formātā (--public: publiskā versija)`;

type Command = (db: Db, groupId: number, args: string[]) => Promise<string>;

const commands: Record<string, Command> = {
  async import(db, groupId, [file]) {
    if (file === undefined) throw new UsageError('Norādiet importējamo failu.');
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`Failu ${file} neizdevās nolasīt kā JSON: ${(error as Error).message}`);
    }
    const { id } = await importSitting(db, groupId, input);
    return String(id);
  },
  async export(db, groupId, [number]) {
    const id = await sittingByNumber(db, groupId, number);
    return JSON.stringify(await exportSitting(db, groupId, id), null, 2);
  },
  async render(db, groupId, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, public: { type: 'boolean' } },
    });
    if (values.out === undefined) throw new UsageError('Norādiet, kur saglabāt protokolu: --out FAILS.docx');
    const id = await sittingByNumber(db, groupId, positionals[0]);
    const file = await minutesFile(db, groupId, id, values.public === true ? 'public' : 'full', 'docx');
    await writeFile(values.out, file.body);
    return values.out;
  },
};

async function sittingByNumber(db: Db, groupId: number, number: string | undefined): Promise<number> {
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('Norādiet sēdes numuru (vesels skaitlis).');
  const id = await sittingIdByNumber(db, groupId, n);
  if (id === undefined) throw new UsageError(`Sēde Nr. ${n} nav atrasta.`);
  return id;
}

class UsageError extends Error {}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const db = await openDatabase(readConfig().databaseUrl);
  try {
    const group = await ensureGroup(db);
    process.stdout.write(`${await command(db, group.id, args)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError || error instanceof UsageError) {
      process.stderr.write(`Kļūda: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}
