// Sittings and the parts added to them: attendance, agenda items, decisions, reviews.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { addAgendaItem } from '../repositories/agenda-items.ts';
import { addAttendee } from '../repositories/attendance.ts';
import { addDecision, renumberDecisions } from '../repositories/decisions.ts';
import { addReview } from '../repositories/reviews.ts';
import { deleteSitting, listSittings, loadSitting, openSitting, updateSitting } from '../repositories/sittings.ts';
import { deletedResponses, errorResponses, IdParams, Version, VersionQuery } from '../schemas/common.ts';
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
  SittingSummary,
} from '../schemas/sittings.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/sittings', { schema: { response: { 200: Type.Array(SittingSummary) } } }, () => listSittings(app.db, app.groupId));

  app.post('/api/sittings', { schema: { body: NewSittingBody, response: { 201: SittingDetail, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await openSitting(app.db, app.groupId, req.body)),
  );

  app.get('/api/sittings/:id', { schema: { params: IdParams, response: { 200: SittingDetail, ...errorResponses } } }, (req) =>
    loadSitting(app.db, app.groupId, req.params.id),
  );

  app.patch(
    '/api/sittings/:id',
    { schema: { params: IdParams, body: SittingPatchBody, response: { 200: SittingDetail, ...errorResponses } } },
    (req) => updateSitting(app.db, app.groupId, req.params.id, req.body),
  );

  app.delete(
    '/api/sittings/:id',
    { schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } },
    async (req, reply) => {
      await deleteSitting(app.db, app.groupId, req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/sittings/:id/attendance',
    { schema: { params: IdParams, body: NewAttendeeBody, response: { 201: Attendee, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addAttendee(app.db, app.groupId, req.params.id, req.body)),
  );

  app.post(
    '/api/sittings/:id/agenda-items',
    { schema: { params: IdParams, body: NewAgendaItemBody, response: { 201: AgendaItem, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addAgendaItem(app.db, app.groupId, req.params.id, req.body)),
  );

  app.post(
    '/api/sittings/:id/decisions',
    { schema: { params: IdParams, body: NewDecisionBody, response: { 201: Decision, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addDecision(app.db, app.groupId, req.params.id, req.body)),
  );

  app.post(
    '/api/sittings/:id/decisions/renumber',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 200: Type.Array(Decision), ...errorResponses },
      },
    },
    (req) => renumberDecisions(app.db, app.groupId, req.params.id, req.body.version),
  );

  app.post(
    '/api/sittings/:id/reviews',
    { schema: { params: IdParams, body: NewReviewBody, response: { 201: Review, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addReview(app.db, app.groupId, req.params.id, req.body)),
  );
};

export default routes;
