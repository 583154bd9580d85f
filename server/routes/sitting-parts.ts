// Editing, moving and removing the parts of a sitting, each addressed by its own id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { audited } from '../http/audited.ts';
import { AGENDA_ITEM, ATTENDANCE, DECISION, REVIEW, type AuditedRecord } from '../repositories/audit-records.ts';
import { deleteAgendaItem, moveAgendaItem, updateAgendaItem } from '../repositories/agenda-items.ts';
import { removeAttendee, updateAttendee } from '../repositories/attendance.ts';
import { deleteDecision, moveDecision, updateDecision } from '../repositories/decisions.ts';
import { deleteReview, updateReview } from '../services/reviews.ts';
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
  const { groupId } = app;
  const spec = (part: AuditedRecord, action: string, id: number) => ({ ...part, action, recordId: id });

  app.patch(
    '/api/attendance/:id',
    { config: write, schema: { params: IdParams, body: AttendeePatchBody, response: { 200: Attendee, ...errorResponses } } },
    (req) => audited(app, req, spec(ATTENDANCE, 'update', req.params.id), (trx) => updateAttendee(trx, groupId, req.params.id, req.body)),
  );
  app.delete('/api/attendance/:id', removal, async (req, reply) => {
    await audited(app, req, spec(ATTENDANCE, 'delete', req.params.id), (trx) =>
      removeAttendee(trx, groupId, req.params.id, req.query.version),
    );
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/agenda-items/:id',
    { config: write, schema: { params: IdParams, body: AgendaItemPatchBody, response: { 200: AgendaItem, ...errorResponses } } },
    (req) =>
      audited(app, req, spec(AGENDA_ITEM, 'update', req.params.id), (trx) => updateAgendaItem(trx, groupId, req.params.id, req.body)),
  );
  app.post(
    '/api/agenda-items/:id/move',
    { config: write, schema: { params: IdParams, body: MoveBody, response: { 200: AgendaItem, ...errorResponses } } },
    (req) => audited(app, req, spec(AGENDA_ITEM, 'move', req.params.id), (trx) => moveAgendaItem(trx, groupId, req.params.id, req.body)),
  );
  app.delete('/api/agenda-items/:id', removal, async (req, reply) => {
    await audited(app, req, spec(AGENDA_ITEM, 'delete', req.params.id), (trx) =>
      deleteAgendaItem(trx, groupId, req.params.id, req.query.version),
    );
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/decisions/:id',
    { config: write, schema: { params: IdParams, body: DecisionPatchBody, response: { 200: Decision, ...errorResponses } } },
    (req) => audited(app, req, spec(DECISION, 'update', req.params.id), (trx) => updateDecision(trx, groupId, req.params.id, req.body)),
  );
  app.post(
    '/api/decisions/:id/move',
    { config: write, schema: { params: IdParams, body: MoveBody, response: { 200: Decision, ...errorResponses } } },
    (req) => audited(app, req, spec(DECISION, 'move', req.params.id), (trx) => moveDecision(trx, groupId, req.params.id, req.body)),
  );
  app.delete('/api/decisions/:id', removal, async (req, reply) => {
    await audited(app, req, spec(DECISION, 'delete', req.params.id), (trx) =>
      deleteDecision(trx, groupId, req.params.id, req.query.version),
    );
    return reply.code(204).send(null);
  });

  app.patch(
    '/api/reviews/:id',
    { config: write, schema: { params: IdParams, body: ReviewPatchBody, response: { 200: Review, ...errorResponses } } },
    (req) => audited(app, req, spec(REVIEW, 'update', req.params.id), (trx) => updateReview(trx, groupId, req.params.id, req.body)),
  );
  app.delete('/api/reviews/:id', removal, async (req, reply) => {
    await audited(app, req, spec(REVIEW, 'delete', req.params.id), (trx) => deleteReview(trx, groupId, req.params.id, req.query.version));
    return reply.code(204).send(null);
  });
};

export default routes;
