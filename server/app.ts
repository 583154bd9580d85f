// The protokols application as a Fastify plugin tree, built from options (no globals), so
// tests can build it over an in-memory database and call it with inject().
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TrustProxy } from './config.ts';
import type { Db } from './db/database.ts';
import { PasswordHasher } from './domain/passwords.ts';
import { withRequestLogSerializers } from './http/request-log.ts';
import auth from './plugins/auth.ts';
import database from './plugins/database.ts';
import errors, { schemaErrorFormatter } from './plugins/errors.ts';
import accountRoutes from './routes/accounts.ts';
import decisionRoutes from './routes/decisions.ts';
import groupRoutes from './routes/group.ts';
import interchangeRoutes from './routes/interchange.ts';
import minutesRoutes from './routes/minutes.ts';
import peopleRoutes from './routes/people.ts';
import sittingPartRoutes from './routes/sitting-parts.ts';
import sittingRoutes from './routes/sittings.ts';
import { refuseUncheckedStrings, textSafetyKeyword } from './validation/text-keyword.ts';

export const WEB_ROOT = fileURLToPath(new URL('../web', import.meta.url));
/**
 * What the static root serves: the built front end (the page, its bundle, styles and icon), never
 * the sources, configuration or notes that sit beside it in web/.
 */
export const FRONT_END_FILES: ReadonlySet<string> = new Set(['/', '/index.html', '/styles.css', '/favicon.svg', '/dist/app.js']);

declare module 'fastify' {
  interface FastifyInstance {
    /** The one password hasher: every login, new account and password change goes through it. */
    passwords: PasswordHasher;
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
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRequestLogSerializers(logger),
    trustProxy: typeof trustProxy === 'number' ? trustHops(trustProxy) : trustProxy,
    bodyLimit: 1024 * 1024,
    schemaErrorFormatter,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false }, plugins: [textSafetyKeyword] },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every string a route accepts passes the text check: a route that forgets it does not start.
  app.addHook('onRoute', refuseUncheckedStrings);
  await app.register(errors);
  app.decorate('passwords', passwordHasher);
  // Computed now, so the first unknown login takes as long as any other.
  passwordHasher.dummyHash().catch(() => undefined);
  await app.register(database, { db });
  await app.register(helmet, {
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
  await app.register(fastifyStatic, {
    root: path.resolve(WEB_ROOT),
    prefix: '/',
    allowedPath: (pathname) => FRONT_END_FILES.has(pathname),
  });
  await app.register(accountRoutes);
  await app.register(groupRoutes);
  await app.register(peopleRoutes);
  await app.register(interchangeRoutes);
  await app.register(sittingRoutes);
  await app.register(sittingPartRoutes);
  await app.register(minutesRoutes);
  await app.register(decisionRoutes);
  return app;
}
