// Logging in and out, who is logged in, the accounts an admin manages, and the audit trail.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { InvalidInput, TooManyRequests } from '../domain/errors.ts';
import { throttledMessage } from '../domain/login-throttle.ts';
import { permissionsOf } from '../domain/permissions.ts';
import { userRecord } from '../repositories/audit-records.ts';
import { audited, auditedCreate } from '../http/audited.ts';
import { currentUser, SESSION_COOKIE } from '../plugins/auth.ts';
import { listAudit } from '../repositories/audit.ts';
import { logIn, logOut, SESSION_IDLE_MINUTES } from '../repositories/sessions.ts';
import { createUser, hashNewPassword, listUsers, updateUser, userRow } from '../repositories/users.ts';
import { AUDIT_PAGE_DEFAULT, AuditEntry, AuditQuery } from '../schemas/audit.ts';
import { Me, Role, User } from '../schemas/accounts.ts';
import { errorResponses, Id, IdParams, NameText, PlainText, Version } from '../schemas/common.ts';

const Password = PlainText({ minLength: 1, maxLength: 1000 });

const LOGIN_FAILED = 'Nepareizs lietotājvārds vai parole.';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId, passwords } = app;
  const USER = userRecord(groupId);

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        body: Type.Object({ login: NameText({ minLength: 1, maxLength: 100 }), password: Password }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      // req.ip is the client's address, behind a reverse proxy too when TRUST_PROXY names it.
      const result = await logIn(db, passwords, { login: req.body.login, password: req.body.password, address: req.ip });
      if (!result.ok) {
        if (result.reason === 'throttled') throw new TooManyRequests(throttledMessage(result.retryAfterSeconds), result.retryAfterSeconds);
        throw new InvalidInput('login', LOGIN_FAILED);
      }
      void reply.setCookie(SESSION_COOKIE, result.secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        maxAge: SESSION_IDLE_MINUTES * 60,
      });
      return reply.code(204).send();
    },
  );

  app.delete('/api/session', { config: { access: 'authenticated' } }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret !== undefined) await logOut(db, secret);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
  });

  app.get('/api/me', { config: { access: 'authenticated' }, schema: { response: { 200: Me } } }, (req) => {
    const user = currentUser(req);
    return {
      userId: user.userId,
      login: user.login,
      role: user.role,
      personId: user.personId,
      csrfToken: user.csrfToken,
      permissions: permissionsOf(user.role),
    };
  });

  app.post(
    '/api/me/password',
    {
      config: { access: 'authenticated' },
      schema: { body: Type.Object({ current: Password, password: Password }, { additionalProperties: false }) },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const row = await userRow(db, groupId, user.userId);
      if (!(await passwords.verify(req.body.current, row.password_hash)))
        throw new InvalidInput('current', 'pašreizējā parole nav pareiza.');
      const password = await hashNewPassword(passwords, req.body.password);
      await audited(app, req, { ...USER, action: 'change_password', recordId: user.userId }, async (trx) => {
        await updateUser(trx, groupId, user.userId, { version: row.version, password }, passwords);
        return null;
      });
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
    },
  );

  const manage = { access: 'users:manage' } as const;

  app.get('/api/users', { config: manage, schema: { response: { 200: Type.Array(User) } } }, () => listUsers(db, groupId));

  app.post(
    '/api/users',
    {
      config: manage,
      schema: {
        body: Type.Object(
          {
            login: NameText({ minLength: 2, maxLength: 100 }),
            password: Password,
            role: Role,
            personId: Type.Optional(Type.Union([Id, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...errorResponses },
      },
    },
    async (req, reply) => {
      const password = await hashNewPassword(passwords, req.body.password);
      return reply
        .code(201)
        .send(await auditedCreate(app, req, USER, (trx) => createUser(trx, groupId, { ...req.body, password }, passwords)));
    },
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
            role: Type.Optional(Role),
            active: Type.Optional(Type.Boolean()),
            personId: Type.Optional(Type.Union([Id, Type.Null()])),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: { 200: User, ...errorResponses },
      },
    },
    async (req) => {
      const { password, ...rest } = req.body;
      const patch = { ...rest, ...(password === undefined ? {} : { password: await hashNewPassword(passwords, password) }) };
      return audited(app, req, { ...USER, action: 'update', recordId: req.params.id }, (trx) =>
        updateUser(trx, groupId, req.params.id, patch, passwords),
      );
    },
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: { querystring: AuditQuery, response: { 200: Type.Array(AuditEntry), ...errorResponses } },
    },
    async (req, reply) => {
      const { entries, more } = await listAudit(db, groupId, { ...req.query, limit: req.query.limit ?? AUDIT_PAGE_DEFAULT });
      const last = entries.at(-1);
      if (more && last !== undefined) {
        const next = new URLSearchParams(Object.entries({ ...req.query, after: last.id }).map(([k, v]) => [k, String(v)]));
        void reply.header('link', `</api/audit?${next.toString()}>; rel="next"`);
      }
      return entries;
    },
  );
};

export default routes;
