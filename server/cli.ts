// The command-line tool: import, export and render sittings, add users, back up and restore,
// all against the configured database.
import './require-node.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import type { Db } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import { sqlitePathFromUrl } from './db/sqlite.ts';
import { DomainError } from './domain/errors.ts';
import { closeDocxPool } from './minutes/docx-pool.ts';
import { PasswordHasher } from './domain/passwords.ts';
import { isRole } from './domain/permissions.ts';
import { ensureGroup } from './repositories/group.ts';
import { sittingIdByNumber } from './repositories/sittings.ts';
import { readSecret } from './secret-input.ts';
import { addUser } from './services/accounts.ts';
import { SYSTEM } from './services/audit.ts';
import { exportSitting, importSitting } from './services/interchange.ts';
import { readerFor } from './services/readers.ts';
import { minutesFile } from './services/signing.ts';

const USAGE = `Lietošana:
  protokols import FAILS.json        importē sēdi (izdrukā jaunās sēdes id)
  protokols export NUMURS            izdrukā sēdes dokumentu JSON formātā
  protokols render NUMURS --out FAILS.docx [--public]
                                     saglabā sēdes protokolu DOCX formātā (--public: publiskā versija)
  protokols user add LIETOTĀJS --role admin|secretary|chair|member|guest [--person ID]
                                     izveido lietotāju; paroli nolasa no standartievades
  protokols backup FAILS             saglabā datubāzes kopiju (var darīt, kamēr serveris strādā)
  protokols restore FAILS [--force]  atjauno datubāzi no kopijas (serverim jābūt apturētam)`;

class UsageError extends Error {}

interface Context {
  databasePath: string;
  /** Opens the database (migrated) on first use. */
  db: () => Promise<{ db: Db; groupId: number }>;
}

type Command = (ctx: Context, args: string[]) => Promise<string>;

async function sittingByNumber(db: Db, groupId: number, number: string | undefined): Promise<number> {
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('Norādiet sēdes numuru (vesels skaitlis).');
  const id = await sittingIdByNumber(db, groupId, n);
  if (id === undefined) throw new UsageError(`Sēde Nr. ${n} nav atrasta.`);
  return id;
}

const commands: Record<string, Command> = {
  async import(ctx, [file]) {
    if (file === undefined) throw new UsageError('Norādiet importējamo failu.');
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`Failu ${file} neizdevās nolasīt kā JSON: ${(error as Error).message}`);
    }
    const { db, groupId } = await ctx.db();
    const { id } = await importSitting(db, groupId, SYSTEM, input);
    return String(id);
  },

  async export(ctx, [number]) {
    const { db, groupId } = await ctx.db();
    // The command line reads as the system with an administrator's view: the whole sitting, its confidential parts on the record.
    const reader = readerFor({ ...SYSTEM, role: 'admin' });
    return JSON.stringify(await exportSitting(db, groupId, reader, await sittingByNumber(db, groupId, number)), null, 2);
  },

  async render(ctx, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, public: { type: 'boolean' } },
    });
    if (values.out === undefined) throw new UsageError('Norādiet, kur saglabāt protokolu: --out FAILS.docx');
    const { db, groupId } = await ctx.db();
    const id = await sittingByNumber(db, groupId, positionals[0]);
    const file = await minutesFile(db, groupId, id, values.public === true ? 'public' : 'full', 'docx');
    await writeFile(values.out, file.body);
    return values.out;
  },

  async user(ctx, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { role: { type: 'string' }, person: { type: 'string' } },
    });
    const [action, login] = positionals;
    if (action !== 'add' || login === undefined) throw new UsageError('Lietošana: protokols user add LIETOTĀJS --role admin');
    const role = values.role ?? '';
    if (!isRole(role)) throw new UsageError('Norādiet lomu: --role admin|secretary|chair|member|guest');
    // The server's production cost: the CLI has no way to lower it.
    const passwords = new PasswordHasher();
    const password = await readSecret('Parole: ');
    const { db, groupId } = await ctx.db();
    const personId = values.person === undefined ? null : Number(values.person);
    const user = await addUser(db, groupId, SYSTEM, passwords, { login, password, role, personId });
    return `Lietotājs ${user.login} (${user.role}) izveidots.`;
  },

  async backup(ctx, [target]) {
    if (target === undefined) throw new UsageError('Norādiet kopijas failu.');
    await backupDatabase(ctx.databasePath, target);
    return target;
  },

  async restore(ctx, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    const [source] = positionals;
    if (source === undefined) throw new UsageError('Norādiet kopijas failu.');
    let check;
    try {
      check = restoreDatabase(source, ctx.databasePath, values.force === true);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!check.ok) throw new UsageError(`Kopija netika atjaunota: ${check.problems.join('; ')}.`);
    // Bring an older copy's schema up to this version.
    await ctx.db();
    return `Datubāze atjaunota no ${source} (pārbaude: kārtībā).`;
  },
};

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { databaseUrl } = readConfig();
  let opened: { db: Db; groupId: number } | undefined;
  const ctx: Context = {
    databasePath: sqlitePathFromUrl(databaseUrl),
    db: async () => {
      if (opened === undefined) {
        const db = await openDatabase(databaseUrl);
        opened = { db, groupId: (await ensureGroup(db)).id };
      }
      return opened;
    },
  };
  try {
    process.stdout.write(`${await command(ctx, args)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError || error instanceof UsageError) {
      process.stderr.write(`Kļūda: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await closeDocxPool();
    await opened?.db.destroy();
  }
}
