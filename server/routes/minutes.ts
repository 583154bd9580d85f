// The minutes of a sitting: DOCX and HTML downloads, signing, amendments, the signed copy.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, audited } from '../http/audited.ts';
import { minutesRevealConfidential } from '../domain/reader-view.ts';
import { readerOf } from '../http/reader.ts';
import { assertMaySee, auditConfidentialRead } from '../services/readers.ts';
import { loadMinutesSource } from '../services/minutes-source.ts';
import type { MinutesVersion } from '../minutes/minutes-source.ts';
import { SIGNER_ROLES, signaturesGiven } from '../domain/signers.ts';
import { currentUser, Forbidden } from '../plugins/auth.ts';
import { UnsupportedMediaType } from '../domain/errors.ts';
import { MAX_SIGNED_COPY_BYTES } from '../domain/signed-copy-file.ts';
import { attachment, inline } from '../http/content-disposition.ts';
import type { RenderedMinutes } from '../minutes/render-minutes.ts';
import { newestSignedCopy } from '../repositories/audit-records.ts';
import { latestSignedCopy, storeSignedCopy } from '../repositories/signed-copies.ts';
import { listSignatures } from '../repositories/signed-minutes.ts';
import { amendSitting, minutesFile, signSitting } from '../services/signing.ts';
import { errorResponses, Id, IdParams, literalUnion, NameText, Ordinal, PlainText, Version } from '../schemas/common.ts';
import { Signature, SignedCopyInfo } from '../schemas/minutes.ts';

const MinutesQuery = Type.Object({ version: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('public')])) });
const SignedVersionParams = Type.Object({ id: Id, n: Ordinal });

function send(reply: FastifyReply, file: RenderedMinutes & { sha256?: string }, download: boolean) {
  void reply.header('content-type', file.contentType).header('cache-control', 'no-store');
  for (const [name, value] of Object.entries(file.headers)) void reply.header(name, value);
  if (file.sha256 !== undefined) void reply.header('x-content-sha256', file.sha256);
  void reply.header('content-disposition', download ? attachment(file.fileName) : inline(file.fileName));
  return reply.send(file.body);
}

const read = { access: 'sittings:read' } as const;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, groupId } = app;

  /** Whether the full minutes show this reader confidential text, the sitting's own or a carried decision's. */
  const fullMinutesShowConfidential = async (req: FastifyRequest, sittingId: number): Promise<boolean> => {
    const { view } = readerOf(req);
    if (!view.seesConfidential) return false;
    const source = await loadMinutesSource(db, groupId, sittingId);
    return minutesRevealConfidential(view, source.sitting, source.followUps);
  };

  /** Guests get the public version whatever they ask for; a member's reading of confidential text in the full one is audited. */
  const versionFor = async (req: FastifyRequest, sittingId: number, asked: MinutesVersion | undefined): Promise<MinutesVersion> => {
    const reader = readerOf(req);
    await assertMaySee(db, groupId, reader, sittingId);
    if (!reader.view.seesConfidential) return 'public';
    const version = asked ?? 'full';
    if (version === 'full' && (await fullMinutesShowConfidential(req, sittingId)))
      await auditConfidentialRead(db, groupId, reader, 'sitting', sittingId);
    return version;
  };

  for (const format of ['docx', 'html'] as const) {
    app.get(
      `/api/sittings/:id/minutes.${format}`,
      { config: read, schema: { params: IdParams, querystring: MinutesQuery } },
      async (req, reply) => {
        const version = await versionFor(req, req.params.id, req.query.version);
        return send(reply, await minutesFile(db, groupId, req.params.id, version, format), format === 'docx');
      },
    );
  }

  app.get(
    '/api/sittings/:id/signatures',
    { config: read, schema: { params: IdParams, response: { 200: Type.Array(Signature), ...errorResponses } } },
    async (req) => {
      await assertMaySee(db, groupId, readerOf(req), req.params.id);
      return listSignatures(db, groupId, req.params.id);
    },
  );
  app.get(
    '/api/sittings/:id/signatures/:n/minutes.docx',
    { config: read, schema: { params: SignedVersionParams, querystring: MinutesQuery } },
    async (req, reply) => {
      const version = await versionFor(req, req.params.id, req.query.version);
      return send(reply, await minutesFile(db, groupId, req.params.id, version, 'docx', req.params.n), true);
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
    (req) => {
      const user = currentUser(req);
      const as = signaturesGiven(user.role, req.body.as);
      if (as.length === 0)
        throw new Forbidden(
          req.body.as === 'chair'
            ? 'Kā sēdes vadītājs var parakstīt tikai sēdes vadītājs.'
            : 'Kā protokolētājs var parakstīt tikai sekretārs.',
        );
      return signSitting(db, groupId, actorOf(req), req.params.id, req.body.version, { userId: user.userId, as });
    },
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
      await amendSitting(db, groupId, actorOf(req), req.params.id, req.body.reason, req.body.version);
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
        config: { access: 'signed-copy:upload' },
        schema: {
          params: IdParams,
          querystring: Type.Object({ fileName: Type.Optional(NameText({ maxLength: 255 })) }),
          response: { 201: SignedCopyInfo, ...errorResponses },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) {
          throw new UnsupportedMediaType('Sūtiet parakstīto failu kā application/pdf vai application/vnd.etsi.asic-e+zip.');
        }
        const bytes = req.body;
        const stored = await audited(
          app,
          req,
          { action: 'upload_signed_copy', recordType: 'sitting', recordId: req.params.id, added: newestSignedCopy },
          (trx) => storeSignedCopy(trx, groupId, req.params.id, bytes, req.query.fileName),
        );
        return reply.code(201).send(stored);
      },
    );
  });

  app.get('/api/sittings/:id/signed-copy', { config: { access: 'sittings:export' }, schema: { params: IdParams } }, async (req, reply) => {
    const copy = await latestSignedCopy(db, groupId, req.params.id);
    // The signed copy is the full minutes on paper or e-signed.
    if (await fullMinutesShowConfidential(req, req.params.id))
      await auditConfidentialRead(db, groupId, readerOf(req), 'sitting', req.params.id);
    return reply
      .header('content-type', copy.contentType)
      .header('content-disposition', attachment(copy.fileName))
      .header('x-content-sha256', copy.sha256)
      .send(copy.content);
  });
};

export default routes;
