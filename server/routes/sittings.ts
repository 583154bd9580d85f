// Sittings and the parts added to them: attendance, agenda items, decisions, reviews.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, readerOf, groupOf } from '../http/caller.ts';
import { sendFresh } from '../http/fresh.ts';
import { mailContextOf } from '../http/mail-context.ts';
import { addAgendaItem } from '../services/agenda-items.ts';
import { addAttendee } from '../services/attendance.ts';
import { addReview } from '../services/reviews.ts';
import { addDecision, renumberDecisions } from '../services/sitting-decisions.ts';
import { cachedSearch, cachedSitting } from '../services/read-cache.ts';
import { deleteSitting, openSitting, sittingsFor, updateSitting } from '../services/sittings.ts';
import { deletedResponses, errorResponses, IdParams, PlainText, Version, VersionQuery } from '../schemas/common.ts';
import {
  AgendaItem,
  Attendee,
  Decision,
  NewAgendaItemBody,
  NewAttendeeBody,
  NewDecisionBody,
  NewReviewBody,
  NewSittingBody,
  Review,
  SittingDetail,
  SittingPatchBody,
  SearchHit,
  SittingSummary,
} from '../schemas/sittings.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, reads } = app;
  const read = { access: 'sittings:read' } as const;
  const write = { access: 'sittings:write' } as const;

  app.get('/api/sittings', { config: read, schema: { response: { 200: Type.Array(SittingSummary) } } }, (req) =>
    sittingsFor(db, groupOf(req), readerOf(req)),
  );

  app.get(
    '/api/search',
    {
      config: read,
      schema: {
        querystring: Type.Object(
          { q: PlainText({ minLength: 2, maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(SearchHit), ...errorResponses },
      },
    },
    async (req, reply) => sendFresh(req, reply, await cachedSearch(reads, db, groupOf(req), readerOf(req), req.query.q, req.query.limit)),
  );

  app.post(
    '/api/sittings',
    { config: write, schema: { body: NewSittingBody, response: { 201: SittingDetail, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await openSitting(db, groupOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/sittings/:id',
    { config: read, schema: { params: IdParams, response: { 200: SittingDetail, ...errorResponses } } },
    async (req, reply) => sendFresh(req, reply, await cachedSitting(reads, db, groupOf(req), readerOf(req), req.params.id)),
  );

  app.patch(
    '/api/sittings/:id',
    { config: write, schema: { params: IdParams, body: SittingPatchBody, response: { 200: SittingDetail, ...errorResponses } } },
    (req) => updateSitting(db, groupOf(req), actorOf(req), req.params.id, req.body, mailContextOf(req)),
  );

  app.delete(
    '/api/sittings/:id',
    { config: write, schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } },
    async (req, reply) => {
      await deleteSitting(db, groupOf(req), actorOf(req), req.params.id, req.query.version, mailContextOf(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/sittings/:id/attendance',
    { config: write, schema: { params: IdParams, body: NewAttendeeBody, response: { 201: Attendee, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addAttendee(db, groupOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/sittings/:id/agenda-items',
    { config: write, schema: { params: IdParams, body: NewAgendaItemBody, response: { 201: AgendaItem, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addAgendaItem(db, groupOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/sittings/:id/decisions',
    { config: write, schema: { params: IdParams, body: NewDecisionBody, response: { 201: Decision, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addDecision(db, groupOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/sittings/:id/decisions/renumber',
    {
      config: write,
      schema: {
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 200: Type.Array(Decision), ...errorResponses },
      },
    },
    (req) => renumberDecisions(db, groupOf(req), actorOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/sittings/:id/reviews',
    { config: write, schema: { params: IdParams, body: NewReviewBody, response: { 201: Review, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addReview(db, groupOf(req), actorOf(req), req.params.id, req.body)),
  );
};

export default routes;
