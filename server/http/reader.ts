// The signed-in user of a request as the Reader that services judge visibility by.
import type { FastifyRequest } from 'fastify';
import { currentUser } from '../plugins/auth.ts';
import { readerFor, type Reader } from '../services/readers.ts';

export function readerOf(request: FastifyRequest): Reader {
  return readerFor(currentUser(request));
}
