// Conditional GET for the cached reads: the view's ETag, 304 when the browser already holds it, and
// a cached view serialized, encoded and compressed once however often it is sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Fresh } from '../services/read-cache.ts';
import { chosenEncoding, EncodedBody } from './compression.ts';

const serialized = new WeakMap<object, EncodedBody>();

/** RFC 9110 weak comparison: the opaque tags match, W/ or not; `*` matches any. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//u, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** A cached view's bytes, made at its first sending and kept as long as the view is. */
export function bytesOfView(body: object, serialize: (body: object) => unknown): EncodedBody {
  let bytes = serialized.get(body);
  if (bytes === undefined) {
    bytes = new EncodedBody(Buffer.from(String(serialize(body)), 'utf8'));
    serialized.set(body, bytes);
  }
  return bytes;
}

/** Sends a read: as it is when the cache is off, else with its ETag and `no-cache`, so browsers ask again each time. */
export function sendFresh<T>(request: FastifyRequest, reply: FastifyReply, fresh: Fresh<T>): T | FastifyReply {
  if (fresh.etag === null) return fresh.body;
  reply.header('etag', fresh.etag).header('cache-control', 'private, no-cache');
  if (matches(request.headers['if-none-match'], fresh.etag)) return reply.code(304).send();
  const body = fresh.body;
  if (typeof body !== 'object' || body === null) return body;
  const bytes = bytesOfView(body, (b) => reply.serialize(b));
  reply.type('application/json; charset=utf-8');
  const encoding = chosenEncoding(request.headers, bytes.identity.length);
  if (encoding === null) return reply.send(bytes.identity);
  // Sent encoded already, which @fastify/compress leaves as it is: its headers are set here.
  return reply.header('vary', 'accept-encoding').header('content-encoding', encoding).send(bytes.in(encoding));
}
