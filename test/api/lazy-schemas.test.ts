// Route schemas compile at each route's first request rather than at start (server/http/lazy-schemas.ts);
// compileSchemas() still compiles them all, so a broken schema fails here and not at a user's request.
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazySchemas } from '../../server/http/lazy-schemas.ts';
import { testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('route schemas compiled at first use', () => {
  it("every route's validators and serializers compile", () => {
    expect(t.app.compileSchemas()).toBeGreaterThan(50);
    expect(t.app.compileSchemas()).toBe(0);
  });

  it('the first request to a route is validated and coerced like any later one', async () => {
    const bad = await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-02-30' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('date');
    const coerced = await t.inject({ method: 'GET', url: '/api/audit?limit=2' });
    expect(coerced.statusCode).toBe(200);
    expect(Array.isArray(coerced.json())).toBe(true);
    const refused = await t.inject({ method: 'GET', url: '/api/decisions?limit=abc' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().field).toBe('query.limit');
  });

  it('a schema that cannot compile does not stop the start, but fails compileSchemas and its route', async () => {
    const schemas = lazySchemas();
    const app = Fastify({ schemaController: schemas.schemaController });
    app.post('/x', { schema: { body: Type.Object({ n: Type.Unsafe<number>({ type: 'no-such-type' }) }) } }, () => 'ok');
    await app.ready();
    try {
      expect(() => schemas.compileAll()).toThrow(/no-such-type|type must be/u);
      expect((await app.inject({ method: 'POST', url: '/x', payload: { n: 1 } })).statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });
});
