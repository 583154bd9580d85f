// At start, while no active admin exists: one JSON log line with the link that creates the first
// admin in a browser, so a fresh installation needs no shell on the server.
import type { FastifyInstance } from 'fastify';
import { ensureGroup } from './repositories/group.ts';
import { setupLinkOf } from './domain/setup-token.ts';
import { issueSetupToken } from './services/first-admin.ts';

export interface SetupLinkOptions {
  /** PUBLIC_URL without its trailing slash, or null to use the listening address. */
  publicUrl: string | null;
  /** The HOST the server listens on. */
  host: string;
  now?: Date;
}

/** The base URL people reach this server at: PUBLIC_URL, else http://HOST:PORT of the listening server. */
export function baseUrl(app: FastifyInstance, { publicUrl, host }: SetupLinkOptions): string {
  if (publicUrl !== null) return publicUrl;
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Call once the server listens. Logs the setup link of the host's first group and returns it; null
 * when that group has an admin (later groups get theirs from `protokols group add`).
 */
export async function announceFirstAdminSetup(app: FastifyInstance, options: SetupLinkOptions): Promise<string | null> {
  const token = await issueSetupToken(app.db, (await ensureGroup(app.db)).id, options.now);
  if (token === null) return null;
  const setupUrl = setupLinkOf(baseUrl(app, options), token);
  // At warn, so that it shows under LOG_LEVEL=warn too: without it nobody can log in.
  app.log.warn({ setupUrl }, 'first-admin setup');
  return setupUrl;
}
