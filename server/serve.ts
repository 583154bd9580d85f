// Starts the server from the environment's configuration (config.ts, the only place it is read) and
// stops it gracefully. Everything it logs is JSON through pino, on stdout.
import path from 'node:path';
import { buildApp } from './app.ts';
import { readConfig, type Config } from './config.ts';
import { openDatabase, sqliteFileOf } from './db/open.ts';
import { smtpMailer } from './services/mail/delivery.ts';
import { startMailWorker, type MailWorker } from './services/mail/worker.ts';
import { gracefulStop } from './shutdown.ts';
import { TemplateOverrideError } from './wording/overrides.ts';
import { announceFirstAdminSetup, baseUrl } from './setup-link.ts';

let config: Config;
try {
  config = readConfig();
} catch (error) {
  // A wrong setting stops the start with one line naming it, not a stack trace (there is no logger yet).
  console.error(`protokols: ${(error as Error).message}`);
  process.exit(1);
}
const databasePath = sqliteFileOf(config.databaseUrl);
const db = await openDatabase(config.databaseUrl);
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp({
    db,
    trustProxy: config.trustProxy,
    readCache: config.readCache,
    publicUrl: config.publicUrl,
    databaseFile: databasePath === null || databasePath === ':memory:' ? null : path.resolve(databasePath),
    mailFrom: config.mailFrom,
    // buildApp logs requests by method, path and status only (server/http/request-log.ts).
    logger: { level: config.logLevel },
    groupTemplatesDir: config.groupTemplatesDir,
  });
} catch (error) {
  // A group's broken override file stops the start with the file and key named, not a stack trace.
  if (!(error instanceof TemplateOverrideError)) throw error;
  console.error(`protokols: ${error.message}`);
  await db.destroy();
  process.exit(1);
}

let mail: MailWorker | null = null;
const stop = gracefulStop({
  log: app.log,
  close: async () => {
    await mail?.stop();
    await app.close();
    await db.destroy();
  },
  exit: (code) => process.exit(code),
});
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
await announceFirstAdminSetup(app, config);
// The mail timer: reminders and delivery of the outbox. Without SMTP_URL nothing is sent and the
// outbox says why; a failed pass is logged without the URL (it holds the password).
mail = startMailWorker({
  db,
  ctx: { baseUrl: baseUrl(app, config), from: config.mailFrom },
  // The SMTP timeouts stay within the lease, so no instance takes over a message still being sent.
  mailer: config.smtpUrl === null ? null : smtpMailer(config.smtpUrl, Math.min(60_000, (config.mailLeaseSeconds * 1000) / 2)),
  pollMs: config.mailPollSeconds * 1000,
  leaseMs: config.mailLeaseSeconds * 1000,
  onError: (error) => app.log.error({ err: { message: (error as Error).message?.replace(/\w+:\/\/\S*/gu, '…') } }, 'mail'),
});
if (config.smtpUrl === null) app.log.warn('SMTP_URL nav iestatīts: e-pasts netiek sūtīts');
// The address this process listens on, for whoever started it (npm start, the tests); links for
// users come from PUBLIC_URL.
app.log.info({ url: `${baseUrl(app, { publicUrl: null, host: config.host })}/` }, 'protokols darbojas');
