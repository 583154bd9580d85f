// The outbox as the admin sees it: each message with its state and why it waits or failed, one
// message whole (the preview of the mail), and putting a message back in the queue.
import type { Db, Executor, OutboxRow, OutboxState } from '../../db/database.ts';
import { Conflict } from '../../domain/errors.ts';
import { GIVE_UP_AFTER_MS } from '../../domain/mail.ts';
import type { Actor } from '../../repositories/audit.ts';
import { outboxOfGroup, outboxRow, requeueMessage } from '../../repositories/outbox.ts';
import { runAudited } from '../audit.ts';

export interface OutboxEntry {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  state: OutboxState;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
  messageId: string;
  sittingId: number | null;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: Array<{ fileName: string; contentType: string; size: number }>;
}

const entryOf = (r: OutboxRow): OutboxEntry => ({
  id: r.id,
  kind: r.kind,
  recipient: r.recipient,
  subject: r.subject,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  sentAt: r.sent_at,
  lastError: r.last_error,
  messageId: r.message_id,
  sittingId: r.sitting_id,
});

export async function listOutbox(db: Executor, groupId: number, limit = 200): Promise<OutboxEntry[]> {
  return (await outboxOfGroup(db, groupId, limit)).map(entryOf);
}

export async function outboxMessage(db: Executor, groupId: number, id: number): Promise<OutboxMessage> {
  const r = await outboxRow(db, groupId, id);
  const attachments =
    r.attachments === null ? [] : (JSON.parse(r.attachments) as Array<{ fileName: string; contentType: string; base64: string }>);
  return {
    ...entryOf(r),
    text: r.text_body,
    html: r.html_body,
    headers: r.headers === null ? {} : (JSON.parse(r.headers) as Record<string, string>),
    attachments: attachments.map((a) => ({
      fileName: a.fileName,
      contentType: a.contentType,
      size: Buffer.from(a.base64, 'base64').length,
    })),
  };
}

/** Sends a message again (failed, or sent and asked for again) with its own Message-ID; one being sent is refused. */
export function resendMessage(db: Db, groupId: number, actor: Actor, id: number, now = new Date()): Promise<OutboxEntry> {
  return runAudited(db, groupId, actor, { action: 'resend', recordType: 'outbox', recordId: id }, async (trx) => {
    const row = await outboxRow(trx, groupId, id);
    if (row.state === 'sending' && row.lease_expires_at !== null && row.lease_expires_at > now.toISOString())
      throw new Conflict('Vēstule pašlaik tiek sūtīta; mēģiniet vēlāk.');
    await requeueMessage(trx, groupId, id, now, new Date(now.getTime() + GIVE_UP_AFTER_MS));
    return entryOf(await outboxRow(trx, groupId, id));
  });
}
