// The command-line tool: import, export and render sittings, add and list users, back up and
// restore, all against the configured database, which it names first on standard error.
import './require-node.ts';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import type { Db } from './db/database.ts';
import { openDatabase } from './db/open.ts';
import { sqlitePathFromUrl } from './db/sqlite.ts';
import { DomainError } from './domain/errors.ts';
import { nameCandidates } from './domain/names.ts';
import { closeDocxPool } from './minutes/docx-pool.ts';
import { PasswordHasher } from './domain/passwords.ts';
import { isRole } from './domain/permissions.ts';
import { ensureGroup } from './repositories/group.ts';
import { sittingIdByNumber } from './repositories/sittings.ts';
import { Interrupted, PasswordsDiffer, readNewPassword } from './secret-input.ts';
import { accounts, addUser } from './services/accounts.ts';
import { SYSTEM } from './services/audit.ts';
import { exportSitting, importSitting } from './services/interchange.ts';
import { people } from './services/people.ts';
import { readerFor } from './services/readers.ts';
import { minutesFile } from './services/signing.ts';

const USAGE = `Lietošana:
  protokols import FAILS.json        importē sēdi (izdrukā jaunās sēdes id)
  protokols export NUMURS            izdrukā sēdes dokumentu JSON formātā
  protokols render NUMURS --out FAILS.docx [--public]
                                     saglabā sēdes protokolu DOCX formātā (--public: publiskā versija)
  protokols user add LIETOTĀJS --role admin|secretary|chair|member|guest [--person "VĀRDS UZVĀRDS"|ID]
                                     izveido lietotāju, piesaistot personu no kataloga; paroli jautā
                                     divreiz (terminālī) vai nolasa pirmo rindu no standartievades
  protokols user list                izdrukā lietotājus: lietotājvārds, loma, persona, aktīvs
  protokols backup FAILS             saglabā datubāzes kopiju (var darīt, kamēr serveris strādā)
  protokols restore FAILS [--force]  atjauno datubāzi no kopijas (serverim jābūt apturētam)

Datubāze: DATABASE_URL vai, ja tā nav norādīta, data/protokols.db; tās ceļu komanda vienmēr
izdrukā kā pirmo rindu standartkļūdā. Ja DATABASE_URL nav norādīts un data/protokols.db nav,
komanda atsakās (izejas kods 2), ja vien nav dots --create.`;

const NO_PERSON = '–';

class UsageError extends Error {}

interface Context {
  databasePath: string;
  /** Opens the database (migrated) on first use. */
  db: () => Promise<{ db: Db; groupId: number }>;
}

type Command = (ctx: Context, args: string[]) => Promise<string>;

/**
 * The person `--person` names: a directory ID, or a name matched as the minutes match typed names
 * (full name, or short form such as E. Rancāne); none or several is an error that says which.
 */
async function personIdFor(db: Db, groupId: number, given: string): Promise<number> {
  // An ID is checked when the account is written: an unknown one is refused there.
  if (/^\d+$/u.test(given.trim())) return Number(given);
  const found = nameCandidates(given, await people(db, groupId));
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) throw new UsageError(`Persona "${given}" katalogā nav atrasta; norādiet vārdu un uzvārdu, kā tie ir katalogā.`);
  const listed = found.map((p) => `${p.fullName}${p.position === null ? '' : `, ${p.position}`} (ID ${p.id})`).join('; ');
  throw new UsageError(`"${given}" atbilst vairākām personām: ${listed}. Norādiet pilnu vārdu vai ID.`);
}

/** The accounts as a plain table: login, role, linked person, active. */
async function userTable(db: Db, groupId: number): Promise<string> {
  const [users, directory] = await Promise.all([accounts(db, groupId), people(db, groupId)]);
  const names = new Map(directory.map((p) => [p.id, p.fullName]));
  const rows = [
    ['LIETOTĀJS', 'LOMA', 'PERSONA', 'AKTĪVS'],
    ...users.map((u) => [
      u.login,
      u.role,
      u.personId === null ? NO_PERSON : (names.get(u.personId) ?? `ID ${u.personId}`),
      u.active ? 'jā' : 'nē',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

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
    if (action === 'list' && login === undefined) {
      const { db, groupId } = await ctx.db();
      return userTable(db, groupId);
    }
    if (action !== 'add' || login === undefined)
      throw new UsageError('Lietošana: protokols user add LIETOTĀJS --role admin [--person "VĀRDS UZVĀRDS"], vai protokols user list');
    const role = values.role ?? '';
    if (!isRole(role)) throw new UsageError('Norādiet lomu: --role admin|secretary|chair|member|guest');
    // The server's production cost: the CLI has no way to lower it.
    const passwords = new PasswordHasher();
    const { db, groupId } = await ctx.db();
    // The person first: a name that fits no one, or several, is refused before the password is asked.
    const personId = values.person === undefined ? null : await personIdFor(db, groupId, values.person);
    const password = await readNewPassword();
    const user = await addUser(db, groupId, SYSTEM, passwords, { login, password, role, personId });
    return `Lietotājs ${user.login} (${user.role}) izveidots.`;
  },

  async backup(ctx, [target]) {
    if (target === undefined) throw new UsageError('Norādiet kopijas failu.');
    try {
      await backupDatabase(ctx.databasePath, target);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
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

/** The database file a command uses, as an absolute path (it is shown, and refused when missing). */
function databaseFile(databaseUrl: string): string {
  const file = sqlitePathFromUrl(databaseUrl);
  return file === ':memory:' ? file : path.resolve(file);
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const create = rest.includes('--create');
  const args = rest.filter((arg) => arg !== '--create');
  let databaseUrl: string;
  try {
    ({ databaseUrl } = readConfig(env));
  } catch (error) {
    process.stderr.write(`Kļūda: ${(error as Error).message}\n`);
    return 2;
  }
  const databasePath = databaseFile(databaseUrl);
  const defaulted = env.DATABASE_URL === undefined;
  // First, before anything else: which database a command reads or writes is never a guess.
  process.stderr.write(`protokols: datubāze ${databasePath}${defaulted ? ' (DATABASE_URL nav norādīts)' : ''}\n`);
  // The default file beside the project is made only when asked for: a missing one more likely
  // means a forgotten DATABASE_URL than a new installation.
  if (defaulted && !create && !existsSync(databasePath)) {
    process.stderr.write(
      `Kļūda: datubāze ${databasePath} nav atrasta. Norādiet esošo datubāzi ar DATABASE_URL vai, lai izveidotu jaunu, pievienojiet --create.\n`,
    );
    return 2;
  }
  let opened: { db: Db; groupId: number } | undefined;
  const ctx: Context = {
    databasePath,
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
    if (error instanceof DomainError || error instanceof UsageError || error instanceof PasswordsDiffer) {
      process.stderr.write(`Kļūda: ${error.message}\n`);
      return 1;
    }
    if (error instanceof Interrupted) return 130;
    throw error;
  } finally {
    await closeDocxPool();
    await opened?.db.destroy();
  }
}
