// The command-line tool: import, export and render sittings, add and list users and groups, back
// up and restore, all against the configured database, which it names first on standard error.
// Commands that act in a group take `--group ID`; without it, the host's only group.
import './require-node.ts';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { copyDatabase, CopyRefused } from './db/copy.ts';
import type { Db } from './db/database.ts';
import { inHostScope, scopeToGroup } from './db/group-scope.ts';
import { openDatabase, shownDatabaseUrl, sqliteFileOf } from './db/open.ts';
import { DomainError } from './domain/errors.ts';
import { nameCandidates } from './domain/names.ts';
import { closeDocxPool } from './minutes/docx-pool.ts';
import { PasswordHasher } from './domain/passwords.ts';
import { isRole } from './domain/permissions.ts';
import { setupLinkOf } from './domain/setup-token.ts';
import { ensureGroup } from './repositories/group.ts';
import { addGroupWithSetupLink, hostGroups, type GroupSummary } from './services/group.ts';
import { sittingIdByNumber } from './repositories/sittings.ts';
import { Interrupted, PasswordsDiffer, readNewPassword } from './secret-input.ts';
import { accounts, addUser } from './services/accounts.ts';
import { SYSTEM } from './services/audit.ts';
import { exportSitting, importSitting } from './services/interchange.ts';
import { importWordProtocol, readWordProtocol } from './services/word-import.ts';
import type { ParsedProtocol } from './protocol-import/parse-protocol.ts';
import { people } from './services/people.ts';
import { exportPlan, importPlan } from './services/plans.ts';
import { readerFor } from './services/readers.ts';
import { minutesFile } from './services/signing.ts';
import { isRealDate } from './domain/calendar.ts';
import { rigaClock } from './domain/mail.ts';
import { deliverDue, smtpMailer } from './services/mail/delivery.ts';
import { enqueueAllReminders } from './services/mail/reminders.ts';
import { checkTemplatesOfHost } from './services/wording.ts';
import { useGroupTemplates } from './wording/group-templates.ts';
import { TemplateOverrideError } from './wording/overrides.ts';

const USAGE = `Lietošana:
  protokols import FAILS.json        importē sēdi (izdrukā jaunās sēdes id)
  protokols import-word [--dry-run] CEĻŠ…
                                     importē vecos Word protokolus (.docx, .doc, .odt; mape — visi tās
                                     faili datumu secībā) kā melnrakstus ar šaubām pārbaudei; bojātu
                                     vai ne-protokola failu izlaiž un turpina. --dry-run: datubāzi
                                     neatver, izdrukā sēdes dokumentu (vairākiem — masīvu) un šaubas
                                     standartkļūdā
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
  protokols plan import FAILS.json   importē prevencijas plānu (pēdējā rindā izdrukā jaunā plāna id)
  protokols plan export ID           izdrukā prevencijas plānu importa formātā (JSON)
  protokols group list               izdrukā grupas: id, saīsne, nosaukums, novads, sēdes, personas, lietotāji

Grupa: komandas, kas strādā grupā (import, export, render, plan, user), ņem --group ID; bez tā — servera
vienīgo grupu (ja grupu ir vairākas, komanda atsakās ar izejas kodu 2 un uzskaita grupas).
  protokols backup FAILS             saglabā datubāzes kopiju (var darīt, kamēr serveris strādā); tikai SQLite
  protokols restore FAILS [--force]  atjauno datubāzi no kopijas (serverim jābūt apturētam); tikai SQLite
  protokols copy --from SQLITE --to postgres://…
                                     nokopē visu SQLite datubāzi (visas grupas) tukšā PostgreSQL datubāzē
  protokols templates check [--group ID]
                                     pārbauda grupu veidņu mapes (GROUP_TEMPLATES_DIR/<saīsne>/): katru
                                     failu un atslēgu; kļūdu gadījumā izejas kods 1
  protokols mail run [--now GGGG-MM-DD]
                                     aprēķina dienas atgādinājumus (katrai personai vienu reizi dienā),
                                     nosūta visu, kas gaida izsūtnē, un beidz darbu

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
  /** SMTP_URL (null: nothing is sent) and MAIL_FROM. */
  smtpUrl: string | null;
  mailFrom: string;
  /** GROUP_TEMPLATES_DIR (or its default), null when there is none. */
  groupTemplatesDir: string | null;
  /** `--group ID` as given, for a command about the host that may narrow to one group. */
  groupOption: string | undefined;
  /** Set by a command that did part of its work (a file skipped): the exit code after its output. */
  exitCode?: number;
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

/**
 * Enters the group a command acts in (`given` as chosenGroup reads it; a new host admin joins the
 * first group): from here on, in the scope inHostScope opened, the command's queries run in that
 * group's scope as a logged-in request's do, so on PostgreSQL a query that forgot its group filter
 * still sees only that group's rows.
 */
export async function enterGroup(db: Db, given: string | undefined, hostAdmin = false): Promise<number> {
  const groupId = hostAdmin ? (await ensureGroup(db)).id : await chosenGroup(db, given);
  scopeToGroup(groupId);
  return groupId;
}

async function sittingByNumber(db: Db, groupId: number, number: string | undefined): Promise<number> {
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) throw new UsageError('Norādiet sēdes numuru (vesels skaitlis).');
  const id = await sittingIdByNumber(db, groupId, n);
  if (id === undefined) throw new UsageError(`Sēde Nr. ${n} nav atrasta.`);
  return id;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Failu ${file} neizdevās nolasīt kā JSON: ${(error as Error).message}`);
  }
}

const commands: Record<string, Command> = {
  async import(ctx, [file]) {
    if (file === undefined) throw new UsageError('Norādiet importējamo failu.');
    const input = await readJson(file);
    const { db, groupId } = await ctx.db();
    const { id } = await importSitting(db, groupId, SYSTEM, input);
    return String(id);
  },

  async 'import-word'(ctx, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
    if (positionals.length === 0) throw new UsageError('Norādiet importējamos Word failus vai mapes.');
    const dryRun = values['dry-run'] === true;
    const files = await wordFilesIn(positionals);
    const opened = dryRun ? undefined : await ctx.db();
    const directory = opened === undefined ? [] : (await people(opened.db, opened.groupId, {})).map((p) => p.fullName);
    const read: Array<{ file: string; bytes: Buffer; parsed: ParsedProtocol }> = [];
    let skipped = 0;
    // An archive holds anything: a file that cannot be read or is no protocol is reported and skipped.
    const skip = (file: string, error: unknown) => {
      skipped += 1;
      process.stderr.write(`${file}: izlaists — ${error instanceof Error ? error.message : String(error)}\n`);
    };
    for (const file of files) {
      try {
        const bytes = await readFile(file);
        read.push({ file, bytes, parsed: await readWordProtocol(bytes, directory) });
      } catch (error) {
        skip(file, error);
      }
    }
    // Date order, so a later protocol's follow-up can refer to an earlier one.
    read.sort(
      (a, b) => a.parsed.document.date.localeCompare(b.parsed.document.date) || a.parsed.document.number - b.parsed.document.number,
    );
    const lines: string[] = [];
    for (const { file, bytes, parsed } of read) {
      if (opened !== undefined) {
        try {
          const imported = await importWordProtocol(opened.db, opened.groupId, SYSTEM, bytes, path.basename(file));
          lines.push(`${imported.id}\tNr. ${imported.number}\t${parsed.document.date}\t${file}`);
        } catch (error) {
          skip(file, error);
          continue;
        }
      }
      for (const d of parsed.doubts) process.stderr.write(`${file}: ${d.paragraph}. rindkopa „${d.excerpt}”: ${d.message}\n`);
    }
    if (skipped > 0) ctx.exitCode = 1;
    if (opened !== undefined) return lines.join('\n');
    const documents = read.map((r) => r.parsed.document);
    return JSON.stringify(files.length === 1 && documents.length === 1 ? documents[0] : documents, null, 2);
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

  async plan(ctx, [action, target]) {
    if (action === 'import' && target !== undefined) {
      const input = await readJson(target);
      const { db, groupId } = await ctx.db();
      const { id } = await importPlan(db, groupId, SYSTEM, input);
      return String(id);
    }
    if (action === 'export' && target !== undefined) {
      const id = Number(target);
      if (!Number.isInteger(id) || id < 1) throw new UsageError('Norādiet plāna id (vesels skaitlis).');
      const { db, groupId } = await ctx.db();
      return JSON.stringify(await exportPlan(db, groupId, id), null, 2);
    }
    throw new UsageError('Lietošana: protokols plan import FAILS.json, vai protokols plan export ID');
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
    const { group, setupLink } = await addGroupWithSetupLink(db, SYSTEM, { name, municipality: values.municipality });
    // The id alone on the last line, for scripts; the link (valid an hour, once) before it.
    return [
      `Grupa "${group.name}" izveidota (saīsne ${group.slug}).`,
      `Pirmā administratora saite (derīga 1 stundu, vienreiz): ${setupLinkOf(ctx.baseUrl, setupLink.secret)}`,
      String(group.id),
    ].join('\n');
  },

  async mail(ctx, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { now: { type: 'string' } } });
    if (positionals[0] !== 'run' || positionals.length > 1) throw new UsageError('Lietošana: protokols mail run [--now GGGG-MM-DD]');
    const date = values.now ?? rigaClock(new Date()).date;
    if (!isRealDate(date)) throw new UsageError(`--now: "${date}" nav īsts datums (jābūt GGGG-MM-DD).`);
    const db = await ctx.host();
    const written = await enqueueAllReminders(db, date, { baseUrl: ctx.baseUrl, from: ctx.mailFrom });
    const mailer = ctx.smtpUrl === null ? null : smtpMailer(ctx.smtpUrl);
    let report;
    try {
      report = await deliverDue(db, mailer, { from: ctx.mailFrom });
    } finally {
      mailer?.close();
    }
    const sent =
      mailer === null
        ? 'SMTP_URL nav iestatīts: nekas netika sūtīts.'
        : `Nosūtītas: ${report.sent}, atliktas: ${report.retried}, atmestas: ${report.failed}.`;
    return `Atgādinājumi ${date}: ${written} jauni. ${sent}`;
  },

  async templates(ctx, args) {
    if (args.length !== 1 || args[0] !== 'check') throw new UsageError('Lietošana: protokols templates check [--group ID]');
    const dir = ctx.groupTemplatesDir;
    if (dir === null) return 'Grupu veidņu mapes nav (GROUP_TEMPLATES_DIR nav iestatīts): visas grupas lieto projekta veidnes.';
    const db = await ctx.host();
    const groupId = ctx.groupOption === undefined ? undefined : await chosenGroup(db, ctx.groupOption);
    const { errors, warnings } = await checkTemplatesOfHost(db, dir, groupId);
    for (const warning of warnings) process.stderr.write(`Brīdinājums: ${warning}\n`);
    if (errors.length > 0) {
      ctx.exitCode = 1;
      return errors.map((e) => `Kļūda: ${e}`).join('\n');
    }
    return `Grupu veidnes kārtībā (${dir}).`;
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

/** The Word files the paths name: each file as given, each folder's .docx/.doc/.odt files (Word's ~$ lock files left out). */
async function wordFilesIn(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    let entries: string[] | undefined;
    try {
      if ((await stat(given)).isDirectory()) entries = await readdir(given);
    } catch {
      throw new UsageError(`Ceļš ${given} nav atrasts.`);
    }
    if (entries === undefined) files.push(given);
    else
      files.push(
        ...entries
          .filter((e) => /\.(docx|doc|odt)$/iu.test(e) && !e.startsWith('~$'))
          .sort()
          .map((e) => path.join(given, e)),
      );
  }
  return files;
}

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
  // A dry run reads files only: it opens no database and makes none.
  const noDatabase = name === 'import-word' && rest.includes('--dry-run');
  const { group: groupOption, args } = withoutGroupOption(rest.filter((arg) => arg !== '--create'));
  let databaseUrl: string;
  let baseUrl: string;
  let mail: { smtpUrl: string | null; mailFrom: string };
  let groupTemplatesDir: string | null;
  try {
    const config = readConfig(env);
    databaseUrl = config.databaseUrl;
    groupTemplatesDir = config.groupTemplatesDir;
    mail = { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom };
    baseUrl = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  } catch (error) {
    process.stderr.write(`Kļūda: ${(error as Error).message}\n`);
    return 2;
  }
  const sqliteFile = databaseFile(databaseUrl);
  const databasePath = sqliteFile ?? shownDatabaseUrl(databaseUrl);
  const defaulted = env.DATABASE_URL === undefined;
  // First, before anything else: which database a command reads or writes is never a guess.
  if (!noDatabase) process.stderr.write(`protokols: datubāze ${databasePath}${defaulted ? ' (DATABASE_URL nav norādīts)' : ''}\n`);
  // The default file beside the project is made only when asked for: a missing one more likely
  // means a forgotten DATABASE_URL than a new installation.
  if (defaulted && !create && !noDatabase && sqliteFile !== null && !existsSync(sqliteFile)) {
    process.stderr.write(
      `Kļūda: datubāze ${databasePath} nav atrasta. Norādiet esošo datubāzi ar DATABASE_URL vai, lai izveidotu jaunu, pievienojiet --create.\n`,
    );
    return 2;
  }
  // What the command renders or mails is worded as the server would word it for the group.
  useGroupTemplates(groupTemplatesDir);
  let opened: Db | undefined;
  const host = async () => (opened ??= await openDatabase(databaseUrl));
  const ctx: Context = {
    databasePath,
    sqliteFile,
    baseUrl,
    ...mail,
    groupTemplatesDir,
    groupOption,
    host,
    db: async () => {
      const db = await host();
      // A host admin reads no group's data: without --group it joins the first group.
      const hostAdmin = name === 'user' && groupOption === undefined && args.some((a) => a === 'host_admin' || a === '--role=host_admin');
      return { db, groupId: await enterGroup(db, groupOption, hostAdmin) };
    },
  };
  try {
    // The host's scope until the command names its group (ctx.db()).
    process.stdout.write(`${await inHostScope(() => command(ctx, args))}\n`);
    return ctx.exitCode ?? 0;
  } catch (error) {
    if (
      error instanceof DomainError ||
      error instanceof UsageError ||
      error instanceof PasswordsDiffer ||
      error instanceof TemplateOverrideError
    ) {
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
