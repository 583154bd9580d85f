// The command-line tool: import, export and render sittings, add and list users and groups, back
// up and restore, all against the configured database, which it names first on standard error.
// Commands that act in a group take `--group ID`; without it, the host's only group.
import './require-node.ts';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { copyDatabase, CopyRefused } from './db/copy.ts';
import type { Db } from './db/database.ts';
import { openDatabase, shownDatabaseUrl, sqliteFileOf } from './db/open.ts';
import { DomainError } from './domain/errors.ts';
import { nameCandidates } from './domain/names.ts';
import { closeDocxPool } from './minutes/docx-pool.ts';
import { PasswordHasher } from './domain/passwords.ts';
import { isRole } from './domain/permissions.ts';
import { ensureGroup } from './repositories/group.ts';
import { addGroup, hostGroups, type GroupSummary } from './services/group.ts';
import { issueSetupToken } from './services/first-admin.ts';
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
  protokols user add LIETOTĀJS --role admin|secretary|chair|member|guest|host_admin [--person "VĀRDS UZVĀRDS"|ID]
                                     izveido lietotāju, piesaistot personu no kataloga; paroli jautā
                                     divreiz (terminālī) vai nolasa pirmo rindu no standartievades
                                     (host_admin: servera administrators, pārvalda grupas, neredz to protokolus)
  protokols user list                izdrukā lietotājus: lietotājvārds, loma, persona, aktīvs
  protokols group add "NOSAUKUMS" --municipality "NOVADS"
                                     izveido grupu; izdrukā tās pirmā administratora saiti un pēdējā rindā grupas id
  protokols group list               izdrukā grupas: id, saīsne, nosaukums, novads, sēdes, personas, lietotāji

Grupa: komandas, kas strādā grupā (import, export, render, user), ņem --group ID; bez tā — servera
vienīgo grupu (ja grupu ir vairākas, komanda atsakās ar izejas kodu 2 un uzskaita grupas).
  protokols backup FAILS             saglabā datubāzes kopiju (var darīt, kamēr serveris strādā); tikai SQLite
  protokols restore FAILS [--force]  atjauno datubāzi no kopijas (serverim jābūt apturētam); tikai SQLite
  protokols copy --from SQLITE --to postgres://…
                                     nokopē visu SQLite datubāzi (visas grupas) tukšā PostgreSQL datubāzē

Datubāze: DATABASE_URL vai, ja tā nav norādīta, data/protokols.db; tās ceļu komanda vienmēr
izdrukā kā pirmo rindu standartkļūdā. Ja DATABASE_URL nav norādīts un data/protokols.db nav,
komanda atsakās (izejas kods 2), ja vien nav dots --create.`;

const NO_PERSON = '–';

class UsageError extends Error {}
/** Which group a command acts in is unclear or wrong: exit code 2, like a missing database. */
class GroupChoiceError extends Error {}

interface Context {
  /** The SQLite file's absolute path, or the PostgreSQL URL without its password. */
  databasePath: string;
  /** Null on PostgreSQL, whose copies are pg_dump's and the server's (README). */
  sqliteFile: string | null;
  /** Opens the database (migrated) on first use, with the group the command acts in. */
  db: () => Promise<{ db: Db; groupId: number }>;
  /** Opens the database alone, for commands about the host (groups). */
  host: () => Promise<Db>;
  /** The base URL for links (PUBLIC_URL, else this host's HOST:PORT). */
  baseUrl: string;
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
  return table([
    ['LIETOTĀJS', 'LOMA', 'PERSONA', 'AKTĪVS'],
    ...users.map((u) => [
      u.login,
      u.role,
      u.personId === null ? NO_PERSON : (names.get(u.personId) ?? `ID ${u.personId}`),
      u.active ? 'jā' : 'nē',
    ]),
  ]);
}

/** The host's groups as a plain table. */
function groupTable(groups: GroupSummary[]): string {
  return table([
    ['ID', 'SAĪSNE', 'NOSAUKUMS', 'NOVADS', 'SĒDES', 'PERSONAS', 'LIETOTĀJI'],
    ...groups.map((g) => [String(g.id), g.slug, g.name, g.municipality, String(g.sittings), String(g.people), String(g.users)]),
  ]);
}

/** Rows as columns two spaces apart, the last column not padded. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/**
 * The group a command acts in: `--group ID` when given (it must exist), else the only group (a
 * fresh database gets its first). Several groups and no `--group` is refused, naming them.
 */
async function chosenGroup(db: Db, given: string | undefined): Promise<number> {
  const groups = await hostGroups(db);
  const named = () => groups.map((g) => `${g.id} (${g.name})`).join(', ');
  if (given !== undefined) {
    const id = Number(given);
    if (!Number.isInteger(id) || !groups.some((g) => g.id === id))
      throw new GroupChoiceError(`Grupa ar id "${given}" nav atrasta. Grupas: ${named()}.`);
    return id;
  }
  if (groups.length === 0) return (await ensureGroup(db)).id;
  if (groups.length === 1) return groups[0]!.id;
  throw new GroupChoiceError(`Serverī ir vairākas grupas; norādiet vienu ar --group ID: ${named()}.`);
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
    if (!isRole(role)) throw new UsageError('Norādiet lomu: --role admin|secretary|chair|member|guest|host_admin');
    // The server's production cost: the CLI has no way to lower it.
    const passwords = new PasswordHasher();
    const { db, groupId } = await ctx.db();
    // The person first: a name that fits no one, or several, is refused before the password is asked.
    const personId = values.person === undefined ? null : await personIdFor(db, groupId, values.person);
    const password = await readNewPassword();
    const user = await addUser(db, groupId, SYSTEM, passwords, { login, password, role, personId });
    return `Lietotājs ${user.login} (${user.role}) izveidots.`;
  },

  async group(ctx, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { municipality: { type: 'string' } } });
    const [action, name] = positionals;
    if (action === 'list' && name === undefined) return groupTable(await hostGroups(await ctx.host()));
    if (action !== 'add' || name === undefined || values.municipality === undefined)
      throw new UsageError('Lietošana: protokols group add "NOSAUKUMS" --municipality "NOVADS", vai protokols group list');
    if (name.trim() === '' || values.municipality.trim() === '') throw new UsageError('Nosaukums un novads nedrīkst būt tukši.');
    const db = await ctx.host();
    const group = await addGroup(db, SYSTEM, { name, municipality: values.municipality });
    const token = await issueSetupToken(db, group.id);
    // The id alone on the last line, for scripts; the link (valid an hour, once) before it.
    const link = token === null ? [] : [`Pirmā administratora saite (derīga 1 stundu, vienreiz): ${ctx.baseUrl}/#/setup/${token}`];
    return [`Grupa "${group.name}" izveidota (saīsne ${group.slug}).`, ...link, String(group.id)].join('\n');
  },

  async backup(ctx, [target]) {
    if (target === undefined) throw new UsageError('Norādiet kopijas failu.');
    if (ctx.sqliteFile === null) throw new UsageError(ONLY_SQLITE('backup'));
    try {
      await backupDatabase(ctx.sqliteFile, target);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return target;
  },

  async restore(ctx, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    const [source] = positionals;
    if (source === undefined) throw new UsageError('Norādiet kopijas failu.');
    if (ctx.sqliteFile === null) throw new UsageError(ONLY_SQLITE('restore'));
    let check;
    try {
      check = restoreDatabase(source, ctx.sqliteFile, values.force === true);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!check.ok) throw new UsageError(`Kopija netika atjaunota: ${check.problems.join('; ')}.`);
    // Bring an older copy's schema up to this version.
    await ctx.host();
    return `Datubāze atjaunota no ${source} (pārbaude: kārtībā).`;
  },
};

/** The database file a command uses, as an absolute path (it is shown, and refused when missing); null on PostgreSQL. */
function databaseFile(databaseUrl: string): string | null {
  const file = sqliteFileOf(databaseUrl);
  return file === null || file === ':memory:' ? file : path.resolve(file);
}

const ONLY_SQLITE = (command: string) =>
  `${command} kopē tikai iebūvēto SQLite datubāzi. PostgreSQL datubāzei izmantojiet pg_dump un pg_restore vai servera nepārtraukto arhivēšanu (sk. README, „PostgreSQL”).`;

/** `copy --from SQLITE --to postgres://…`: names both databases itself, so DATABASE_URL plays no part. */
async function runCopy(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (values.from === undefined || values.to === undefined) {
    process.stderr.write('Lietošana: protokols copy --from SQLITE_DATUBĀZE --to postgres://…\n');
    return 2;
  }
  process.stderr.write(`protokols: kopē ${values.from} → ${shownDatabaseUrl(values.to)}\n`);
  try {
    const report = await copyDatabase(values.from, values.to);
    const lines = report.tables.filter((t) => t.rows > 0).map((t) => `${t.table}: ${t.rows}`);
    process.stdout.write(
      `${[...lines, `Pārbaudītas parakstīto datņu kontrolsummas: ${report.verified}.`, 'Datubāze nokopēta.'].join('\n')}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Kļūda: ${(error as Error).message}\n`);
    return error instanceof CopyRefused ? 2 : 1;
  }
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'copy') return runCopy(rest);
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const create = rest.includes('--create');
  const { group: groupOption, args } = withoutGroupOption(rest.filter((arg) => arg !== '--create'));
  let databaseUrl: string;
  let baseUrl: string;
  try {
    const config = readConfig(env);
    databaseUrl = config.databaseUrl;
    baseUrl = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  } catch (error) {
    process.stderr.write(`Kļūda: ${(error as Error).message}\n`);
    return 2;
  }
  const sqliteFile = databaseFile(databaseUrl);
  const databasePath = sqliteFile ?? shownDatabaseUrl(databaseUrl);
  const defaulted = env.DATABASE_URL === undefined;
  // First, before anything else: which database a command reads or writes is never a guess.
  process.stderr.write(`protokols: datubāze ${databasePath}${defaulted ? ' (DATABASE_URL nav norādīts)' : ''}\n`);
  // The default file beside the project is made only when asked for: a missing one more likely
  // means a forgotten DATABASE_URL than a new installation.
  if (defaulted && !create && sqliteFile !== null && !existsSync(sqliteFile)) {
    process.stderr.write(
      `Kļūda: datubāze ${databasePath} nav atrasta. Norādiet esošo datubāzi ar DATABASE_URL vai, lai izveidotu jaunu, pievienojiet --create.\n`,
    );
    return 2;
  }
  let opened: Db | undefined;
  const host = async () => (opened ??= await openDatabase(databaseUrl));
  const ctx: Context = {
    databasePath,
    sqliteFile,
    baseUrl,
    host,
    db: async () => {
      const db = await host();
      // A host admin reads no group's data: without --group it joins the first group.
      const hostAdmin = name === 'user' && groupOption === undefined && args.some((a) => a === 'host_admin' || a === '--role=host_admin');
      return { db, groupId: hostAdmin ? (await ensureGroup(db)).id : await chosenGroup(db, groupOption) };
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
    if (error instanceof GroupChoiceError) {
      process.stderr.write(`Kļūda: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Interrupted) return 130;
    throw error;
  } finally {
    await closeDocxPool();
    await opened?.destroy();
  }
}

/** `--group ID` (or `--group=ID`) taken out of a command's arguments. */
function withoutGroupOption(args: string[]): { group: string | undefined; args: string[] } {
  const rest: string[] = [];
  let group: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--group') group = args[++i] ?? '';
    else if (arg.startsWith('--group=')) group = arg.slice('--group='.length);
    else rest.push(arg);
  }
  return { group, args: rest };
}
