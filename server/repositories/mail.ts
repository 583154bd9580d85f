// The mail's own rows besides the outbox: each group's mail settings, the invitation sent for a
// sitting, who turned reminders off, the day whose reminders a group last computed, the key that
// signs mail links, and who is owed a reminder.
import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { UNFINISHED_STATUSES } from '../domain/decision-state.ts';
import { DEFAULT_REMINDER_DAYS_BEFORE } from '../domain/mail.ts';
import { expectOneUpdated, flag, isSet } from './rows.ts';

export interface MailSettings {
  replyTo: string | null;
  reminderDaysBefore: number;
  attachDocx: boolean;
  version: number;
}

export async function mailSettings(db: Executor, groupId: number): Promise<MailSettings> {
  const row = await db.selectFrom('mail_settings').selectAll().where('group_id', '=', groupId).executeTakeFirst();
  if (row === undefined) return { replyTo: null, reminderDaysBefore: DEFAULT_REMINDER_DAYS_BEFORE, attachDocx: false, version: 1 };
  return { replyTo: row.reply_to, reminderDaysBefore: row.reminder_days_before, attachDocx: isSet(row.attach_docx), version: row.version };
}

export async function saveMailSettings(
  db: Executor,
  groupId: number,
  version: number,
  patch: Partial<Omit<MailSettings, 'version'>>,
): Promise<void> {
  await db
    .insertInto('mail_settings')
    .values({ group_id: groupId })
    .onConflict((oc) => oc.column('group_id').doNothing())
    .execute();
  const result = await db
    .updateTable('mail_settings')
    .set((eb) => ({
      ...(patch.replyTo === undefined ? {} : { reply_to: patch.replyTo }),
      ...(patch.reminderDaysBefore === undefined ? {} : { reminder_days_before: patch.reminderDaysBefore }),
      ...(patch.attachDocx === undefined ? {} : { attach_docx: flag(patch.attachDocx) }),
      version: eb('version', '+', 1),
    }))
    .where('group_id', '=', groupId)
    .where('version', '=', version)
    .executeTakeFirst();
  expectOneUpdated(result, true, 'e-pasta iestatījumi');
}

export interface InvitationRow {
  uid: string;
  sequence: number;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string;
  cancelled: boolean;
}

export async function invitationOf(db: Executor, groupId: number, sittingId: number): Promise<InvitationRow | undefined> {
  const row = await db
    .selectFrom('sitting_invitations')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    uid: row.uid,
    sequence: row.sequence,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    place: row.place,
    cancelled: isSet(row.cancelled),
  };
}

export async function saveInvitation(db: Executor, groupId: number, sittingId: number, inv: InvitationRow, now: Date): Promise<void> {
  const values = {
    uid: inv.uid,
    sequence: inv.sequence,
    date: inv.date,
    start_time: inv.startTime,
    end_time: inv.endTime,
    place: inv.place,
    cancelled: flag(inv.cancelled),
  };
  await db
    .insertInto('sitting_invitations')
    .values({ sitting_id: sittingId, group_id: groupId, announced_at: now.toISOString(), ...values })
    .onConflict((oc) => oc.column('sitting_id').doUpdateSet(values))
    .execute();
}

export async function optOut(db: Executor, groupId: number, personId: number, now: Date): Promise<void> {
  await db
    .insertInto('mail_opt_outs')
    .values({ group_id: groupId, person_id: personId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['group_id', 'person_id']).doNothing())
    .execute();
}

export async function optedOut(db: Executor, groupId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('mail_opt_outs').select('person_id').where('group_id', '=', groupId).execute();
  return new Set(rows.map((r) => r.person_id));
}

/**
 * Claims `date`'s reminders for the group: true for the one caller (of any instance) that moves the
 * group's reminder day forward to it, in the caller's transaction.
 */
export async function claimReminderDay(db: Executor, groupId: number, date: string): Promise<boolean> {
  await db
    .insertInto('mail_schedule')
    .values({ group_id: groupId, reminders_date: '0000-00-00' })
    .onConflict((oc) => oc.column('group_id').doNothing())
    .execute();
  const result = await db
    .updateTable('mail_schedule')
    .set({ reminders_date: date })
    .where('group_id', '=', groupId)
    .where('reminders_date', '<', date)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The installation's key for signing mail links, made on first use. */
export async function mailSecret(db: Executor): Promise<string> {
  await db
    .insertInto('mail_secret')
    .values({ id: 1, secret: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('mail_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.secret;
}

export interface OwnerToRemind {
  personId: number;
  name: string;
  email: string | null;
  /** Whether the person has an active account (else a signed link stands in for logging in). */
  hasAccount: boolean;
  /** The deadlines of their unfinished decisions. */
  dues: string[];
}

/** The directory people who own unfinished decisions with a deadline, with those deadlines. */
export async function ownersWithDeadlines(db: Executor, groupId: number): Promise<OwnerToRemind[]> {
  const rows = await db
    .selectFrom('decision_owners as o')
    .innerJoin('decisions as d', 'd.id', 'o.decision_id')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select(['p.id', 'p.full_name', 'p.email', 'd.current_due'])
    .where('s.group_id', '=', groupId)
    .where('d.current_status', 'in', UNFINISHED_STATUSES)
    .where('d.current_due', 'is not', null)
    .orderBy('p.id')
    .execute();
  const accounts = new Set(
    (
      await db
        .selectFrom('users')
        .select('person_id')
        .where('group_id', '=', groupId)
        .where('active', '=', 1)
        .where('person_id', 'is not', null)
        .execute()
    ).map((u) => u.person_id),
  );
  const byPerson = new Map<number, OwnerToRemind>();
  for (const r of rows) {
    let owner = byPerson.get(r.id);
    if (owner === undefined) {
      owner = { personId: r.id, name: r.full_name, email: r.email, hasAccount: accounts.has(r.id), dues: [] };
      byPerson.set(r.id, owner);
    }
    owner.dues.push(r.current_due as string);
  }
  return [...byPerson.values()];
}

/** Whether the person has an active account in the group. */
export async function hasAccount(db: Executor, groupId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The ids of the groups on the host. */
export async function groupIds(db: Executor): Promise<number[]> {
  return (await db.selectFrom('groups').select('id').orderBy('id').execute()).map((g) => g.id);
}
