// Configuration from the environment, validated once at start; defaults make `npm start`
// work on a fresh clone.
export interface Config {
  port: number;
  host: string;
  /** A SQLite file path (or sqlite:// URL); PostgreSQL URLs come later. */
  databaseUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL ?? 'data/protokols.db';
  if (/^postgres(ql)?:/.test(databaseUrl)) throw new Error('DATABASE_URL: PostgreSQL is not supported yet; give a SQLite file path');
  return { port, host: env.HOST ?? '127.0.0.1', databaseUrl };
}
