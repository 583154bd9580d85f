// Runs a change and writes its audit record in one transaction: who, when, which record, and
// the fields the change altered, as read by the spec's `load`. A change's return value is never
// recorded: it may be a secret (a new calendar token).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.ts';
import type { AuditedRecord, AuditLoad } from '../repositories/audit-records.ts';
import { recordChange } from '../repositories/audit.ts';

export interface AuditSpec<T> {
  action: string;
  recordType: string;
  /** The record's id, when it exists before the change. */
  recordId?: number;
  /** The id of a record the change created. */
  createdId?: (result: T) => number;
  /** Reads the record before and after the change; the trail keeps the fields that differ. */
  load?: AuditLoad;
  /** Reads what the change added to the record (a note, an uploaded copy), kept whole. */
  added?: AuditLoad;
}

export async function audited<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  spec: AuditSpec<T>,
  change: (db: Executor) => Promise<T>,
): Promise<T> {
  return app.db.transaction().execute(async (trx) => {
    const before = spec.recordId !== undefined && spec.load !== undefined ? await spec.load(trx, spec.recordId) : null;
    const result = await change(trx);
    const id = spec.recordId ?? spec.createdId?.(result) ?? null;
    const read = spec.load ?? spec.added;
    // After a deletion the record is gone, and its load says so by throwing.
    const after = id === null || read === undefined ? null : await read(trx, id).catch(() => null);
    await recordChange(
      trx,
      app.groupId,
      { userId: request.user?.userId ?? null, personId: request.user?.personId ?? null },
      { action: spec.action, recordType: spec.recordType, recordId: id, before, after },
    );
    return result;
  });
}

/** A creation, audited with the new record's id and what the record's `load` reads of it. */
export function auditedCreate<T extends { id: number }>(
  app: FastifyInstance,
  request: FastifyRequest,
  record: AuditedRecord,
  create: (db: Executor) => Promise<T>,
): Promise<T> {
  return audited(app, request, { ...record, action: 'create', createdId: (r) => r.id }, create);
}
