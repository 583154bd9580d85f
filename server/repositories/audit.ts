// The audit trail: who changed which fields of what and when, written in the same transaction as
// the change. Records are never deleted; the only update folds a user's next edit of the same
// fields into their last record of that record (domain/audit-record.ts).
import { continues, fieldChanges, folded, withoutSecrets, type FieldChanges } from '../domain/audit-record.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from './rows.ts';

export interface Actor {
  userId: number | null;
  personId: number | null;
}

export interface AuditEvent {
  action: string;
  recordType: string;
  recordId: number | null;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(withoutSecrets(value)));
const parsed = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

/** Appends one record as given (secrets still left out). */
export async function appendAudit(db: Executor, groupId: number, actor: Actor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      group_id: groupId,
      at: nowIso(),
      user_id: actor.userId,
      person_id: actor.personId,
      action: event.action,
      record_type: event.recordType,
      record_id: event.recordId,
      before: json(event.before),
      after: json(event.after),
    })
    .execute();
}

/** A user's last record of one record (an index finds it: audit_log_actor_record_idx). */
export function lastRecordOf(db: Executor, groupId: number, userId: number, recordType: string, recordId: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'action', 'at', 'before', 'after'])
    .where('user_id', '=', userId)
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('group_id', '=', groupId)
    .orderBy('id', 'desc')
    .limit(1);
}

/**
 * Records a change from the record's states before and after it: only the fields that differ,
 * folded into the user's last record of this record when it continues that one.
 */
export async function recordChange(db: Executor, groupId: number, actor: Actor, event: AuditEvent): Promise<void> {
  const changes = fieldChanges(event.before, event.after);
  if (actor.userId !== null && event.recordId !== null) {
    const last = await lastRecordOf(db, groupId, actor.userId, event.recordType, event.recordId).executeTakeFirst();
    const lastChanges: FieldChanges | null = last === undefined ? null : { before: parsed(last.before), after: parsed(last.after) };
    if (
      last !== undefined &&
      lastChanges !== null &&
      continues({ ...last, changes: lastChanges }, { action: event.action, changes }, new Date())
    ) {
      await db
        .updateTable('audit_log')
        .set((eb) => ({ after: json(folded(lastChanges, changes).after), last_at: nowIso(), changes: eb('changes', '+', 1) }))
        .where('id', '=', last.id)
        .execute();
      return;
    }
  }
  await appendAudit(db, groupId, actor, { ...event, ...changes });
}

export interface AuditQuery {
  recordType?: string;
  recordId?: number;
  userId?: number;
  from?: string;
  to?: string;
  /** The id of the last record of the previous page: this page starts below it. */
  after?: number;
  limit: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  lastAt: string;
  changes: number;
  userId: number | null;
  personId: number | null;
  action: string;
  recordType: string;
  recordId: number | null;
  before: unknown;
  after: unknown;
}

/** One page of the trail, newest first, and whether an older page follows. */
export async function listAudit(db: Executor, groupId: number, q: AuditQuery): Promise<{ entries: AuditEntry[]; more: boolean }> {
  let query = db.selectFrom('audit_log').selectAll().where('group_id', '=', groupId);
  if (q.recordType !== undefined) query = query.where('record_type', '=', q.recordType);
  if (q.recordId !== undefined) query = query.where('record_id', '=', q.recordId);
  if (q.userId !== undefined) query = query.where('user_id', '=', q.userId);
  if (q.from !== undefined) query = query.where('at', '>=', q.from);
  if (q.to !== undefined) query = query.where('at', '<=', q.to);
  if (q.after !== undefined) query = query.where('id', '<', q.after);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const entries = rows.slice(0, q.limit).map((r) => ({
    id: r.id,
    at: r.at,
    lastAt: r.last_at ?? r.at,
    changes: r.changes,
    userId: r.user_id,
    personId: r.person_id,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    before: parsed(r.before),
    after: parsed(r.after),
  }));
  return { entries, more: rows.length > q.limit };
}
