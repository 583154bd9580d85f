// Runs a change and writes its audit record in one transaction: who, when, which record, and
// the fields the change altered, as read by the spec's `load`. Routes, the CLI and jobs use it
// alike; a change's return value is never recorded: it may be a secret (a new calendar token).
// Every write of the group's data passes here, so here it bumps the group's data version too.
import type { Db, Executor } from '../db/database.ts';
import { recordChange, type Actor } from '../repositories/audit.ts';
import { bumpDataVersion } from '../repositories/data-version.ts';
import type { AuditedRecord, AuditLoad } from '../repositories/audit-records.ts';
import { transact } from '../db/transaction.ts';

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

/** An actor with no account: the command line or a scheduled job. */
export const SYSTEM: Actor = { userId: null, personId: null };

export async function runAudited<T>(
  db: Db,
  groupId: number,
  actor: Actor,
  spec: AuditSpec<T>,
  change: (trx: Executor) => Promise<T>,
): Promise<T> {
  return transact(db, async (trx) => {
    const before = spec.recordId !== undefined && spec.load !== undefined ? await spec.load(trx, spec.recordId) : null;
    const result = await change(trx);
    const id = spec.recordId ?? spec.createdId?.(result) ?? null;
    const read = spec.load ?? spec.added;
    // After a deletion the record is gone, and its load says so by throwing.
    const after = id === null || read === undefined ? null : await read(trx, id).catch(() => null);
    await recordChange(trx, groupId, actor, { action: spec.action, recordType: spec.recordType, recordId: id, before, after });
    await bumpDataVersion(trx, groupId);
    return result;
  });
}

/** A creation, audited with the new record's id and what the record's `load` reads of it. */
export function runAuditedCreate<T extends { id: number }>(
  db: Db,
  groupId: number,
  actor: Actor,
  record: AuditedRecord,
  create: (trx: Executor) => Promise<T>,
): Promise<T> {
  return runAudited(db, groupId, actor, { ...record, action: 'create', createdId: (r) => r.id }, create);
}
