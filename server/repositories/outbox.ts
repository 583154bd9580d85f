// The outbox's rows: writing a message (in the caller's transaction), claiming due ones under a
// lease, and recording how a delivery went. Whoever holds the lease is the only one to send it.
import type { Executor, OutboxRow, OutboxState } from '../db/database.ts';
import { notFound } from '../domain/errors.ts';

export interface OutgoingAttachment {
  fileName: string;
  contentType: string;
  /** The bytes, base64. */
  base64: string;
}

export interface NewMessage {
  groupId: number;
  kind: string;
  sittingId: number | null;
  personId: number | null;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  attachments: OutgoingAttachment[];
  headers: Record<string, string>;
  messageId: string;
  dedupeKey: string | null;
  now: Date;
  giveUpAt: Date;
}

/** Writes one message; one whose dedupe key is already there is not written again (false). */
export async function enqueueMessage(db: Executor, m: NewMessage): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values({
      group_id: m.groupId,
      kind: m.kind,
      sitting_id: m.sittingId,
      person_id: m.personId,
      recipient: m.recipient,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      attachments: m.attachments.length === 0 ? null : JSON.stringify(m.attachments),
      headers: Object.keys(m.headers).length === 0 ? null : JSON.stringify(m.headers),
      message_id: m.messageId,
      dedupe_key: m.dedupeKey,
      next_attempt_at: m.now.toISOString(),
      give_up_at: m.giveUpAt.toISOString(),
      created_at: m.now.toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Ids of messages ready to send at `now`: pending and due, or held under a lease that ran out. */
export async function dueMessageIds(db: Executor, now: Date, limit: number): Promise<number[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('state', '=', 'sending'), eb('lease_expires_at', '<=', at)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes one message for `owner` until `leaseUntil`, if it is still free: one conditional update,
 * so of two instances racing for it exactly one wins. Returns the row when this owner got it.
 */
export async function claimMessage(db: Executor, id: number, owner: string, now: Date, leaseUntil: Date): Promise<OutboxRow | undefined> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({ state: 'sending', lease_owner: owner, lease_expires_at: leaseUntil.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('state', '=', 'sending'), eb('lease_expires_at', '<=', at)]),
      ]),
    )
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return db.selectFrom('outbox').selectAll().where('id', '=', id).where('lease_owner', '=', owner).executeTakeFirst();
}

/** Records the outcome of a send this owner made under its lease. */
export async function settleMessage(
  db: Executor,
  id: number,
  owner: string,
  outcome: { state: OutboxState; nextAttemptAt?: Date; error: string | null; sentAt?: Date },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: outcome.state,
      lease_owner: null,
      lease_expires_at: null,
      last_error: outcome.error,
      ...(outcome.nextAttemptAt === undefined ? {} : { next_attempt_at: outcome.nextAttemptAt.toISOString() }),
      ...(outcome.sentAt === undefined ? {} : { sent_at: outcome.sentAt.toISOString() }),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Notes on every waiting message why it is not sent (no SMTP server configured). */
export async function noteWaiting(db: Executor, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error: reason })
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('last_error', 'is', null), eb('last_error', '!=', reason)]))
    .execute();
}

export function outboxOfGroup(db: Executor, groupId: number, limit: number): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('group_id', '=', groupId).orderBy('id', 'desc').limit(limit).execute();
}

export async function outboxRow(db: Executor, groupId: number, id: number): Promise<OutboxRow> {
  const row = await db.selectFrom('outbox').selectAll().where('group_id', '=', groupId).where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('vēstule', id);
  return row;
}

/** Puts a message back in the queue now, with a fresh day of retries. */
export async function requeueMessage(db: Executor, groupId: number, id: number, now: Date, giveUpAt: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      give_up_at: giveUpAt.toISOString(),
      lease_owner: null,
      lease_expires_at: null,
      last_error: null,
    })
    .where('group_id', '=', groupId)
    .where('id', '=', id)
    .execute();
}
