// Starts the server from the environment's configuration (config.ts, the only place it is read) and
// stops it gracefully. Everything it logs is JSON through pino, on stdout.
import path from 'node:path';
import { buildApp } from './app.ts';
import { readConfig, type Config } from './config.ts';
import { openDatabase, sqliteFileOf } from './db/open.ts';
import { gracefulStop } from './shutdown.ts';
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
const app = await buildApp({
  db,
  trustProxy: config.trustProxy,
  readCache: config.readCache,
  publicUrl: config.publicUrl,
  databaseFile: databasePath === null || databasePath === ':memory:' ? null : path.resolve(databasePath),
  // buildApp logs requests by method, path and status only (server/http/request-log.ts).
  logger: { level: config.logLevel },
});

const stop = gracefulStop({
  log: app.log,
  close: async () => {
    await app.close();
    await db.destroy();
  },
  exit: (code) => process.exit(code),
});
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
await announceFirstAdminSetup(app, config);
// The address this process listens on, for whoever started it (npm start, the tests); links for
// users come from PUBLIC_URL.
app.log.info({ url: `${baseUrl(app, { publicUrl: null, host: config.host })}/` }, 'protokols darbojas');
