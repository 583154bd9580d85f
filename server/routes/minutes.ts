// The minutes of a sitting: DOCX and HTML downloads, signing, amendments, the signed copy.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { actorOf, readerOf, groupOf } from '../http/caller.ts';
import { SIGNER_ROLES } from '../domain/signers.ts';
import { currentUser } from '../plugins/auth.ts';
import { UnsupportedMediaType } from '../domain/errors.ts';
import { MAX_SIGNED_COPY_BYTES, SIGNED_COPY_TYPES } from '../domain/signed-copy-file.ts';
import { attachment, inline } from '../http/content-disposition.ts';
import { mailContextOf } from '../http/mail-context.ts';
import { minutesForReader, signaturesForReader, signedCopyForReader, uploadSignedCopy } from '../services/minutes.ts';
import { amendSitting, signAs, type MinutesFile } from '../services/signing.ts';
import { errorResponses, Id, IdParams, literalUnion, NameText, Ordinal, PlainText, Version } from '../schemas/common.ts';
import { Signature, SignedCopyInfo } from '../schemas/minutes.ts';

const MinutesQuery = Type.Object({ version: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('public')])) });
const SignedVersionParams = Type.Object({ id: Id, n: Ordinal });
// Files are sent as Buffers, which Fastify passes through without serializing; the schemas document them.
const docxResponse = { 200: Type.String({ format: 'binary', description: 'The minutes as DOCX' }), ...errorResponses };
const minutesResponse = {
  docx: docxResponse,
  html: { 200: Type.String({ description: 'The minutes as an HTML page, with its Content-Security-Policy' }), ...errorResponses },
};
/** The content types of the files, for the API's description (plugins/openapi.ts). */
const DOCX = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
const produces = { docx: DOCX, html: ['text/html'] };
const UPLOAD_TYPES = [...SIGNED_COPY_TYPES, 'application/octet-stream', 'application/zip'];

function send(reply: FastifyReply, file: MinutesFile, download: boolean) {
  void reply.header('content-type', file.contentType).header('cache-control', 'no-store');
  for (const [name, value] of Object.entries(file.headers)) void reply.header(name, value);
  if (file.sha256 !== undefined) void reply.header('x-content-sha256', file.sha256);
  void reply.header('content-disposition', download ? attachment(file.fileName) : inline(file.fileName));
  return reply.send(file.body);
}

const read = { access: 'sittings:read' } as const;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  for (const format of ['docx', 'html'] as const) {
    app.get(
      `/api/sittings/:id/minutes.${format}`,
      {
        config: read,
        schema: { params: IdParams, querystring: MinutesQuery, response: minutesResponse[format], produces: produces[format] },
      },
      async (req, reply) => {
        const file = await minutesForReader(db, groupOf(req), readerOf(req), req.params.id, { format, version: req.query.version });
        return send(reply, file, format === 'docx');
      },
    );
  }

  app.get(
    '/api/sittings/:id/signatures',
    { config: read, schema: { params: IdParams, response: { 200: Type.Array(Signature), ...errorResponses } } },
    (req) => signaturesForReader(db, groupOf(req), readerOf(req), req.params.id),
  );
  app.get(
    '/api/sittings/:id/signatures/:n/minutes.docx',
    { config: read, schema: { params: SignedVersionParams, querystring: MinutesQuery, response: docxResponse, produces: DOCX } },
    async (req, reply) => {
      const asked = { format: 'docx', version: req.query.version, signedNumber: req.params.n } as const;
      return send(reply, await minutesForReader(db, groupOf(req), readerOf(req), req.params.id, asked), true);
    },
  );

  app.post(
    '/api/sittings/:id/sign',
    {
      config: { access: 'sittings:sign' },
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            as: Type.Optional(literalUnion(SIGNER_ROLES, { description: 'For an admin: sign as this one only' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Signature, ...errorResponses },
      },
    },
    (req) => signAs(db, groupOf(req), actorOf(req), req.params.id, req.body.version, currentUser(req), req.body.as, mailContextOf(req)),
  );

  app.post(
    '/api/sittings/:id/amend',
    {
      config: { access: 'sittings:amend' },
      schema: {
        params: IdParams,
        body: Type.Object({ version: Version, reason: PlainText({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await amendSitting(db, groupOf(req), actorOf(req), req.params.id, req.body.reason, req.body.version);
      return reply.code(204).send(null);
    },
  );

  await app.register(async (uploads) => {
    // The signed copy arrives as the raw file; its type is judged by its bytes, not the header.
    uploads.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_SIGNED_COPY_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    uploads.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/sittings/:id/signed-copy',
      {
        bodyLimit: MAX_SIGNED_COPY_BYTES,
        config: { access: 'signed-copy:upload' },
        schema: {
          consumes: UPLOAD_TYPES,
          params: IdParams,
          querystring: Type.Object({ fileName: Type.Optional(NameText({ maxLength: 255 })) }),
          response: { 201: SignedCopyInfo, ...errorResponses },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new UnsupportedMediaType('Sūtiet parakstīto failu kā application/pdf vai application/vnd.etsi.asic-e+zip.');
        }
        const stored = await uploadSignedCopy(
          db,
          groupOf(req),
          actorOf(req),
          req.params.id,
          req.body,
          req.query.fileName,
          mailContextOf(req),
        );
        return reply.code(201).send(stored);
      },
    );
  });

  app.get(
    '/api/sittings/:id/signed-copy',
    {
      config: { access: 'sittings:export' },
      schema: {
        params: IdParams,
        response: { 200: Type.String({ format: 'binary', description: 'The signed copy as uploaded (PDF or ASiC-E)' }), ...errorResponses },
        produces: SIGNED_COPY_TYPES,
      },
    },
    async (req, reply) => {
      const copy = await signedCopyForReader(db, groupOf(req), readerOf(req), req.params.id);
      return send(
        reply,
        { fileName: copy.fileName, contentType: copy.contentType, body: copy.content, headers: {}, sha256: copy.sha256 },
        true,
      );
    },
  );
};

export default routes;
