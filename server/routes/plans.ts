// Prevention plans: import and export in the plan format, the plan and its activities for the
// screens, yearly statuses, activity search, agenda items' activities and the monitoring report.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { attachment, inline } from '../http/content-disposition.ts';
import { actorOf, groupOf, readerOf } from '../http/caller.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  ActivityHit,
  ActivityPage,
  ActivityPatch,
  ActivitySearchQuery,
  AgendaItemActivities,
  NewActivity,
  PlanActivity,
  PlanOverview,
  PlanPatch,
  PlanSummary,
  ReportQuery,
  StatusBody,
  YearParams,
  YearStatus,
  YearStatusPage,
} from '../schemas/plans.ts';
import { PlanDocumentSchema } from '../schemas/plan-document.ts';
import {
  activityPage,
  addActivity,
  agendaItemActivities,
  exportPlan,
  importPlan,
  listPlans,
  planOverview,
  searchActivities,
  setActivityStatus,
  setAgendaItemActivities,
  updateActivity,
  updatePlan,
  yearStatusPage,
} from '../services/plans.ts';
import { planReportFile, type ReportFile } from '../services/plan-report.ts';

const read = { access: 'register:read' } as const;
const write = { access: 'sittings:write' } as const;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Files are sent as Buffers, which Fastify passes through without serializing; the schemas document them.
function send(reply: FastifyReply, file: ReportFile, download: boolean) {
  void reply.header('content-type', file.contentType).header('cache-control', 'no-store');
  for (const [name, value] of Object.entries(file.headers)) void reply.header(name, value);
  void reply.header('content-disposition', download ? attachment(file.fileName) : inline(file.fileName));
  return reply.send(file.body);
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get('/api/plans', { config: read, schema: { response: { 200: Type.Array(PlanSummary), ...errorResponses } } }, (req) =>
    listPlans(db, groupOf(req)),
  );

  // The body is checked against plan.schema.json by importPlan itself, which the CLI shares.
  app.post(
    '/api/plans/import',
    {
      bodyLimit: 4 * 1024 * 1024,
      config: { ...write, documentedBody: PlanDocumentSchema },
      schema: { response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await importPlan(db, groupOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/plans/:id',
    { config: read, schema: { params: IdParams, response: { 200: PlanDocumentSchema, ...errorResponses } } },
    (req) => exportPlan(db, groupOf(req), req.params.id),
  );

  app.get(
    '/api/plans/:id/overview',
    { config: read, schema: { params: IdParams, response: { 200: PlanOverview, ...errorResponses } } },
    (req) => planOverview(db, groupOf(req), req.params.id),
  );

  app.patch(
    '/api/plans/:id',
    { config: write, schema: { params: IdParams, body: PlanPatch, response: { 200: PlanOverview, ...errorResponses } } },
    (req) => updatePlan(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/plans/:id/activities',
    { config: write, schema: { params: IdParams, body: NewActivity, response: { 201: PlanActivity, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addActivity(db, groupOf(req), actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/plan-activities',
    { config: read, schema: { querystring: ActivitySearchQuery, response: { 200: Type.Array(ActivityHit), ...errorResponses } } },
    (req) => searchActivities(db, groupOf(req), req.query.q),
  );

  app.get(
    '/api/plan-activities/:id',
    { config: read, schema: { params: IdParams, response: { 200: ActivityPage, ...errorResponses } } },
    (req) => activityPage(db, groupOf(req), readerOf(req), req.params.id),
  );

  app.patch(
    '/api/plan-activities/:id',
    { config: write, schema: { params: IdParams, body: ActivityPatch, response: { 200: PlanActivity, ...errorResponses } } },
    (req) => updateActivity(db, groupOf(req), actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/plan-activities/:id/status/:year',
    { config: read, schema: { params: YearParams, response: { 200: YearStatusPage, ...errorResponses } } },
    (req) => yearStatusPage(db, groupOf(req), readerOf(req), req.params.id, req.params.year),
  );

  app.put(
    '/api/plan-activities/:id/status/:year',
    { config: write, schema: { params: YearParams, body: StatusBody, response: { 200: YearStatus, ...errorResponses } } },
    (req) => setActivityStatus(db, groupOf(req), actorOf(req), req.params.id, req.params.year, req.body),
  );

  app.get(
    '/api/agenda-items/:id/plan-activities',
    { config: read, schema: { params: IdParams, response: { 200: AgendaItemActivities, ...errorResponses } } },
    async (req) => ({ activityIds: await agendaItemActivities(db, groupOf(req), req.params.id) }),
  );

  app.put(
    '/api/agenda-items/:id/plan-activities',
    { config: write, schema: { params: IdParams, body: AgendaItemActivities, response: { 200: AgendaItemActivities, ...errorResponses } } },
    async (req) => ({ activityIds: await setAgendaItemActivities(db, groupOf(req), actorOf(req), req.params.id, req.body.activityIds) }),
  );
  for (const format of ['docx', 'html'] as const) {
    app.get(
      `/api/plans/:id/report.${format}`,
      {
        config: read,
        schema: {
          params: IdParams,
          querystring: ReportQuery,
          response: { 200: Type.String({ description: `The monitoring report as ${format.toUpperCase()}` }), ...errorResponses },
          produces: [format === 'docx' ? DOCX : 'text/html'],
        },
      },
      async (req, reply) => {
        const file = await planReportFile(db, groupOf(req), readerOf(req), req.params.id, {
          year: req.query.year,
          version: req.query.version ?? 'full',
          format,
        });
        return send(reply, file, format === 'docx');
      },
    );
  }
};

export default routes;
