// Sittings and the parts added to them: attendance, agenda items, decisions, reviews.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited, auditedCreate } from '../http/audited.ts';
import { revealsConfidential, searchHitsFor } from '../domain/reader-view.ts';
import { readerOf } from '../http/reader.ts';
import { assertMaySee, auditConfidentialRead, searchScope, sittingForReader, visibleSittings } from '../services/readers.ts';
import { searchMinutes } from '../repositories/search-index.ts';
import { addAgendaItem } from '../repositories/agenda-items.ts';
import { addAttendee } from '../repositories/attendance.ts';
import { AGENDA_ITEM, ATTENDANCE, DECISION, decisionNumbers, REVIEW, sittingRecord } from '../repositories/audit-records.ts';
import { addDecision, renumberDecisions } from '../repositories/decisions.ts';
import { addReview } from '../services/reviews.ts';
import { deleteSitting, listSittings } from '../repositories/sittings.ts';
import { loadSitting, openSitting, updateSitting } from '../services/sittings.ts';
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
  const { db, groupId } = app;
  const read = { access: 'sittings:read' } as const;
  const write = { access: 'sittings:write' } as const;
  const SITTING = sittingRecord(groupId);

  app.get('/api/sittings', { config: read, schema: { response: { 200: Type.Array(SittingSummary) } } }, async (req) =>
    visibleSittings(db, groupId, readerOf(req), await listSittings(db, groupId)),
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
    async (req) => {
      const reader = readerOf(req);
      const hits = searchHitsFor(
        reader.view,
        await searchMinutes(db, groupId, req.query.q, { ...(await searchScope(db, groupId, reader)), limit: req.query.limit ?? 100 }),
      );
      if (revealsConfidential(reader.view, hits)) await auditConfidentialRead(db, groupId, reader, 'search', null);
      return hits;
    },
  );

  app.post(
    '/api/sittings',
    { config: write, schema: { body: NewSittingBody, response: { 201: SittingDetail, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await auditedCreate(app, req, SITTING, (trx) => openSitting(trx, groupId, req.body))),
  );

  app.get(
    '/api/sittings/:id',
    { config: read, schema: { params: IdParams, response: { 200: SittingDetail, ...errorResponses } } },
    async (req) => {
      const reader = readerOf(req);
      await assertMaySee(db, groupId, reader, req.params.id);
      return sittingForReader(db, groupId, reader, await loadSitting(db, groupId, req.params.id));
    },
  );

  app.patch(
    '/api/sittings/:id',
    { config: write, schema: { params: IdParams, body: SittingPatchBody, response: { 200: SittingDetail, ...errorResponses } } },
    (req) =>
      audited(app, req, { ...SITTING, action: 'update', recordId: req.params.id }, (trx) =>
        updateSitting(trx, groupId, req.params.id, req.body),
      ),
  );

  app.delete(
    '/api/sittings/:id',
    { config: write, schema: { params: IdParams, querystring: VersionQuery, response: deletedResponses } },
    async (req, reply) => {
      await audited(app, req, { ...SITTING, action: 'delete', recordId: req.params.id }, (trx) =>
        deleteSitting(trx, groupId, req.params.id, req.query.version),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/sittings/:id/attendance',
    { config: write, schema: { params: IdParams, body: NewAttendeeBody, response: { 201: Attendee, ...errorResponses } } },
    async (req, reply) =>
      reply.code(201).send(await auditedCreate(app, req, ATTENDANCE, (trx) => addAttendee(trx, groupId, req.params.id, req.body))),
  );

  app.post(
    '/api/sittings/:id/agenda-items',
    { config: write, schema: { params: IdParams, body: NewAgendaItemBody, response: { 201: AgendaItem, ...errorResponses } } },
    async (req, reply) =>
      reply.code(201).send(await auditedCreate(app, req, AGENDA_ITEM, (trx) => addAgendaItem(trx, groupId, req.params.id, req.body))),
  );

  app.post(
    '/api/sittings/:id/decisions',
    { config: write, schema: { params: IdParams, body: NewDecisionBody, response: { 201: Decision, ...errorResponses } } },
    async (req, reply) =>
      reply.code(201).send(await auditedCreate(app, req, DECISION, (trx) => addDecision(trx, groupId, req.params.id, req.body))),
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
    (req) =>
      audited(app, req, { action: 'renumber', recordType: 'sitting', recordId: req.params.id, load: decisionNumbers }, (trx) =>
        renumberDecisions(trx, groupId, req.params.id, req.body.version),
      ),
  );

  app.post(
    '/api/sittings/:id/reviews',
    { config: write, schema: { params: IdParams, body: NewReviewBody, response: { 201: Review, ...errorResponses } } },
    async (req, reply) =>
      reply.code(201).send(await auditedCreate(app, req, REVIEW, (trx) => addReview(trx, groupId, req.params.id, req.body))),
  );
};

export default routes;
