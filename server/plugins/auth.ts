// Who is asking, and may they: the session cookie names the user, each API route names the
// permission it needs (config.access), and cookie-authenticated writes must carry the
// session's CSRF token. An API route that names no permission stops the app at start.
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, Forbidden } from '../domain/errors.ts';
import { can, type Permission } from '../domain/permissions.ts';
import { sessionUser, type SessionUser } from '../services/accounts.ts';
import { scopeToGroup } from '../db/group-scope.ts';

export const SESSION_COOKIE = 'protokols_session';
export const CSRF_HEADER = 'x-csrf-token';

/** `public`: no login needed (login itself, the calendar feed with its token). */
export type Access = Permission | 'public' | 'authenticated';

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** Its request and response schemas as declared (the OpenAPI test checks the description carries them). */
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Open to a session still holding a one-time password (who am I, change it, log out). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** Every API route with the access it requires, as registered. */
    apiRoutes: ApiRoute[];
  }
}

export class Unauthorized extends DomainError {
  readonly statusCode = 401 as const;
}
// Services refuse with the same error; routes keep importing it from here.
export { Forbidden } from '../domain/errors.ts';

const MUST_CHANGE_PASSWORD = 'Vispirms nomainiet vienreizējo paroli pret savu: līdz tam citas darbības nav pieejamas.';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('user', null);

    // An API route that names no access is a mistake found at start, not a hole found later.
    const apiRoutes: ApiRoute[] = [];
    app.decorate('apiRoutes', apiRoutes);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      const access = (route.config as { access?: Access } | undefined)?.access;
      if (access === undefined) throw new Error(`${String(route.method)} ${route.url} names no access`);
      for (const method of [route.method].flat())
        if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access, schema: route.schema });
    });

    app.addHook('onRequest', async (request: FastifyRequest) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret !== undefined && secret !== '') request.user = (await sessionUser(app.db, secret)) ?? null;
      // On PostgreSQL, row-level security now shows this request only its group's rows (db/group-scope.ts);
      // a host admin works across groups, and reads none of their minutes by permission.
      if (request.user !== null && request.user.role !== 'host_admin') scopeToGroup(request.user.groupId);
    });

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const access = request.routeOptions.config.access;
      if (access === undefined || access === 'public') return;
      const user = request.user;
      if (user === null) {
        void reply.header('www-authenticate', 'Cookie');
        throw new Unauthorized('Lūdzu, piesakieties.');
      }
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== user.csrfToken) {
        throw new Forbidden('Pieprasījumam trūkst derīga CSRF marķiera; pārlādējiet lapu un mēģiniet vēlreiz.');
      }
      if (user.mustChangePassword && request.routeOptions.config.beforePasswordChange !== true)
        throw new Forbidden(MUST_CHANGE_PASSWORD, 'password');
      if (access !== 'authenticated' && !can(user.role, access)) throw new Forbidden('Jūsu lomai šī darbība nav atļauta.');
    });
  },
  { name: 'auth', dependencies: ['database'] },
);

/** The logged-in user of a route that requires one. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (request.user === null) throw new Unauthorized('Lūdzu, piesakieties.');
  return request.user;
}
