// The protokols application as a Fastify plugin tree, built from options (no globals), so
// tests can build it over an in-memory database and call it with inject().
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TrustProxy } from './config.ts';
import type { Db } from './db/database.ts';
import { PasswordHasher } from './domain/passwords.ts';
import './http/base-url.ts';
import { lazySchemas } from './http/lazy-schemas.ts';
import { securityHeaders } from './http/security-headers.ts';
import { largeBodiesAsBytes } from './http/body-bytes.ts';
import { BROTLI_OPTIONS, ENCODINGS, THRESHOLD } from './http/compression.ts';
import { withRequestLogSerializers } from './http/request-log.ts';
import { closeDocxPool } from './minutes/docx-pool.ts';
import { FRONT_END_DIR, HASHED_ASSET } from './paths.ts';
import auth from './plugins/auth.ts';
import database from './plugins/database.ts';
import errors, { schemaErrorFormatter } from './plugins/errors.ts';
import openapi from './plugins/openapi.ts';
import accountRoutes from './routes/accounts.ts';
import decisionRoutes from './routes/decisions.ts';
import groupRoutes from './routes/group.ts';
import healthRoutes from './routes/health.ts';
import interchangeRoutes from './routes/interchange.ts';
import liveRoutes from './routes/live.ts';
import mailRoutes from './routes/mail.ts';
import minutesRoutes from './routes/minutes.ts';
import peopleRoutes from './routes/people.ts';
import planRoutes from './routes/plans.ts';
import sittingPartRoutes from './routes/sitting-parts.ts';
import sittingRoutes from './routes/sittings.ts';
import wordImportRoutes from './routes/word-import.ts';
import { ReadCache } from './services/read-cache.ts';
import { checkTemplatesOfHost } from './services/wording.ts';
import { TemplateOverrideError } from './wording/overrides.ts';
import { useGroupTemplates } from './wording/group-templates.ts';
import { refuseUncheckedStrings, textSafetyKeyword } from './validation/text-keyword.ts';

/**
 * What the static root serves: the built front end (the page, its content-hashed bundle and styles,
 * the icon), nothing else that a build or a person may have left in dist/web/.
 */
export const FRONT_END_FILES: ReadonlySet<string> = new Set(['/', '/index.html', '/favicon.svg']);
const isFrontEndFile = (pathname: string) => FRONT_END_FILES.has(pathname) || HASHED_ASSET.test(pathname);

/**
 * A hashed file never changes under its name, so it is kept for a year without asking again; the page
 * and the icon are asked again each time (a cheap 304), so a new build reaches every browser at once.
 * The files are sent precompressed when the browser takes it, hence Vary.
 */
function frontEndHeaders(res: SetHeadersResponse, file: string): void {
  const name = `/${path.basename(file).replace(/\.(?:br|gz)$/u, '')}`;
  res.setHeader('cache-control', HASHED_ASSET.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('vary', 'accept-encoding');
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The one password hasher: every login, new account and password change goes through it. */
    passwords: PasswordHasher;
    /** Compiles now every route schema not used yet (they compile at first use); returns how many. */
    compileSchemas: () => number;
    /** The hot reads' views, kept until the group's data version changes (off with READ_CACHE=off). */
    reads: ReadCache;
  }
}

export interface AppOptions {
  db: Db;
  /** Pino options (level, stream); requests are always logged by method, path and status only. */
  logger?: FastifyServerOptions['logger'];
  /** Production cost unless given; tests pass a cheap one. */
  passwordHasher?: PasswordHasher;
  /** Which proxies' X-Forwarded-* headers to believe (config TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** The read cache and ETags (config READ_CACHE); on unless false. */
  readCache?: boolean;
  /** The base of absolute links (config PUBLIC_URL, see http/base-url.ts); from each request unless given. */
  publicUrl?: string | null;
  /** The SQLite file behind `db`, whose disappearance GET /health reports; none for an in-memory database. */
  databaseFile?: string | null;
  /** The sender of the mails the app writes (config MAIL_FROM). */
  mailFrom?: string;
  /** The groups' own wording (config GROUP_TEMPLATES_DIR), checked at start; none: every group words as templates/. */
  groupTemplatesDir?: string | null;
}

/**
 * Every group's override folder is loaded now, so a broken file stops the start naming the file and
 * key, rather than failing a download later; a stray folder or file is only logged.
 */
async function refuseBrokenTemplates(app: FastifyInstance, db: Db, dir: string): Promise<void> {
  const { errors, warnings } = await checkTemplatesOfHost(db, dir);
  for (const warning of warnings) app.log.warn(warning);
  if (errors.length > 0) throw new TemplateOverrideError(`grupu veidnes nav lietojamas:\n${errors.join('\n')}`);
}

/**
 * A hop count means "the nearest `hops` peers are our proxies" (as in Express). Fastify now treats a
 * bare number as trusting nobody, so it is spelled out as a function.
 */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp({
  db,
  logger = false,
  passwordHasher = new PasswordHasher(),
  trustProxy = false,
  readCache = true,
  publicUrl = null,
  databaseFile = null,
  mailFrom = 'protokols@localhost',
  groupTemplatesDir = null,
}: AppOptions): Promise<FastifyInstance> {
  useGroupTemplates(groupTemplatesDir);
  // Schemas compile at each route's first request: compiling them all made most of the start time.
  const schemas = lazySchemas();
  const app = Fastify({
    logger: withRequestLogSerializers(logger),
    trustProxy: typeof trustProxy === 'number' ? trustHops(trustProxy) : trustProxy,
    bodyLimit: 1024 * 1024,
    schemaErrorFormatter,
    schemaController: schemas.schemaController,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false }, plugins: [textSafetyKeyword] },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every string a route accepts passes the text check: a route that forgets it does not start.
  app.addHook('onRoute', refuseUncheckedStrings);
  await app.register(errors);
  app.decorate('passwords', passwordHasher);
  app.decorate('compileSchemas', schemas.compileAll);
  app.decorate('reads', new ReadCache({ enabled: readCache }));
  app.decorate('publicUrl', publicUrl);
  app.decorate('mailFrom', mailFrom);
  await app.register(database, { db });
  if (groupTemplatesDir !== null) await refuseBrokenTemplates(app, db, groupTemplatesDir);
  // The DOCX threads (started by the first download) must not outlive the app, nor hold up its exit.
  app.addHook('onClose', closeDocxPool);
  securityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(auth);
  // Before every route it describes: it collects them as they are added.
  await app.register(openapi);
  // Before the static root, so its hook sees the files too; those come precompressed by the build
  // (brotli at its best quality) and pass through untouched. JSON and HTML of the API are compressed
  // here, with the settings of http/compression.ts (brotli at quality 4), except a cached read's bytes,
  // which http/fresh.ts compresses once. DOCX, PDF and other zip-based files are not compressible
  // types and go out as they are. Request bodies are not inflated: no client sends them compressed.
  await app.register(compress, {
    global: true,
    encodings: [...ENCODINGS],
    brotliOptions: BROTLI_OPTIONS,
    threshold: THRESHOLD,
    globalDecompression: false,
  });
  largeBodiesAsBytes(app);
  await app.register(fastifyStatic, {
    root: FRONT_END_DIR,
    prefix: '/',
    allowedPath: isFrontEndFile,
    preCompressed: true,
    cacheControl: false,
    setHeaders: frontEndHeaders,
  });
  await app.register(healthRoutes, { databaseFile });
  await app.register(accountRoutes);
  await app.register(groupRoutes);
  await app.register(peopleRoutes);
  await app.register(interchangeRoutes);
  await app.register(wordImportRoutes);
  await app.register(sittingRoutes);
  await app.register(sittingPartRoutes);
  await app.register(minutesRoutes);
  await app.register(decisionRoutes);
  await app.register(liveRoutes);
  await app.register(mailRoutes);
  await app.register(planRoutes);
  return app;
}
