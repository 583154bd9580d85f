// Who a request comes from, as the services take it: the Actor of a write, the Reader of a read,
// and the group whose records it reads and writes (the session's, never a default).
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../repositories/audit.ts';
import { currentUser } from '../plugins/auth.ts';
import { readerFor, type Reader } from '../services/readers.ts';

export const actorOf = (request: FastifyRequest): Actor => ({
  userId: request.user?.userId ?? null,
  personId: request.user?.personId ?? null,
});

export function readerOf(request: FastifyRequest): Reader {
  return readerFor(currentUser(request));
}

/** The logged-in user's group: every group-owned record a request touches is bounded by it. */
export function groupOf(request: FastifyRequest): number {
  return currentUser(request).groupId;
}
