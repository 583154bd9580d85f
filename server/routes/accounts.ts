// Logging in and out, who is logged in, the accounts an admin manages, and the audit trail.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, groupOf } from '../http/caller.ts';
import { linkNextPage } from '../http/pages.ts';
import { SESSION_IDLE_MINUTES } from '../domain/sessions.ts';
import { currentUser, SESSION_COOKIE } from '../plugins/auth.ts';
import { AuditEntry, AuditQuery } from '../schemas/audit.ts';
import { FirstAdminBody, HandedOverUser, Login, GroupRole, Me, Password, SetupParams, SetupScreen, User } from '../schemas/accounts.ts';
import { ErrorResponse, errorResponses, Id, IdParams, NameText, Version } from '../schemas/common.ts';
import {
  accounts,
  addUserWithOneTimePassword,
  auditTrail,
  changeOwnPassword,
  logIn,
  logOut,
  me,
  resetPassword,
  updateUser,
  type HandedOver,
} from '../services/accounts.ts';
import { createFirstAdmin, setupScreen } from '../services/first-admin.ts';

function setSessionCookie(req: FastifyRequest, reply: FastifyReply, secret: string): void {
  void reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: SESSION_IDLE_MINUTES * 60,
  });
}

const handedOver = ({ user, oneTimePassword }: HandedOver) => ({ ...user, oneTimePassword });

/** A change whose answer is the status alone (the session cookie set or cleared). */
const noContent = { 204: Type.Null({ description: 'Done' }), ...errorResponses };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, passwords } = app;

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        body: Type.Object({ login: NameText({ minLength: 1, maxLength: 100 }), password: Password }, { additionalProperties: false }),
        response: { ...noContent, 429: ErrorResponse },
      },
    },
    async (req, reply) => {
      // req.ip is the client's address, behind a reverse proxy too when TRUST_PROXY names it.
      const { secret } = await logIn(db, passwords, { login: req.body.login, password: req.body.password, address: req.ip });
      setSessionCookie(req, reply, secret);
      return reply.code(204).send(null);
    },
  );

  const beforePasswordChange = { access: 'authenticated', beforePasswordChange: true } as const;

  app.delete('/api/session', { config: beforePasswordChange, schema: { response: noContent } }, async (req, reply) => {
    await logOut(db, req.cookies[SESSION_COOKIE]);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
  });

  app.get('/api/me', { config: beforePasswordChange, schema: { response: { 200: Me } } }, (req) => me(currentUser(req)));

  app.post(
    '/api/me/password',
    {
      config: beforePasswordChange,
      schema: {
        body: Type.Object({ current: Password, password: Password }, { additionalProperties: false }),
        response: noContent,
      },
    },
    async (req, reply) => {
      await changeOwnPassword(db, groupOf(req), passwords, currentUser(req), req.body);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
    },
  );

  const manage = { access: 'users:manage' } as const;

  app.get('/api/users', { config: manage, schema: { response: { 200: Type.Array(User) } } }, (req) => accounts(db, groupOf(req)));

  app.post(
    '/api/users',
    {
      config: manage,
      schema: {
        body: Type.Object(
          {
            login: Login,
            password: Type.Optional(Password),
            role: GroupRole,
            personId: Type.Optional(Type.Union([Id, Type.Null()])),
          },
          { additionalProperties: false, description: 'Without a password the server makes a one-time one' },
        ),
        response: { 201: HandedOverUser, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(handedOver(await addUserWithOneTimePassword(db, groupOf(req), actorOf(req), passwords, req.body))),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: manage,
      schema: {
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 200: HandedOverUser, ...errorResponses },
      },
    },
    async (req) => handedOver(await resetPassword(db, groupOf(req), actorOf(req), passwords, req.params.id, req.body.version)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: manage,
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            role: Type.Optional(GroupRole),
            active: Type.Optional(Type.Boolean()),
            personId: Type.Optional(Type.Union([Id, Type.Null()])),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: { 200: User, ...errorResponses },
      },
    },
    (req) => updateUser(db, groupOf(req), actorOf(req), passwords, req.params.id, req.body),
  );

  // The first admin, through the link the server logs at start while there is none (public, but only
  // with a good link; wrong links are throttled like failed logins).
  const setup = { access: 'public' } as const;

  app.get(
    '/api/setup/:token',
    { config: setup, schema: { params: SetupParams, response: { 200: SetupScreen, ...errorResponses, 429: ErrorResponse } } },
    (req) => setupScreen(db, { token: req.params.token, address: req.ip }),
  );

  app.post(
    '/api/setup/:token',
    {
      config: setup,
      schema: { params: SetupParams, body: FirstAdminBody, response: { ...noContent, 429: ErrorResponse } },
    },
    async (req, reply) => {
      const { secret } = await createFirstAdmin(db, passwords, { token: req.params.token, address: req.ip }, req.body);
      setSessionCookie(req, reply, secret);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: { querystring: AuditQuery, response: { 200: Type.Array(AuditEntry), ...errorResponses } },
    },
    async (req, reply) => linkNextPage(reply, '/api/audit', req.query, await auditTrail(db, groupOf(req), req.query)),
  );
};

export default routes;
