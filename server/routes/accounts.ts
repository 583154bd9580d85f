// Logging in and out, who is logged in, the accounts an admin manages, and the audit trail.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError, InvalidInput } from '../domain/errors.ts';
import { AddressThrottle } from '../domain/login-throttle.ts';
import { verifyPassword } from '../domain/passwords.ts';
import { permissionsOf } from '../domain/permissions.ts';
import { audited, auditedCreate } from '../http/audited.ts';
import { currentUser, SESSION_COOKIE } from '../plugins/auth.ts';
import { listAudit } from '../repositories/audit.ts';
import { logIn, logOut, SESSION_IDLE_MINUTES } from '../repositories/sessions.ts';
import { createUser, listUsers, toUser, updateUser, userRow } from '../repositories/users.ts';
import { errorResponses, Id, IdParams, NameText, PlainText, Version } from '../schemas/common.ts';

class TooManyAttempts extends DomainError {
  readonly statusCode = 429 as const;
}

const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('secretary'),
  Type.Literal('chair'),
  Type.Literal('member'),
  Type.Literal('guest'),
]);
const User = Type.Object({
  id: Id,
  login: Type.String(),
  role: Role,
  personId: Type.Union([Id, Type.Null()]),
  active: Type.Boolean(),
  version: Version,
});
const Me = Type.Object({
  userId: Id,
  login: Type.String(),
  role: Role,
  personId: Type.Union([Id, Type.Null()]),
  csrfToken: Type.String(),
  permissions: Type.Array(Type.String(), { description: 'What this role may do, so the front end offers only that' }),
});
const Password = PlainText({ minLength: 1, maxLength: 1000 });

const LOGIN_FAILED = 'Nepareizs lietotājvārds vai parole.';
const LOCKED = 'Pārāk daudz neveiksmīgu mēģinājumu. Konts uz laiku bloķēts; mēģiniet vēlreiz pēc 15 minūtēm.';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;
  const addresses = new AddressThrottle();
  // Unknown logins lock like real ones, so a lockout does not tell that a login exists.
  const unknownLogins = new AddressThrottle(5);

  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        body: Type.Object({ login: NameText({ minLength: 1, maxLength: 100 }), password: Password }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      if (addresses.blocked(req.ip))
        throw new TooManyAttempts('Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu no šīs adreses; mēģiniet vēlreiz vēlāk.');
      const login = req.body.login.trim().toLowerCase();
      if (unknownLogins.blocked(login)) throw new TooManyAttempts(LOCKED);
      const result = await logIn(db, login, req.body.password);
      if (!result.ok) {
        addresses.fail(req.ip);
        const exists = (await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst()) !== undefined;
        if (!exists) unknownLogins.fail(login);
        if (result.reason === 'locked' || (!exists && unknownLogins.blocked(login))) throw new TooManyAttempts(LOCKED);
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
      if (!(await verifyPassword(req.body.current, row.password_hash))) throw new InvalidInput('current', 'pašreizējā parole nav pareiza.');
      await audited(app, req, { action: 'change_password', recordType: 'user', recordId: user.userId }, async (trx) => {
        await updateUser(trx, groupId, user.userId, { version: row.version, password: req.body.password });
        return null;
      });
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
    },
  );

  const manage = { access: 'users:manage' } as const;
  const userById = (id: number) => async (trx: Parameters<typeof userRow>[0]) => toUser(await userRow(trx, groupId, id));

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
    async (req, reply) => reply.code(201).send(await auditedCreate(app, req, 'user', (trx) => createUser(trx, groupId, req.body))),
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
    (req) =>
      audited(app, req, { action: 'update', recordType: 'user', recordId: req.params.id, load: userById(req.params.id) }, (trx) =>
        updateUser(trx, groupId, req.params.id, req.body),
      ),
  );

  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        querystring: Type.Object(
          {
            recordType: Type.Optional(PlainText({ maxLength: 40 })),
            recordId: Type.Optional(Id),
            userId: Type.Optional(Id),
            from: Type.Optional(PlainText({ maxLength: 40 })),
            to: Type.Optional(PlainText({ maxLength: 40 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) => listAudit(db, groupId, req.query),
  );
};

export default routes;
