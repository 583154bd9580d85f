// The mails about a sitting: the invitation when the secretary announces it (with the agenda and
// an .ics REQUEST), an update when its time or place changes afterwards (same UID, higher
// SEQUENCE), a cancellation (METHOD:CANCEL) when it is deleted, and the signed minutes to the
// members. Each is written to the outbox in the transaction of the change that causes it; what a
// mail shows of the sitting is its public view, since a mail leaves the system.
import { randomUUID } from 'node:crypto';
import type { Db, Executor, SittingRow } from '../../db/database.ts';
import { Conflict } from '../../domain/errors.ts';
import { isInvited, isMailAddress } from '../../domain/mail.ts';
import { fullView, publicView, sittingFor, sittingRevealsConfidential } from '../../domain/reader-view.ts';
import { assertDraft } from '../../domain/sitting-lock.ts';
import { sittingInvitation } from '../../exports/icalendar.ts';
import { longDateParts, shortDate, clockTime } from '../../minutes/typography.ts';
import type { Actor } from '../../repositories/audit.ts';
import { getGroup } from '../../repositories/group.ts';
import { invitationOf, mailSettings, saveInvitation, type InvitationRow } from '../../repositories/mail.ts';
import { listPeople } from '../../repositories/people.ts';
import { latestSigned } from '../../repositories/signed-minutes.ts';
import { sittingRow } from '../../repositories/sittings.ts';
import type { SittingDetail } from '../../schemas/sittings.ts';
import type { MailKind } from '../../wording/mail-templates.ts';
import { runAudited } from '../audit.ts';
import { sittingData } from '../sittings.ts';
import { groupWording } from '../wording.ts';
import { addressOf, links, type MailContext } from './context.ts';
import { enqueue, icsAttachment } from './enqueue.ts';

export const longDate = (iso: string): string => {
  const p = longDateParts(iso);
  return `${p.year}.\u00a0gada ${p.day}.\u00a0${p.month}`;
};

interface Recipient {
  personId: number;
  name: string;
  email: string;
}

/** Present members and invited specialists of the sitting who have an e-mail address. */
async function invitees(db: Executor, groupId: number, sitting: SittingDetail): Promise<Recipient[]> {
  const emails = new Map((await listPeople(db, groupId)).map((p) => [p.id, p.email]));
  const seen = new Set<number>();
  const out: Recipient[] = [];
  for (const a of sitting.attendance) {
    const email = emails.get(a.personId);
    if (!isInvited(a.role) || !isMailAddress(email) || seen.has(a.personId)) continue;
    seen.add(a.personId);
    out.push({ personId: a.personId, name: a.name, email: email.trim() });
  }
  return out;
}

/** The agenda as a mail shows it: the follow-up item first with the carried decisions under it. */
function agendaOf(sitting: SittingDetail) {
  const items = [...sitting.agendaItems].sort((a, b) => Number(b.followUp) - Number(a.followUp) || a.position - b.position);
  return items.map((item, i) => ({
    position: i + 1,
    title: item.title,
    rapporteur: item.rapporteur,
    carried: item.followUp
      ? sitting.carryOver.map((c) => ({ reference: c.reference, text: c.text, due: c.due === null ? null : shortDate(c.due) }))
      : [],
  }));
}

const termsOf = (inv: InvitationRow) => ({ date: inv.date, startTime: inv.startTime, endTime: inv.endTime, place: inv.place });

async function sendToInvitees(
  trx: Executor,
  groupId: number,
  row: SittingRow,
  inv: InvitationRow,
  kind: MailKind,
  ctx: MailContext,
  now: Date,
): Promise<number> {
  const templates = (await groupWording(trx, groupId)).mail;
  const [group, settings, whole] = await Promise.all([
    getGroup(trx, groupId),
    mailSettings(trx, groupId),
    sittingData(trx, groupId, row.id),
  ]);
  const sitting = sittingFor(publicView(templates.restricted), whole);
  const organizer = { name: group.name, email: settings.replyTo ?? addressOf(ctx.from) };
  const method = kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
  const recipients = await invitees(trx, groupId, sitting);
  for (const r of recipients) {
    const values = {
      name: r.name,
      groupName: group.name,
      number: row.number,
      dateLong: longDate(inv.date),
      time: inv.startTime === null ? null : clockTime(inv.startTime),
      endTime: inv.endTime === null ? null : clockTime(inv.endTime),
      place: inv.place,
      agenda: agendaOf(sitting),
      sittingUrl: links(ctx).sitting(row.id),
      replyTo: settings.replyTo,
    };
    const mail = templates.word(kind, values);
    const ics = sittingInvitation(
      {
        uid: inv.uid,
        sequence: inv.sequence,
        method,
        ...termsOf(inv),
        summary: mail.subject,
        description: mail.text,
        organizer,
        attendee: { name: r.name, email: r.email },
      },
      now,
    );
    await enqueue(
      trx,
      ctx,
      {
        groupId,
        kind,
        sittingId: row.id,
        personId: r.personId,
        recipient: r.email,
        mail,
        attachments: [icsAttachment(ics, method)],
        headers: settings.replyTo === null ? {} : { 'Reply-To': settings.replyTo },
      },
      now,
    );
  }
  return recipients.length;
}

export interface Announcement {
  recipients: number;
  sequence: number;
}

/**
 * Announces a draft sitting: every present member and invited specialist with an address gets the
 * invitation. Announcing again sends it again as a newer version of the same calendar event.
 */
export function announceSitting(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  ctx: MailContext,
  now = new Date(),
): Promise<Announcement> {
  return runAudited(db, groupId, actor, { action: 'announce', recordType: 'sitting', recordId: sittingId }, async (trx) => {
    const row = await sittingRow(trx, groupId, sittingId);
    assertDraft(row);
    const before = await invitationOf(trx, groupId, sittingId);
    const host = new URL(ctx.baseUrl).hostname;
    const inv: InvitationRow = {
      uid: before?.uid ?? `sitting-${randomUUID()}@${host}`,
      sequence: before === undefined ? 0 : before.sequence + 1,
      date: row.date,
      startTime: row.start_time,
      endTime: row.end_time,
      place: row.place,
      cancelled: false,
    };
    await saveInvitation(trx, groupId, sittingId, inv, now);
    const recipients = await sendToInvitees(trx, groupId, row, inv, 'invitation', ctx, now);
    if (recipients === 0) throw new Conflict('Nevienam sēdes dalībniekam nav norādīta e-pasta adrese; uzaicinājums nav nosūtīts.');
    return { recipients, sequence: inv.sequence };
  });
}

/** After an edit of an announced sitting: a changed date, time or place goes out as an update. */
export async function sittingEdited(trx: Executor, groupId: number, sittingId: number, ctx: MailContext, now = new Date()): Promise<void> {
  const inv = await invitationOf(trx, groupId, sittingId);
  if (inv === undefined || inv.cancelled) return;
  const row = await sittingRow(trx, groupId, sittingId);
  const terms = { date: row.date, startTime: row.start_time, endTime: row.end_time, place: row.place };
  if (JSON.stringify(terms) === JSON.stringify(termsOf(inv))) return;
  const next = { ...inv, ...terms, sequence: inv.sequence + 1 };
  await saveInvitation(trx, groupId, sittingId, next, now);
  await sendToInvitees(trx, groupId, row, next, 'update', ctx, now);
}

/** Before an announced draft is deleted: its invitees get the cancellation. */
export async function sittingCancelled(
  trx: Executor,
  groupId: number,
  sittingId: number,
  ctx: MailContext,
  now = new Date(),
): Promise<void> {
  const inv = await invitationOf(trx, groupId, sittingId);
  if (inv === undefined || inv.cancelled) return;
  const row = await sittingRow(trx, groupId, sittingId);
  const next = { ...inv, sequence: inv.sequence + 1, cancelled: true };
  await saveInvitation(trx, groupId, sittingId, next, now);
  await sendToInvitees(trx, groupId, row, next, 'cancellation', ctx, now);
}

/**
 * The signed minutes to every active member with an address: a link and the file's SHA-256, or the
 * DOCX attached when the group says so (the public version whenever the sitting has confidential
 * text: an attachment is a copy outside the system). `copy` is a signed copy uploaded in
 * e-signature mode, whose own hash the mail then gives.
 */
export async function signedMinutesMail(
  trx: Executor,
  groupId: number,
  sittingId: number,
  ctx: MailContext,
  copy: { sha256: string } | null,
  now = new Date(),
): Promise<void> {
  const signed = await latestSigned(trx, sittingId);
  if (signed === undefined) return;
  const templates = (await groupWording(trx, groupId)).mail;
  const [settings, sitting, members] = await Promise.all([
    mailSettings(trx, groupId),
    sittingData(trx, groupId, sittingId),
    listPeople(trx, groupId, { active: true, member: true }),
  ]);
  const confidential = sittingRevealsConfidential(fullView(templates.restricted), sitting);
  const attach = settings.attachDocx;
  const bytes = confidential ? signed.docx_public : signed.docx_full;
  const fileName = `${signed.file_name.replace(/\.docx$/u, '')}${confidential ? '_publiska' : ''}.docx`;
  const sha256 = copy?.sha256 ?? (attach ? (confidential ? signed.sha256_public : signed.sha256_full) : signed.sha256_full);
  const minutesUrl = `${ctx.baseUrl}/api/sittings/${sittingId}/${copy === null ? 'minutes.docx' : 'signed-copy'}`;
  for (const m of members) {
    if (!isMailAddress(m.email)) continue;
    const mail = templates.word('signed', {
      name: m.fullName,
      number: sitting.number,
      dateLong: longDate(sitting.date),
      attached: attach,
      fileName,
      minutesUrl,
      sittingUrl: links(ctx).minutes(sittingId),
      sha256,
      publicVersion: attach && confidential,
    });
    await enqueue(
      trx,
      ctx,
      {
        groupId,
        kind: 'signed',
        sittingId,
        personId: m.id,
        recipient: m.email,
        mail,
        attachments: attach
          ? [
              {
                fileName,
                contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                base64: bytes.toString('base64'),
              },
            ]
          : [],
        headers: settings.replyTo === null ? {} : { 'Reply-To': settings.replyTo },
        dedupeKey: `signed:${sittingId}:${signed.version}:${m.id}`,
      },
      now,
    );
  }
}
