// The API described as OpenAPI 3.1 at GET /api/openapi.json, made from the routes' own schemas by
// @fastify/swagger: built at its first request and kept, so the start does not pay for it.
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import type { TSchema } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
// Bundled into the build with the code, so the version is the one the code was built from.
import pkg from '../../package.json' with { type: 'json' };
import { ErrorResponse } from '../schemas/common.ts';
import { CSRF_HEADER, SESSION_COOKIE, type Access } from './auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A body the route takes without a schema of its own (the service validates it), for the description only. */
    documentedBody?: TSchema;
  }
}

export const OPENAPI_URL = '/api/openapi.json';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BINARY = { type: 'string', format: 'binary' } as const;

type Schema = Record<string, unknown>;

/** The path parameters an URL names (`/api/sittings/:id/signatures/:n/minutes.docx` → id, n). */
const pathParameters = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/gu)].map((m) => m[1]!);

/**
 * A params schema holds only what the URL names, every one required: a route shared by
 * `/api/people/:id/…` and `/api/me/…` declares `id` optional for both.
 */
function paramsFor(url: string, params: Schema | undefined): Schema | undefined {
  const names = pathParameters(url);
  if (params === undefined || names.length === 0) return undefined;
  const properties = (params.properties ?? {}) as Record<string, unknown>;
  return { ...params, properties: Object.fromEntries(names.map((n) => [n, properties[n] ?? { type: 'string' }])), required: names };
}

/** Files go out with their own content types (`produces`) in the successful answers; errors stay JSON. */
function responsesFor(response: Schema | undefined, produces: readonly string[] | undefined, access: Access | undefined): Schema {
  const responses: Schema = { ...response };
  if (produces !== undefined) {
    for (const [code, schema] of Object.entries(responses)) {
      const s = schema as Schema;
      if (!code.startsWith('2') || s.type === 'null') continue;
      responses[code] = {
        description: s.description ?? 'Default Response',
        content: Object.fromEntries(produces.map((t) => [t, { schema: s }])),
      };
    }
  }
  if (access !== 'public') {
    responses[401] ??= { ...ErrorResponse, description: 'Not logged in' };
    responses[403] ??= { ...ErrorResponse, description: 'The role may not do this, or the CSRF token is missing' };
  }
  return responses;
}

/** The security a route needs: none, the session cookie, or for a write also the CSRF header. */
function securityFor(access: Access | undefined, methods: readonly string[]) {
  if (access === 'public') return [];
  return methods.every((m) => SAFE_METHODS.has(m)) ? [{ session: [] }] : [{ session: [], csrf: [] }];
}

/**
 * The `definitions` of a schema written as a file (the sitting document), by name. The generator
 * points their `$ref`s at the document's components but leaves them out, so they are added there.
 */
function collectDefinitions(node: unknown, into: Map<string, unknown>): void {
  if (typeof node !== 'object' || node === null) return;
  const definitions = (node as Schema).definitions as Schema | undefined;
  for (const [name, definition] of Object.entries(definitions ?? {})) {
    const seen = into.get(name);
    if (seen !== undefined && seen !== definition) throw new Error(`OpenAPI: two schemas define "${name}"`);
    into.set(name, definition);
  }
  for (const child of Object.values(node)) collectDefinitions(child, into);
}

const transform =
  (definitions: Map<string, unknown>): SwaggerTransform =>
  ({ schema, url, route }) => {
    const given = (schema ?? {}) as FastifySchema & Schema;
    // The front end's files and anything else outside /api/ are not part of the API.
    if (!url.startsWith('/api/')) return { schema: { ...given, hide: true }, url };
    const config = route.config as { access?: Access; documentedBody?: TSchema } | undefined;
    const access = config?.access;
    const methods = [route.method].flat();
    const { produces, consumes, ...rest } = given;
    const documented: Schema = { ...rest };
    const params = paramsFor(url, given.params as Schema | undefined);
    if (params === undefined) delete documented.params;
    else documented.params = params;
    if (given.body === undefined && config?.documentedBody !== undefined) documented.body = config.documentedBody;
    else if (given.body === undefined && consumes !== undefined)
      documented.body = { content: Object.fromEntries(consumes.map((t) => [t, { schema: BINARY }])) };
    documented.response = responsesFor(given.response as Schema | undefined, produces, access);
    collectDefinitions([documented.body, documented.response], definitions);
    documented.tags ??= [url.split('/')[2]!.replace(/\..*$/u, '')];
    documented.security = securityFor(access, methods);
    if (access !== undefined && access !== 'public' && access !== 'authenticated')
      documented.description ??= `Requires the permission ${access}.`;
    return { schema: documented as FastifySchema, url };
  };

export default fp(
  async (app) => {
    const definitions = new Map<string, unknown>();
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'protokols', version: pkg.version, description: 'The API of protokols: meeting minutes of cooperation groups.' },
        components: {
          securitySchemes: {
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: SESSION_COOKIE,
              description: 'The session cookie POST /api/session sets.',
            },
            csrf: {
              type: 'apiKey',
              in: 'header',
              name: CSRF_HEADER,
              description: "Every write with the session cookie carries the session's CSRF token (GET /api/me answers it as csrfToken).",
            },
          },
        },
      },
      transform: transform(definitions),
      transformObject: (documents) => {
        if (!('openapiObject' in documents)) throw new Error('OpenAPI 3 only');
        const document = documents.openapiObject;
        const hoisted = JSON.parse(JSON.stringify(Object.fromEntries(definitions)).replaceAll('"#/definitions/', '"#/components/schemas/'));
        document.components = { ...document.components, schemas: { ...document.components?.schemas, ...hoisted } };
        return document;
      },
    });

    let text: string | undefined;
    app.get(
      OPENAPI_URL,
      {
        config: { access: 'public' },
        schema: {
          summary: 'This description of the API (OpenAPI 3.1)',
          response: { 200: { type: 'object', additionalProperties: true, description: 'An OpenAPI 3.1 document' } },
        },
      },
      async (_req, reply) => {
        text ??= JSON.stringify(app.swagger());
        return reply.type('application/json; charset=utf-8').send(text);
      },
    );
  },
  { name: 'openapi', dependencies: ['auth'] },
);
