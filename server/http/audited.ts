// Runs a change and writes its audit record in one transaction: who, when, which record, and
// the record as it was before and after.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.ts';
import { appendAudit } from '../repositories/audit.ts';

export interface AuditSpec<T> {
  action: string;
  recordType: string;
  /** The record's id, when it exists before the change. */
  recordId?: number;
  /** Reads the record, for its state before and after the change. */
  load?: (db: Executor) => Promise<unknown>;
  /** The id of a record the change created. */
  createdId?: (result: T) => number;
}

export async function audited<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  spec: AuditSpec<T>,
  change: (db: Executor) => Promise<T>,
): Promise<T> {
  return app.db.transaction().execute(async (trx) => {
    const before = spec.load === undefined ? null : await spec.load(trx);
    const result = await change(trx);
    const after = spec.load === undefined ? (result ?? null) : await spec.load(trx).catch(() => null);
    await appendAudit(
      trx,
      app.groupId,
      { userId: request.user?.userId ?? null, personId: request.user?.personId ?? null },
      {
        action: spec.action,
        recordType: spec.recordType,
        recordId: spec.recordId ?? (spec.createdId === undefined ? null : spec.createdId(result)),
        before,
        after,
      },
    );
    return result;
  });
}

/** A creation, audited with the new record's id. */
export function auditedCreate<T extends { id: number }>(
  app: FastifyInstance,
  request: FastifyRequest,
  recordType: string,
  create: (db: Executor) => Promise<T>,
): Promise<T> {
  return audited(app, request, { action: 'create', recordType, createdId: (r) => r.id }, create);
}
