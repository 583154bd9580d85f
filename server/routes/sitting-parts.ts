// Editing, moving and removing the parts of a sitting, each addressed by its own id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, groupOf } from '../http/caller.ts';
import { deleteAgendaItem, moveAgendaItem, updateAgendaItem } from '../services/agenda-items.ts';
import { removeAttendee, updateAttendee } from '../services/attendance.ts';
import { deleteReview, updateReview } from '../services/reviews.ts';
import { deleteDecision, moveDecision, updateDecision } from '../services/sitting-decisions.ts';
import { deletedResponses, errorResponses, IdParams, VersionQuery } from '../schemas/common.ts';
import {
  AgendaItem,
  AgendaItemPatchBody,
  Attendee,
  AttendeePatchBody,
  Decision,
  DecisionPatchBody,
  MoveBody,
  Review,
  ReviewPatchBody,
} from '../schemas/sittings.ts';

const write = { access: 'sittings:write' } as const;
const removal = { config: write, schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.patch(
    '/api/attendance/:id',
    { config: write, schema: { params: IdParams, body: AttendeePatchBody, response: { 200: Attendee, ...errorResponses } } },
    (req) => updateAttendee(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/attendance/:id', removal, async (req, reply) => {
    await removeAttendee(db, groupOf(req), actorOf(req), req.params.id, req.query.version);
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/agenda-items/:id',
    { config: write, schema: { params: IdParams, body: AgendaItemPatchBody, response: { 200: AgendaItem, ...errorResponses } } },
    (req) => updateAgendaItem(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/agenda-items/:id/move',
    { config: write, schema: { params: IdParams, body: MoveBody, response: { 200: AgendaItem, ...errorResponses } } },
    (req) => moveAgendaItem(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/agenda-items/:id', removal, async (req, reply) => {
    await deleteAgendaItem(db, groupOf(req), actorOf(req), req.params.id, req.query.version);
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/decisions/:id',
    { config: write, schema: { params: IdParams, body: DecisionPatchBody, response: { 200: Decision, ...errorResponses } } },
    (req) => updateDecision(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/decisions/:id/move',
    { config: write, schema: { params: IdParams, body: MoveBody, response: { 200: Decision, ...errorResponses } } },
    (req) => moveDecision(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/decisions/:id', removal, async (req, reply) => {
    await deleteDecision(db, groupOf(req), actorOf(req), req.params.id, req.query.version);
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/reviews/:id',
    { config: write, schema: { params: IdParams, body: ReviewPatchBody, response: { 200: Review, ...errorResponses } } },
    (req) => updateReview(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/reviews/:id', removal, async (req, reply) => {
    await deleteReview(db, groupOf(req), actorOf(req), req.params.id, req.query.version);
    return reply.code(204).send(null);
  });
};

export default routes;
