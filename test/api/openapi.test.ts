// GET /api/openapi.json describes the API from the routes' own schemas: a valid OpenAPI 3 document
// listing every API route with what it takes and answers, built once at its first request.
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiRoute } from '../../server/plugins/auth.ts';
import { REPO_ROOT } from '../support/reference.ts';
import { testApp, type TestApp } from '../support/app.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: TestApp;
let doc: Json;
beforeAll(async () => {
  t = await testApp(null);
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/u);
  doc = res.json();
});
afterAll(async () => t.close());

const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
const names = (schema: Json): string[] => Object.keys(schema?.properties ?? {}).sort();

/** What the description leaves out of a route: nothing, or the parts it misses. */
function gaps(document: Json, route: ApiRoute): string[] {
  const operation = document.paths?.[openapiPath(route.url)]?.[route.method.toLowerCase()];
  if (operation === undefined) return [`${route.method} ${route.url}: the operation`];
  const found: string[] = [];
  const schema: Json = route.schema ?? {};
  const codes = Object.keys(operation.responses ?? {});
  if (!codes.some((c) => c.startsWith('2'))) found.push('a 2xx response');
  for (const code of Object.keys(schema.response ?? {})) if (!codes.includes(code)) found.push(`response ${code}`);
  const parameters = (where: string) =>
    (operation.parameters ?? [])
      .filter((p: Json) => p.in === where)
      .map((p: Json) => p.name)
      .sort();
  if (schema.params !== undefined) {
    const inUrl = names(schema.params).filter((n) => route.url.includes(`:${n}`));
    if (JSON.stringify(parameters('path')) !== JSON.stringify(inUrl)) found.push('path parameters');
  }
  if (schema.querystring !== undefined && JSON.stringify(parameters('query')) !== JSON.stringify(names(schema.querystring)))
    found.push('query parameters');
  if (schema.body !== undefined) {
    const body = operation.requestBody?.content?.['application/json']?.schema;
    if (body === undefined || JSON.stringify(names(body)) !== JSON.stringify(names(schema.body))) found.push('the body');
  }
  return found.map((gap) => `${route.method} ${route.url}: ${gap}`);
}

describe('the OpenAPI description', () => {
  it('is a valid OpenAPI 3 document named protokols, with the version of package.json', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    expect(doc.openapi).toMatch(/^3\./u);
    const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8'));
    expect(doc.info).toMatchObject({ title: 'protokols', version: pkg.version });
  });

  it('lists every API route of the app with a 2xx answer and the body, path and query schemas it declares', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(50);
    expect(t.app.apiRoutes.flatMap((route) => gaps(doc, route))).toEqual([]);
    const operations = Object.values(doc.paths).flatMap((ops) => Object.keys(ops as object));
    expect(operations).toHaveLength(t.app.apiRoutes.length);
  });

  it('a route left out, or a schema dropped, is reported', () => {
    const route = (url: string, method: string) => t.app.apiRoutes.find((r) => r.url === url && r.method === method)!;
    const without = structuredClone(doc);
    delete without.paths['/api/me'];
    delete without.paths['/api/people']!.post.requestBody;
    without.paths['/api/audit'].get.parameters = [];
    expect(gaps(without, route('/api/me', 'GET'))).toEqual(['GET /api/me: the operation']);
    expect(gaps(without, route('/api/people', 'POST'))).toEqual(['POST /api/people: the body']);
    expect(gaps(without, route('/api/audit', 'GET'))).toEqual(['GET /api/audit: query parameters']);
  });

  it('describes the API only: no front-end file or other route outside /api/', () => {
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('documents the session cookie and the CSRF header: reads need the cookie, writes both, public routes neither', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'protokols_session' },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
    expect(doc.paths['/api/sittings'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/sittings'].post.security).toEqual([{ session: [], csrf: [] }]);
    expect(doc.paths['/api/session'].post.security).toEqual([]);
    expect(doc.paths['/api/openapi.json'].get.security).toEqual([]);
    expect(doc.paths['/api/people/{id}/actions.ics'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/api/sittings'].post.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });

  it('gives downloads and uploads their own content types, while their errors stay JSON', () => {
    const content = (path: string, method = 'get', code = '200') => Object.keys(doc.paths[path][method].responses[code].content);
    expect(content('/api/decisions.csv')).toEqual(['text/csv']);
    expect(content('/api/me/actions.ics')).toEqual(['text/calendar']);
    expect(content('/api/people/{id}/actions.ics')).toEqual(['text/calendar']);
    expect(content('/api/sittings/{id}/minutes.docx')).toEqual(['application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    expect(content('/api/sittings/{id}/signatures/{n}/minutes.docx')).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    expect(content('/api/sittings/{id}/minutes.html')).toEqual(['text/html']);
    expect(content('/api/sittings/{id}/signed-copy')).toEqual(['application/pdf', 'application/vnd.etsi.asic-e+zip']);
    expect(content('/api/sittings/{id}/export')).toEqual(['application/json']);
    expect(content('/api/decisions.csv', 'get', '400')).toEqual(['application/json']);
    expect(Object.keys(doc.paths['/api/sittings/{id}/signed-copy'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['application/pdf', 'application/vnd.etsi.asic-e+zip']),
    );
  });

  it('documents the body of a sitting import, which the service validates itself, as the sitting document', () => {
    const body = doc.paths['/api/sittings/import'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['format', 'number', 'date', 'members', 'agenda', 'decisions']));
  });

  it('is built at its first request, not at start, and then served from memory', async () => {
    const fresh = await testApp(null);
    try {
      // Built at start, the handler would not need to call it at all.
      const build = vi.spyOn(fresh.app, 'swagger');
      const first = await fresh.app.inject({ method: 'GET', url: '/api/openapi.json' });
      const second = await fresh.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(build).toHaveBeenCalledTimes(1);
      expect(second.body).toBe(first.body);
    } finally {
      await fresh.close();
    }
  });
});
