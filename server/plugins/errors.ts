// One error handler: a client's mistakes come back as 4xx with a Latvian message naming the
// field; anything else is logged and answered with a 500 that reveals nothing.
import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, InvalidInput, TooManyRequests } from '../domain/errors.ts';
import { invalidInputFrom } from '../validation/messages.ts';
import { isRetryable } from '../db/transaction.ts';

/** A unique index refused a row: two clients wrote the same thing at once (PostgreSQL's and SQLite's codes). */
function isUniqueViolation(error: { code?: unknown }): boolean {
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Pieprasījuma saturs nav derīgs JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Pieprasījuma saturs ir tukšs, lai gan norādīts JSON.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Šāds satura tips netiek pieņemts; sūtiet JSON.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Nepareizs satura garums.',
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  503: 'Service Unavailable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

const megabytes = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10).replace('.', ',');

/** Fastify's schema validation reports through here, so route schemas speak Latvian too. */
export function schemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  return invalidInputFrom(
    errors as Parameters<typeof invalidInputFrom>[0],
    dataVar === 'body' ? '' : dataVar === 'querystring' ? 'query' : dataVar,
  );
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
      if (error instanceof DomainError) {
        if (error instanceof TooManyRequests) void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
        return reply.code(error.statusCode).send({
          statusCode: error.statusCode,
          error: REASONS[error.statusCode] ?? 'Error',
          message: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
        });
      }
      if (isUniqueViolation(error)) {
        request.log.warn({ err: { type: error.name, code: error.code } }, 'unique violation answered with 409');
        return reply.code(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: 'Tāds ieraksts jau ir: kāds to saglabāja vienlaikus. Atjaunojiet skatu un mēģiniet vēlreiz.',
        });
      }
      // The database stayed busy or unreachable through every retry of the transaction (db/transaction.ts).
      if (isRetryable(error)) {
        request.log.error({ err: { type: error.name, code: error.code } }, 'database unavailable');
        void reply.header('retry-after', '1');
        return reply.code(503).send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Datubāze īslaicīgi nav pieejama. Mēģiniet vēlreiz pēc brīža.',
        });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const message =
          error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? `Pieprasījums ir pārāk liels: atļauts ne vairāk kā ${megabytes(request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0)} MB.`
            : (CLIENT_ERRORS[error.code] ?? new InvalidInput('pieprasījums', 'nederīgs pieprasījums.').message);
        return reply.code(status).send({ statusCode: status, error: REASONS[status] ?? 'Bad Request', message });
      }
      // Only the error's kind and stack: messages may quote personal data from the request.
      request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
      return reply.code(500).send({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Iekšēja kļūda. Mēģiniet vēlreiz; ja kļūda atkārtojas, ziņojiet administratoram.',
      });
    });

    app.setNotFoundHandler((request, reply) =>
      reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: `Nav atrasts: ${request.method} ${request.url.split('?')[0] ?? ''}.` }),
    );
  },
  { name: 'errors' },
);
