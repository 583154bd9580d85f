// Starts the server from the environment's configuration and stops it gracefully.
import './require-node.ts';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';

const config = readConfig();
const db = await openDatabase(config.databaseUrl);
const app = await buildApp({
  db,
  // Request logs carry method, path and status only: bodies hold personal data.
  logger: { level: process.env.LOG_LEVEL ?? 'info', serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0] }) } },
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
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
console.log(`protokols darbojas: http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`);
