// The decision register, a decision's history and progress notes, and what each person owes
// (as JSON and as a calendar feed).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../domain/errors.ts';
import { can } from '../domain/permissions.ts';
import { calendarOf, registerCsv } from '../exports/register-wording.ts';
import { attachment } from '../http/content-disposition.ts';
import { audited } from '../http/audited.ts';
import { readerOf } from '../http/reader.ts';
import { auditConfidentialRead } from '../services/readers.ts';
import { actionFor, decisionDetailFor, registerEntryFor, revealsConfidential } from '../domain/reader-view.ts';
import { currentUser, Forbidden } from '../plugins/auth.ts';
import { newestNote } from '../repositories/audit-records.ts';
import { calendarTokenValid, rotateCalendarToken } from '../repositories/calendar-tokens.ts';
import { addNote, decisionDetail, listDecisions, personActions } from '../repositories/decision-register.ts';
import { getGroup } from '../repositories/group.ts';
import { personRow } from '../repositories/people.ts';
import { errorResponses, Id, IdParams, PlainText } from '../schemas/common.ts';
import { Actions, DecisionDetail, NewNoteBody, RegisterEntry, RegisterQuery } from '../schemas/decisions.ts';

const register = { access: 'register:read' } as const;
const CalendarLink = Type.Object({ url: Type.String() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  /** The person whose actions the request is about: one's own, or anyone's for those who may. */
  const actionsOf = async (req: FastifyRequest, personId: number | null): Promise<number> => {
    const user = currentUser(req);
    if (personId === null || (personId !== user.personId && !can(user.role, 'actions:any'))) {
      throw new Forbidden('Jūs varat redzēt tikai savus uzdevumus.');
    }
    await personRow(db, groupId, personId);
    return personId;
  };
  const calendarUrl = (req: FastifyRequest, personId: number, token: string) =>
    `${req.protocol}://${req.host}/api/people/${personId}/actions.ics?token=${token}`;

  /** The register as this reader sees it; a reading that shows confidential text is audited. */
  const registerFor = async (req: FastifyRequest, query: RegisterQuery) => {
    const reader = readerOf(req);
    const entries = (await listDecisions(db, groupId, query)).map((e) => registerEntryFor(reader.view, e));
    if (revealsConfidential(reader.view, entries)) await auditConfidentialRead(db, groupId, reader, 'register', null);
    return entries;
  };
  /** A person's actions as this reader sees them, audited likewise. */
  const actionsFor = async (req: FastifyRequest, personId: number) => {
    const reader = readerOf(req);
    const actions = await personActions(db, groupId, personId);
    const shown = {
      open: actions.open.map((a) => actionFor(reader.view, a)),
      recentlyFinished: actions.recentlyFinished.map((a) => actionFor(reader.view, a)),
    };
    if (revealsConfidential(reader.view, [...shown.open, ...shown.recentlyFinished]))
      await auditConfidentialRead(db, groupId, reader, 'actions', personId);
    return shown;
  };

  app.get(
    '/api/decisions',
    { config: register, schema: { querystring: RegisterQuery, response: { 200: Type.Array(RegisterEntry), ...errorResponses } } },
    (req) => registerFor(req, req.query),
  );

  app.get('/api/decisions.csv', { config: register, schema: { querystring: RegisterQuery } }, async (req, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment('Lēmumu_reģistrs.csv'))
      .send(registerCsv(await registerFor(req, req.query))),
  );

  app.get(
    '/api/decisions/:id',
    { config: register, schema: { params: IdParams, response: { 200: DecisionDetail, ...errorResponses } } },
    async (req) => {
      const reader = readerOf(req);
      const detail = decisionDetailFor(reader.view, await decisionDetail(db, groupId, req.params.id));
      if (revealsConfidential(reader.view, [detail])) await auditConfidentialRead(db, groupId, reader, 'decision', detail.id);
      return detail;
    },
  );

  app.post(
    '/api/decisions/:id/notes',
    {
      config: { access: 'notes:own' },
      schema: { params: IdParams, body: NewNoteBody, response: { 201: DecisionDetail, ...errorResponses } },
    },
    async (req, reply) => {
      const user = currentUser(req);
      if (!can(user.role, 'notes:any')) {
        const owns = await db
          .selectFrom('decision_owners')
          .select('id')
          .where('decision_id', '=', req.params.id)
          .where('person_id', '=', user.personId ?? -1)
          .executeTakeFirst();
        if (owns === undefined) throw new Forbidden('Piezīmes var pievienot tikai tiem lēmumiem, par kuru izpildi atbildat jūs.');
      }
      const detail = await audited(
        app,
        req,
        { action: 'note', recordType: 'decision', recordId: req.params.id, added: newestNote },
        (trx) => addNote(trx, groupId, req.params.id, req.body, user.personId),
      );
      return reply.code(201).send(detail);
    },
  );

  app.get(
    '/api/people/:id/actions',
    { config: { access: 'actions:own' }, schema: { params: IdParams, response: { 200: Actions, ...errorResponses } } },
    async (req) => actionsFor(req, await actionsOf(req, req.params.id)),
  );
  app.get(
    '/api/me/actions',
    { config: { access: 'actions:own' }, schema: { response: { 200: Actions, ...errorResponses } } },
    async (req) => actionsFor(req, await actionsOf(req, currentUser(req).personId)),
  );

  for (const path of ['/api/people/:id/calendar-token', '/api/me/calendar-token'] as const) {
    app.post(
      path,
      {
        config: { access: 'actions:own' },
        schema: {
          params: Type.Object({ id: Type.Optional(Id) }),
          response: { 201: CalendarLink, ...errorResponses },
        },
      },
      async (req, reply) => {
        const personId = await actionsOf(req, req.params.id ?? currentUser(req).personId);
        const token = await audited(app, req, { action: 'rotate_calendar_token', recordType: 'person', recordId: personId }, (trx) =>
          rotateCalendarToken(trx, groupId, personId),
        );
        return reply.code(201).send({ url: calendarUrl(req, personId, token) });
      },
    );
  }

  // Calendar apps subscribe without logging in: the secret token in the URL is the credential.
  app.get(
    '/api/people/:id/actions.ics',
    {
      config: { access: 'public' },
      schema: { params: IdParams, querystring: Type.Object({ token: PlainText({ minLength: 1, maxLength: 200 }) }) },
    },
    async (req, reply) => {
      if (!(await calendarTokenValid(db, groupId, req.params.id, req.query.token)))
        throw new NotFound('Kalendāra saite nav derīga vai ir nomainīta.');
      return sendCalendar(reply, req.params.id, req.hostname);
    },
  );
  app.get('/api/me/actions.ics', { config: { access: 'actions:own' } }, async (req, reply) =>
    sendCalendar(reply, await actionsOf(req, currentUser(req).personId), req.hostname),
  );

  // calendarOf shows every reader the public view: a feed ends up in outside calendar services.
  async function sendCalendar(reply: FastifyReply, personId: number, host: string) {
    const [actions, group] = await Promise.all([personActions(db, groupId, personId), getGroup(db, groupId)]);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(calendarOf(actions.open, group.name, host));
  }
};

export default routes;
