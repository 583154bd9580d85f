// The audit trail: who changed what and when, before and after, appended in the same
// transaction as the change; never updated or deleted.
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
      before: event.before === undefined || event.before === null ? null : JSON.stringify(event.before),
      after: event.after === undefined || event.after === null ? null : JSON.stringify(event.after),
    })
    .execute();
}

export interface AuditQuery {
  recordType?: string;
  recordId?: number;
  userId?: number;
  from?: string;
  to?: string;
  limit?: number;
}

export async function listAudit(db: Executor, groupId: number, q: AuditQuery) {
  let query = db.selectFrom('audit_log').selectAll().where('group_id', '=', groupId);
  if (q.recordType !== undefined) query = query.where('record_type', '=', q.recordType);
  if (q.recordId !== undefined) query = query.where('record_id', '=', q.recordId);
  if (q.userId !== undefined) query = query.where('user_id', '=', q.userId);
  if (q.from !== undefined) query = query.where('at', '>=', q.from);
  if (q.to !== undefined) query = query.where('at', '<=', q.to);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit ?? 500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    personId: r.person_id,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  }));
}
