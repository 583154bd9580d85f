// Delivers the outbox: each due message is claimed under a lease in the database (so two app
// instances never send the same one), sent over SMTP with its stored Message-ID (so a redelivery
// after a crash between the server's acceptance and our commit is the same message), and settled:
// sent, retried with backoff (1 minute doubling to an hour), or given up after 24 hours.
import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Db, OutboxRow } from '../../db/database.ts';
import { retryDelayMs } from '../../domain/mail.ts';
import { claimMessage, dueMessageIds, noteWaiting, settleMessage, type OutgoingAttachment } from '../../repositories/outbox.ts';

/** What the outbox says of every waiting message while no SMTP server is configured. */
export const NO_SMTP = 'SMTP_URL nav iestatīts: vēstules netiek sūtītas.';

export interface OutgoingMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
  attachments: OutgoingAttachment[];
}

/** Hands one message to an SMTP server; rejects when the server refuses it or the connection fails. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * nodemailer over `smtpUrl` (`smtp://user:pass@host:587`: STARTTLS when the server offers it;
 * `smtps://` for TLS from the start). One connection per message; timeouts well within the lease.
 */
export function smtpMailer(smtpUrl: string, timeoutsMs = 60_000): Mailer {
  // nodemailer is loaded with the first message, not at start: its import of node:http as an ES
  // module made Node load its fetch (undici) too, a twentieth of every start.
  let transport: Promise<Transporter> | undefined;
  const transportNow = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: timeoutsMs / 2,
        greetingTimeout: timeoutsMs / 2,
        socketTimeout: timeoutsMs,
        // Never into the log: the URL holds the password.
        logger: false,
      }),
    ));
  return {
    async send(m) {
      const calendar = m.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      const sender = await transportNow();
      await sender.sendMail({
        from: m.from,
        to: m.to,
        ...(m.replyTo === undefined ? {} : { replyTo: m.replyTo }),
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        date: m.date,
        headers: m.headers,
        // An invitation goes as iTIP (text/calendar; method=…) that Outlook and Google act on, and as a file.
        ...(calendar === undefined
          ? {}
          : {
              icalEvent: {
                filename: calendar.fileName,
                method: /method=(\w+)/u.exec(calendar.contentType)?.[1] ?? 'REQUEST',
                content: Buffer.from(calendar.base64, 'base64').toString('utf8'),
              },
            }),
        attachments: m.attachments
          .filter((a) => a !== calendar)
          .map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') })),
      });
    },
    // A transport that could not be made has nothing to close (its send already failed).
    close: () =>
      void transport?.then(
        (t) => t.close(),
        () => undefined,
      ),
  };
}

/** An SMTP failure as the outbox shows it: the server's code and answer, never the connection URL. */
export function describeFailure(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.responseCode !== undefined) return `${e.responseCode} ${(e.response ?? '').slice(0, 300)}`.trim();
  return `${e.code ?? 'ERROR'} ${(e.message ?? '').replace(/\w+:\/\/[^\s]*/gu, '…').slice(0, 300)}`.trim();
}

export function mailOf(row: OutboxRow, from: string): OutgoingMail {
  const headers = row.headers === null ? {} : (JSON.parse(row.headers) as Record<string, string>);
  const { 'Reply-To': replyTo, ...rest } = headers;
  return {
    from,
    to: row.recipient,
    ...(replyTo === undefined ? {} : { replyTo }),
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: row.message_id,
    date: new Date(row.created_at),
    headers: rest,
    attachments: row.attachments === null ? [] : (JSON.parse(row.attachments) as OutgoingAttachment[]),
  };
}

export interface DeliveryOptions {
  from: string;
  /** This instance's name on the leases it takes. */
  owner?: string;
  leaseMs?: number;
  now?: () => Date;
  /** How many messages one pass looks at. */
  batch?: number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends every message due now, once; with no mailer, only notes on the waiting ones why. */
export async function deliverDue(db: Db, mailer: Mailer | null, options: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  if (mailer === null) {
    await noteWaiting(db, NO_SMTP);
    return report;
  }
  const owner = options.owner ?? randomUUID();
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const seen = new Set<number>();
  for (;;) {
    const ids = (await dueMessageIds(db, now(), options.batch ?? 50)).filter((id) => !seen.has(id));
    if (ids.length === 0) return report;
    for (const id of ids) {
      seen.add(id);
      const start = now();
      const row = await claimMessage(db, id, owner, start, new Date(start.getTime() + leaseMs));
      if (row === undefined) continue;
      try {
        await mailer.send(mailOf(row, options.from));
      } catch (error) {
        const at = now();
        const giveUp = at.toISOString() >= row.give_up_at;
        await settleMessage(db, id, owner, {
          state: giveUp ? 'failed' : 'pending',
          nextAttemptAt: new Date(at.getTime() + retryDelayMs(row.attempts)),
          error: describeFailure(error),
        });
        if (giveUp) report.failed++;
        else report.retried++;
        continue;
      }
      await settleMessage(db, id, owner, { state: 'sent', error: null, sentAt: now() });
      report.sent++;
    }
  }
}
