// Old Word protocols: the import (the file as the body), its record and original, confirming it
// as signed on paper, and marking old decisions done in bulk. HTTP to services/word-import.ts.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { UnsupportedMediaType } from '../domain/errors.ts';
import { MAX_WORD_FILE_BYTES, WORD_TYPES } from '../domain/word-file.ts';
import { attachment } from '../http/content-disposition.ts';
import { actorOf, groupOf, readerOf } from '../http/caller.ts';
import { confirmWordImport, importWordProtocol, markDoneBefore, originalWordFor, wordImportFor } from '../services/word-import.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import { ConfirmImportBody, MarkDoneBody, MarkDoneResult, WordImported, WordImportInfo, WordImportQuery } from '../schemas/word-import.ts';

const UPLOAD_TYPES = [...Object.values(WORD_TYPES), 'application/octet-stream'];
const tooLarge = { 413: Type.Object({ message: Type.String() }) };

// A Buffer is sent as it is; the 200 schema only documents it.
function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) {
  return reply.header('content-type', file.contentType).header('content-disposition', attachment(file.fileName)).send(file.content);
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  await app.register(async (uploads) => {
    // The file arrives raw; its kind is judged by its bytes, not the header.
    uploads.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_WORD_FILE_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    uploads.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/sittings/import-word',
      {
        bodyLimit: MAX_WORD_FILE_BYTES,
        config: { access: 'sittings:write' },
        schema: { consumes: UPLOAD_TYPES, querystring: WordImportQuery, response: { 201: WordImported, ...errorResponses, ...tooLarge } },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new UnsupportedMediaType('Sūtiet protokola failu kā .docx, .doc vai .odt (tā paša satura tipā).');
        return reply.code(201).send(await importWordProtocol(db, groupOf(req), actorOf(req), req.body, req.query.fileName));
      },
    );
  });

  app.get(
    '/api/sittings/:id/word-import',
    {
      config: { access: 'sittings:read' },
      schema: {
        params: IdParams,
        response: { 200: Type.Union([WordImportInfo, Type.Null({ description: 'Not imported from Word' })]), ...errorResponses },
      },
    },
    (req) => wordImportFor(db, groupOf(req), readerOf(req), req.params.id),
  );

  app.get(
    '/api/sittings/:id/word-import/original',
    {
      config: { access: 'sittings:export' },
      schema: {
        params: IdParams,
        response: { 200: Type.String({ format: 'binary', description: 'The Word file as it was imported' }), ...errorResponses },
        produces: Object.values(WORD_TYPES),
      },
    },
    async (req, reply) => {
      const file = await originalWordFor(db, groupOf(req), readerOf(req), req.params.id);
      return sendFile(reply, file);
    },
  );

  app.post(
    '/api/sittings/:id/confirm-import',
    {
      config: { access: 'sittings:write' },
      schema: { params: IdParams, body: ConfirmImportBody, response: { 200: WordImportInfo, ...errorResponses } },
    },
    (req) => confirmWordImport(db, groupOf(req), actorOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/decisions/mark-done',
    { config: { access: 'sittings:write' }, schema: { body: MarkDoneBody, response: { 200: MarkDoneResult, ...errorResponses } } },
    (req) => markDoneBefore(db, groupOf(req), actorOf(req), req.body),
  );
};

export default routes;
