// Editing, moving and removing the parts of a sitting, each addressed by its own id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deleteAgendaItem, moveAgendaItem, updateAgendaItem } from '../repositories/agenda-items.ts';
import { removeAttendee, updateAttendee } from '../repositories/attendance.ts';
import { deleteDecision, moveDecision, updateDecision } from '../repositories/decisions.ts';
import { deleteReview, updateReview } from '../repositories/reviews.ts';
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

const removal = { params: IdParams, querystring: VersionQuery, response: deletedResponses };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const group = app.groupId;

  app.patch(
    '/api/attendance/:id',
    { schema: { params: IdParams, body: AttendeePatchBody, response: { 200: Attendee, ...errorResponses } } },
    (req) => updateAttendee(db, group, req.params.id, req.body),
  );
  app.delete('/api/attendance/:id', { schema: removal }, async (req, reply) => {
    await removeAttendee(db, group, req.params.id, req.query.version);
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/agenda-items/:id',
    { schema: { params: IdParams, body: AgendaItemPatchBody, response: { 200: AgendaItem, ...errorResponses } } },
    (req) => updateAgendaItem(db, group, req.params.id, req.body),
  );
  app.post(
    '/api/agenda-items/:id/move',
    { schema: { params: IdParams, body: MoveBody, response: { 200: AgendaItem, ...errorResponses } } },
    (req) => moveAgendaItem(db, group, req.params.id, req.body),
  );
  app.delete('/api/agenda-items/:id', { schema: removal }, async (req, reply) => {
    await deleteAgendaItem(db, group, req.params.id, req.query.version);
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/decisions/:id',
    { schema: { params: IdParams, body: DecisionPatchBody, response: { 200: Decision, ...errorResponses } } },
    (req) => updateDecision(db, group, req.params.id, req.body),
  );
  app.post(
    '/api/decisions/:id/move',
    { schema: { params: IdParams, body: MoveBody, response: { 200: Decision, ...errorResponses } } },
    (req) => moveDecision(db, group, req.params.id, req.body),
  );
  app.delete('/api/decisions/:id', { schema: removal }, async (req, reply) => {
    await deleteDecision(db, group, req.params.id, req.query.version);
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/reviews/:id',
    { schema: { params: IdParams, body: ReviewPatchBody, response: { 200: Review, ...errorResponses } } },
    (req) => updateReview(db, group, req.params.id, req.body),
  );
  app.delete('/api/reviews/:id', { schema: removal }, async (req, reply) => {
    await deleteReview(db, group, req.params.id, req.query.version);
    return reply.code(204).send(null);
  });
};

export default routes;
