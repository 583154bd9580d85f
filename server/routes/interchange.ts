// Import and export of whole sittings in the interchange format (shared/formats).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../http/audited.ts';
import { readerOf } from '../http/reader.ts';
import type { SittingDocument } from '../interchange/sitting-document.ts';
import schema from '../interchange/sitting.schema.json' with { type: 'json' };
import { exportSitting, importSitting } from '../services/interchange.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';

/**
 * The interchange schema itself describes the export, without its defaults: the serializer would
 * write them into a document that leaves a field out (an unreviewed `notDiscussed: false`).
 */
function withoutDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaults);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).flatMap(([k, v]) => (k === 'default' ? [] : [[k, withoutDefaults(v)]])));
}
const SittingDocumentSchema = Type.Unsafe<SittingDocument>(withoutDefaults(schema) as object);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  // The body is checked against the interchange schema by importSitting itself, which the CLI shares.
  app.post(
    '/api/sittings/import',
    {
      bodyLimit: 16 * 1024 * 1024,
      config: { access: 'sittings:write' },
      schema: { response: { 201: Type.Object({ id: Type.Integer(), number: Type.Integer() }), ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await importSitting(db, groupId, actorOf(req), req.body)),
  );

  app.get(
    '/api/sittings/:id/export',
    { config: { access: 'sittings:export' }, schema: { params: IdParams, response: { 200: SittingDocumentSchema, ...errorResponses } } },
    async (req, reply) => {
      const doc = await exportSitting(db, groupId, readerOf(req), req.params.id);
      return reply.header('content-disposition', `attachment; filename="Sede_Nr_${doc.number}.json"`).send(doc);
    },
  );
};

export default routes;
