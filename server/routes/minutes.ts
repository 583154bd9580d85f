// The minutes of a sitting: DOCX and HTML downloads, signing, amendments, the signed copy.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { UnsupportedMediaType } from '../domain/errors.ts';
import { MAX_SIGNED_COPY_BYTES } from '../domain/signed-copy-file.ts';
import { attachment } from '../http/content-disposition.ts';
import type { RenderedMinutes } from '../minutes/render-minutes.ts';
import { latestSignedCopy, storeSignedCopy } from '../repositories/signed-copies.ts';
import { amendSitting, listSignatures, minutesFile, signSitting } from '../repositories/signed-minutes.ts';
import { errorResponses, IdParams, Version } from '../schemas/common.ts';

const MinutesQuery = Type.Object({ version: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('public')])) });
const SignedVersionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), n: Type.Integer({ minimum: 1 }) });
const Signature = Type.Object({
  version: Type.Integer(),
  signedAt: Type.String(),
  fileName: Type.String(),
  sha256Full: Type.String(),
  sha256Public: Type.String(),
  amendmentReason: Type.Union([Type.String(), Type.Null()]),
});
const SignedCopyInfo = Type.Object({
  id: Type.Integer(),
  signedVersion: Type.Integer(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});

function send(reply: FastifyReply, file: RenderedMinutes & { sha256?: string }, download: boolean) {
  void reply.header('content-type', file.contentType).header('cache-control', 'no-store');
  for (const [name, value] of Object.entries(file.headers)) void reply.header(name, value);
  if (file.sha256 !== undefined) void reply.header('x-content-sha256', file.sha256);
  if (download) void reply.header('content-disposition', attachment(file.fileName));
  return reply.send(file.body);
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  app.get('/api/sittings/:id/minutes.docx', { schema: { params: IdParams, querystring: MinutesQuery } }, async (req, reply) =>
    send(reply, await minutesFile(db, groupId, req.params.id, req.query.version ?? 'full', 'docx'), true),
  );
  app.get('/api/sittings/:id/minutes.html', { schema: { params: IdParams, querystring: MinutesQuery } }, async (req, reply) =>
    send(reply, await minutesFile(db, groupId, req.params.id, req.query.version ?? 'full', 'html'), false),
  );

  app.get(
    '/api/sittings/:id/signatures',
    { schema: { params: IdParams, response: { 200: Type.Array(Signature), ...errorResponses } } },
    (req) => listSignatures(db, groupId, req.params.id),
  );
  app.get(
    '/api/sittings/:id/signatures/:n/minutes.docx',
    { schema: { params: SignedVersionParams, querystring: MinutesQuery } },
    async (req, reply) =>
      send(reply, await minutesFile(db, groupId, req.params.id, req.query.version ?? 'full', 'docx', req.params.n), true),
  );

  app.post(
    '/api/sittings/:id/sign',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 200: Signature, ...errorResponses },
      },
    },
    (req) => signSitting(db, groupId, req.params.id, req.body.version),
  );

  app.post(
    '/api/sittings/:id/amend',
    {
      schema: {
        params: IdParams,
        body: Type.Object({ version: Version, reason: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await amendSitting(db, groupId, req.params.id, req.body.reason, req.body.version);
      return reply.code(204).send(null);
    },
  );

  await app.register(async (uploads) => {
    // The signed copy arrives as the raw file; its type is judged by its bytes, not the header.
    uploads.addContentTypeParser(
      ['application/pdf', 'application/vnd.etsi.asic-e+zip', 'application/octet-stream', 'application/zip'],
      { parseAs: 'buffer', bodyLimit: MAX_SIGNED_COPY_BYTES },
      (_req, body, done) => done(null, body),
    );
    uploads.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/sittings/:id/signed-copy',
      {
        bodyLimit: MAX_SIGNED_COPY_BYTES,
        schema: {
          params: IdParams,
          querystring: Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 255 })) }),
          response: { 201: SignedCopyInfo, ...errorResponses },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new UnsupportedMediaType('Sūtiet parakstīto failu kā application/pdf vai application/vnd.etsi.asic-e+zip.');
        }
        return reply.code(201).send(await storeSignedCopy(db, groupId, req.params.id, req.body, req.query.fileName));
      },
    );
  });

  app.get('/api/sittings/:id/signed-copy', { schema: { params: IdParams } }, async (req, reply) => {
    const copy = await latestSignedCopy(db, groupId, req.params.id);
    return reply
      .header('content-type', copy.contentType)
      .header('content-disposition', attachment(copy.fileName))
      .header('x-content-sha256', copy.sha256)
      .send(copy.content);
  });
};

export default routes;
