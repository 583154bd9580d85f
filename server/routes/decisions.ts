// The decision register, a decision's history and progress notes, and what each person owes
// (as JSON and as a calendar feed).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { NotFound } from '../domain/errors.ts';
import { registerCsv, calendarOf } from '../exports/register-wording.ts';
import { attachment } from '../http/content-disposition.ts';
import { calendarTokenValid, rotateCalendarToken } from '../repositories/calendar-tokens.ts';
import { addNote, decisionDetail, listDecisions, personActions } from '../repositories/decision-register.ts';
import { getGroup } from '../repositories/group.ts';
import { personRow } from '../repositories/people.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { Actions, DecisionDetail, NewNoteBody, RegisterEntry, RegisterQuery } from '../schemas/decisions.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  app.get(
    '/api/decisions',
    { schema: { querystring: RegisterQuery, response: { 200: Type.Array(RegisterEntry), ...errorResponses } } },
    (req) => listDecisions(db, groupId, req.query),
  );

  app.get('/api/decisions.csv', { schema: { querystring: RegisterQuery } }, async (req, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachment('Lēmumu_reģistrs.csv'))
      .send(registerCsv(await listDecisions(db, groupId, req.query))),
  );

  app.get('/api/decisions/:id', { schema: { params: IdParams, response: { 200: DecisionDetail, ...errorResponses } } }, (req) =>
    decisionDetail(db, groupId, req.params.id),
  );

  app.post(
    '/api/decisions/:id/notes',
    { schema: { params: IdParams, body: NewNoteBody, response: { 201: DecisionDetail, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addNote(db, groupId, req.params.id, req.body)),
  );

  app.get('/api/people/:id/actions', { schema: { params: IdParams, response: { 200: Actions, ...errorResponses } } }, async (req) => {
    await personRow(db, groupId, req.params.id);
    return personActions(db, groupId, req.params.id);
  });

  app.post(
    '/api/people/:id/calendar-token',
    { schema: { params: IdParams, response: { 201: Type.Object({ url: Type.String() }), ...errorResponses } } },
    async (req, reply) => {
      const token = await rotateCalendarToken(db, groupId, req.params.id);
      return reply.code(201).send({ url: `${req.protocol}://${req.host}/api/people/${req.params.id}/actions.ics?token=${token}` });
    },
  );

  // Calendar apps subscribe without logging in: the secret token in the URL is the credential.
  app.get(
    '/api/people/:id/actions.ics',
    { schema: { params: IdParams, querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (req, reply) => {
      if (!(await calendarTokenValid(db, groupId, req.params.id, req.query.token)))
        throw new NotFound('Kalendāra saite nav derīga vai ir nomainīta.');
      const [actions, group] = await Promise.all([personActions(db, groupId, req.params.id), getGroup(db, groupId)]);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(calendarOf(actions.open, group.name, req.hostname));
    },
  );
};

export default routes;
