// Configuration from the environment, validated once at start; defaults make `npm start`
// work on a fresh clone.
import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { sqliteFileOf } from './db/open.ts';

/** Fastify's `trustProxy`: believe any proxy, this many hops, or these addresses/networks. */
export type TrustProxy = boolean | number | string[];

export interface Config {
  port: number;
  host: string;
  /** A SQLite file path (or sqlite:// URL), or a postgres:// URL for PostgreSQL. */
  databaseUrl: string;
  trustProxy: TrustProxy;
  /** READ_CACHE: `on` (the default) keeps the hot reads' views and sends ETags; `off` computes each afresh. */
  readCache: boolean;
  /** PUBLIC_URL: the base URL people reach the app at (behind a proxy), for links in feeds, mails and the setup line. */
  publicUrl: string | null;
  /** LOG_LEVEL: pino's threshold for the JSON log on stdout. */
  logLevel: LogLevel;
  /** SMTP_URL: where mail is sent (holds the password: never logged); null sends nothing. */
  smtpUrl: string | null;
  /** MAIL_FROM: the sender of every mail; protokols@ the PUBLIC_URL's host (or localhost) unless set. */
  mailFrom: string;
  /** MAIL_POLL_SECONDS: how often the mail timer delivers what is due and checks the day's reminders. */
  mailPollSeconds: number;
  /** MAIL_LEASE_SECONDS: how long an instance holds a message it sends before another may take it. */
  mailLeaseSeconds: number;
  /**
   * GROUP_TEMPLATES_DIR: the folder of the groups' own wording, one subfolder per group slug (README);
   * by default group-templates/ beside the SQLite file, none on PostgreSQL or in memory.
   */
  groupTemplatesDir: string | null;
}

/** pino's levels, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL ?? 'data/protokols.db';
  const publicUrl = parsePublicUrl(env.PUBLIC_URL);
  return {
    port,
    host: parseHost(env.HOST),
    databaseUrl,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    readCache: parseReadCache(env.READ_CACHE),
    publicUrl,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    mailFrom: parseMailFrom(env.MAIL_FROM, publicUrl),
    mailPollSeconds: parseSeconds('MAIL_POLL_SECONDS', env.MAIL_POLL_SECONDS, 30),
    mailLeaseSeconds: parseSeconds('MAIL_LEASE_SECONDS', env.MAIL_LEASE_SECONDS, 300),
    groupTemplatesDir: parseGroupTemplatesDir(env.GROUP_TEMPLATES_DIR, databaseUrl),
  };
}

/**
 * A folder that exists, when given; else group-templates/ beside the SQLite file (which need not
 * exist: then every group words as the project), or none on PostgreSQL or an in-memory database.
 */
export function parseGroupTemplatesDir(value: string | undefined, databaseUrl: string): string | null {
  const text = (value ?? '').trim();
  if (text === '') {
    const file = sqliteFileOf(databaseUrl);
    return file === null || file === ':memory:' ? null : path.resolve(path.dirname(file), 'group-templates');
  }
  const dir = path.resolve(text);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new Error(`GROUP_TEMPLATES_DIR must be an existing folder (one subfolder per group slug), got "${value}"`);
  return dir;
}

/**
 * `smtp://[user:pass@]host[:port]` (STARTTLS when offered) or `smtps://…` (TLS from the start). A
 * wrong value is named without echoing it: it may hold a password.
 */
export function parseSmtpUrl(value: string | undefined): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '')
    throw new Error(
      'SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…; the value given is not (not shown: it may hold a password)',
    );
  return text;
}

/** `protokols@cesis.lv` or `Sadarbības grupa <protokols@cesis.lv>`. */
export function parseMailFrom(value: string | undefined, publicUrl: string | null): string {
  const text = (value ?? '').trim();
  if (text === '') return `protokols@${publicUrl === null ? 'localhost' : new URL(publicUrl).hostname}`;
  const address = /<([^>]+)>\s*$/u.exec(text)?.[1] ?? text;
  if (!/^[^\s@<>]+@[^\s@<>]+$/u.test(address))
    throw new Error(`MAIL_FROM must be an e-mail address such as protokols@cesis.lv, got "${value}"`);
  return text;
}

function parseSeconds(name: string, value: string | undefined, fallback: number): number {
  const text = (value ?? '').trim();
  if (text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400)
    throw new Error(`${name} must be a number of seconds between 0 and 86400, got "${value}"`);
  return n;
}

/** An IPv4/IPv6 address (`0.0.0.0`, `::`) or a host name such as `localhost`; 127.0.0.1 unless set. */
export function parseHost(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return '127.0.0.1';
  // [::1] as in a URL is taken for ::1.
  const bare = /^\[(.*)\]$/u.exec(text)?.[1] ?? text;
  if (isIP(bare) !== 0) return bare;
  const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/u;
  if (bare.length <= 253 && bare.split('.').every((part) => label.test(part)) && !/^[\d.]+$/u.test(bare)) return bare;
  throw new Error(`HOST must be an IP address (e.g. 127.0.0.1, 0.0.0.0, ::) or a host name, got "${value}"`);
}

export function parseLogLevel(value: string | undefined): LogLevel {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '') return 'info';
  const level = LOG_LEVELS.find((l) => l === text);
  if (level === undefined) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${value}"`);
  return level;
}

export function parseReadCache(value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'on') return true;
  if (text === 'off') return false;
  throw new Error(`READ_CACHE must be on or off, got "${value}"`);
}

/** An http(s) URL without query or fragment, kept without its trailing slash so paths append to it. */
export function parsePublicUrl(value: string | undefined): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_URL must be an http(s) URL such as https://protokols.cesis.lv, got "${value}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '')
    throw new Error(`PUBLIC_URL must be an http(s) URL without query, fragment or credentials, got "${value}"`);
  return url.href.replace(/\/+$/u, '');
}

/** proxy-addr's names for whole ranges, accepted as Fastify accepts them. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrNetwork(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return isIP(prefix) === 4 && family === 4; // a netmask, 10.0.0.0/255.0.0.0
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: unset or `false` (the default: X-Forwarded-* headers are ignored), `true` (trust
 * every hop: only when nothing can reach the app but the proxy), a hop count such as `1`, or
 * comma-separated addresses and CIDR networks of the proxies.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 32) throw new Error(`TRUST_PROXY: a hop count must be between 1 and 32, got "${value}"`);
    return hops;
  }
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrNetwork(e));
  if (bad.length > 0)
    throw new Error(
      `TRUST_PROXY must be true, a hop count such as 1, or comma-separated proxy addresses/CIDR networks (e.g. 10.0.0.1,192.168.0.0/16); not understood: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  return entries;
}
