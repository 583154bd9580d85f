// Starts the server from the environment's configuration and stops it gracefully.
import './require-node.ts';
import { buildApp } from './app.ts';
import { readConfig, type Config } from './config.ts';
import { openDatabase } from './db/open.ts';
import { announceFirstAdminSetup } from './setup-link.ts';

let config: Config;
try {
  config = readConfig();
} catch (error) {
  // A wrong setting stops the start with its message, not a stack trace.
  console.error(`protokols: ${(error as Error).message}`);
  process.exit(1);
}
const db = await openDatabase(config.databaseUrl);
const app = await buildApp({
  db,
  trustProxy: config.trustProxy,
  readCache: config.readCache,
  // buildApp logs requests by method, path and status only (server/http/request-log.ts).
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});

const shutdown = async (signal: string) => {
  app.log.info(`${signal}: stopping`);
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
await announceFirstAdminSetup(app, config);
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
console.log(`protokols darbojas: http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`);
