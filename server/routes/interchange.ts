// Import and export of whole sittings in the interchange format (shared/formats).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { exportSitting } from '../interchange/export-sitting.ts';
import { importSitting } from '../interchange/import-sitting.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // The body is checked against the interchange schema by importSitting itself, which the CLI shares.
  app.post(
    '/api/sittings/import',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: { response: { 201: Type.Object({ id: Type.Integer(), number: Type.Integer() }), ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await importSitting(app.db, app.groupId, req.body)),
  );

  app.get('/api/sittings/:id/export', { schema: { params: IdParams } }, async (req, reply) => {
    const doc = await exportSitting(app.db, app.groupId, req.params.id);
    return reply.header('content-disposition', `attachment; filename="Sede_Nr_${doc.number}.json"`).send(doc);
  });
};

export default routes;
