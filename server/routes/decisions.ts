// The decision register, a decision's history and progress notes, and what each person owes
// (as JSON and as a calendar feed): HTTP to services/register.ts and services/actions.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { readerOf, groupOf } from '../http/caller.ts';
import { baseUrlOf, hostNameOf } from '../http/base-url.ts';
import { attachment } from '../http/content-disposition.ts';
import { sendFresh } from '../http/fresh.ts';
import { linkNextPage } from '../http/pages.ts';
import { calendarByToken, ownCalendar, rotateCalendarLink } from '../services/actions.ts';
import { cachedActions, cachedRegister } from '../services/read-cache.ts';
import { addProgressNote, decisionFor, registerCsvFor } from '../services/register.ts';
import { errorResponses, Id, IdParams, PlainText } from '../schemas/common.ts';
import { Actions, DecisionDetail, NewNoteBody, RegisterEntry, RegisterQuery } from '../schemas/decisions.ts';

const register = { access: 'register:read' } as const;
const CalendarLink = Type.Object({ url: Type.String() });
const Csv = Type.String({ description: 'The register as CSV for Latvian Excel: UTF-8 with a BOM, `;` between fields' });
const ICalendar = Type.String({ description: "The person's unfinished decisions as an iCalendar feed (RFC 5545)" });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reads } = app;

  app.get(
    '/api/decisions',
    { config: register, schema: { querystring: RegisterQuery, response: { 200: Type.Array(RegisterEntry), ...errorResponses } } },
    async (req, reply) => {
      const fresh = await cachedRegister(reads, db, groupOf(req), readerOf(req), req.query);
      return sendFresh(req, reply, { ...fresh, body: linkNextPage(reply, '/api/decisions', req.query, fresh.body) });
    },
  );

  // A string reply with its own content type is sent as it is: the 200 schema only documents it.
  app.get(
    '/api/decisions.csv',
    { config: register, schema: { querystring: RegisterQuery, response: { 200: Csv, ...errorResponses }, produces: ['text/csv'] } },
    async (req, reply) => {
      const csv = await registerCsvFor(db, groupOf(req), readerOf(req), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment('Lēmumu_reģistrs.csv'))
        .send(csv);
    },
  );

  app.get(
    '/api/decisions/:id',
    { config: register, schema: { params: IdParams, response: { 200: DecisionDetail, ...errorResponses } } },
    (req) => decisionFor(db, groupOf(req), readerOf(req), req.params.id),
  );

  app.post(
    '/api/decisions/:id/notes',
    {
      config: { access: 'notes:own' },
      schema: { params: IdParams, body: NewNoteBody, response: { 201: DecisionDetail, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await addProgressNote(db, groupOf(req), readerOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/people/:id/actions',
    { config: { access: 'actions:own' }, schema: { params: IdParams, response: { 200: Actions, ...errorResponses } } },
    async (req, reply) => sendFresh(req, reply, await cachedActions(reads, db, groupOf(req), readerOf(req), req.params.id)),
  );
  app.get(
    '/api/me/actions',
    { config: { access: 'actions:own' }, schema: { response: { 200: Actions, ...errorResponses } } },
    async (req, reply) => {
      const reader = readerOf(req);
      return sendFresh(req, reply, await cachedActions(reads, db, groupOf(req), reader, reader.personId));
    },
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
        const reader = readerOf(req);
        const link = await rotateCalendarLink(db, groupOf(req), reader, req.params.id ?? reader.personId, baseUrlOf(req));
        return reply.code(201).send(link);
      },
    );
  }

  // Calendar apps subscribe without logging in: the secret token in the URL is the credential.
  app.get(
    '/api/people/:id/actions.ics',
    {
      config: { access: 'public' },
      schema: {
        params: IdParams,
        querystring: Type.Object({ token: PlainText({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ICalendar, ...errorResponses },
        produces: ['text/calendar'],
      },
    },
    async (req, reply) => calendarReply(reply, await calendarByToken(db, req.params.id, req.query.token, hostNameOf(req))),
  );
  app.get(
    '/api/me/actions.ics',
    { config: { access: 'actions:own' }, schema: { response: { 200: ICalendar, ...errorResponses }, produces: ['text/calendar'] } },
    async (req, reply) => calendarReply(reply, await ownCalendar(db, groupOf(req), readerOf(req), hostNameOf(req))),
  );
};

function calendarReply(reply: FastifyReply, feed: string) {
  return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'no-store').send(feed);
}

export default routes;
