// Import and export of whole sittings in the interchange format (shared/formats).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sittingRecord } from '../repositories/audit-records.ts';
import { audited } from '../http/audited.ts';
import { documentRevealsConfidential, sittingFor } from '../domain/reader-view.ts';
import { readerOf } from '../http/reader.ts';
import { auditConfidentialRead } from '../services/readers.ts';
import { sittingToDocument } from '../interchange/export-sitting.ts';
import { loadSitting } from '../services/sittings.ts';
import { importSitting } from '../interchange/import-sitting.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;
  const SITTING = sittingRecord(groupId);

  // The body is checked against the interchange schema by importSitting itself, which the CLI shares.
  app.post(
    '/api/sittings/import',
    {
      bodyLimit: 16 * 1024 * 1024,
      config: { access: 'sittings:write' },
      schema: { response: { 201: Type.Object({ id: Type.Integer(), number: Type.Integer() }), ...errorResponses } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await audited(app, req, { ...SITTING, action: 'import', createdId: (r) => r.id }, (trx) => importSitting(trx, groupId, req.body)),
        ),
  );

  app.get('/api/sittings/:id/export', { config: { access: 'sittings:export' }, schema: { params: IdParams } }, async (req, reply) => {
    const reader = readerOf(req);
    const view = reader.view;
    const sitting = await loadSitting(db, groupId, req.params.id);
    const doc = sittingToDocument(sittingFor(view, sitting));
    if (documentRevealsConfidential(view, sitting)) await auditConfidentialRead(db, groupId, reader, 'sitting', req.params.id);
    return reply.header('content-disposition', `attachment; filename="Sede_Nr_${doc.number}.json"`).send(doc);
  });
};

export default routes;
