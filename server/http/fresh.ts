// Conditional GET for the cached reads: the view's ETag, 304 when the browser already holds it, and
// a cached view serialized and encoded once however often it is sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Fresh } from '../services/read-cache.ts';

const serialized = new WeakMap<object, Buffer>();

/** RFC 9110 weak comparison: the opaque tags match, W/ or not; `*` matches any. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//u, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Sends a read: as it is when the cache is off, else with its ETag and `no-cache`, so browsers ask again each time. */
export function sendFresh<T>(request: FastifyRequest, reply: FastifyReply, fresh: Fresh<T>): T | FastifyReply {
  if (fresh.etag === null) return fresh.body;
  reply.header('etag', fresh.etag).header('cache-control', 'private, no-cache');
  if (matches(request.headers['if-none-match'], fresh.etag)) return reply.code(304).send();
  const body = fresh.body;
  if (typeof body !== 'object' || body === null) return body;
  let bytes = serialized.get(body);
  if (bytes === undefined) {
    bytes = Buffer.from(String(reply.serialize(body)), 'utf8');
    serialized.set(body, bytes);
  }
  return reply.type('application/json; charset=utf-8').send(bytes);
}
