// Import and export of whole sittings in the interchange format (shared/formats).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, readerOf, groupOf } from '../http/caller.ts';
import { exportSitting, importSitting } from '../services/interchange.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { SittingDocumentSchema } from '../schemas/interchange.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  // The body is checked against the interchange schema by importSitting itself, which the CLI shares.
  app.post(
    '/api/sittings/import',
    {
      bodyLimit: 16 * 1024 * 1024,
      config: { access: 'sittings:write', documentedBody: SittingDocumentSchema },
      schema: { response: { 201: Type.Object({ id: Type.Integer(), number: Type.Integer() }), ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await importSitting(db, groupOf(req), actorOf(req), req.body)),
  );

  app.get(
    '/api/sittings/:id/export',
    { config: { access: 'sittings:export' }, schema: { params: IdParams, response: { 200: SittingDocumentSchema, ...errorResponses } } },
    async (req, reply) => {
      const doc = await exportSitting(db, groupOf(req), readerOf(req), req.params.id);
      return reply.header('content-disposition', `attachment; filename="Sede_Nr_${doc.number}.json"`).send(doc);
    },
  );
};

export default routes;
