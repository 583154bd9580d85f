// The audit wrapper for routes: the signed-in user as the actor of services/audit.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../repositories/audit.ts';
import type { AuditedRecord } from '../repositories/audit-records.ts';
import { runAudited, runAuditedCreate, type AuditSpec } from '../services/audit.ts';

export type { AuditSpec } from '../services/audit.ts';

export const actorOf = (request: FastifyRequest): Actor => ({
  userId: request.user?.userId ?? null,
  personId: request.user?.personId ?? null,
});

export function audited<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  spec: AuditSpec<T>,
  change: (db: Executor) => Promise<T>,
): Promise<T> {
  return runAudited(app.db, app.groupId, actorOf(request), spec, change);
}

/** A creation, audited with the new record's id and what the record's `load` reads of it. */
export function auditedCreate<T extends { id: number }>(
  app: FastifyInstance,
  request: FastifyRequest,
  record: AuditedRecord,
  create: (db: Executor) => Promise<T>,
): Promise<T> {
  return runAuditedCreate(app.db, app.groupId, actorOf(request), record, create);
}
