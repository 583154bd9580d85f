// Writes a worded mail to the outbox in the caller's transaction, with its Message-ID made now.
import type { Executor } from '../../db/database.ts';
import { GIVE_UP_AFTER_MS } from '../../domain/mail.ts';
import { enqueueMessage, type OutgoingAttachment } from '../../repositories/outbox.ts';
import type { WordedMail } from '../../wording/mail-templates.ts';
import { newMessageId, type MailContext } from './context.ts';

export interface Outgoing {
  groupId: number;
  kind: string;
  sittingId: number | null;
  personId: number | null;
  recipient: string;
  mail: WordedMail;
  attachments?: OutgoingAttachment[];
  headers?: Record<string, string>;
  dedupeKey?: string | null;
}

/** Returns whether it was written (a message with the same dedupe key is written only once). */
export function enqueue(trx: Executor, ctx: MailContext, m: Outgoing, now: Date): Promise<boolean> {
  return enqueueMessage(trx, {
    groupId: m.groupId,
    kind: m.kind,
    sittingId: m.sittingId,
    personId: m.personId,
    recipient: m.recipient.trim(),
    subject: m.mail.subject,
    text: m.mail.text,
    html: m.mail.html,
    attachments: m.attachments ?? [],
    headers: m.headers ?? {},
    messageId: newMessageId(ctx),
    dedupeKey: m.dedupeKey ?? null,
    now,
    giveUpAt: new Date(now.getTime() + GIVE_UP_AFTER_MS),
  });
}

export const icsAttachment = (ics: string, method: 'REQUEST' | 'CANCEL'): OutgoingAttachment => ({
  fileName: method === 'CANCEL' ? 'atcelts.ics' : 'uzaicinajums.ics',
  contentType: `text/calendar; charset=utf-8; method=${method}`,
  base64: Buffer.from(ics, 'utf8').toString('base64'),
});
