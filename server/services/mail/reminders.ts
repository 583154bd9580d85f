// Reminders to owners: on a day when any of a person's unfinished decisions reaches a reminder
// day (N days before its deadline, the day after, then weekly for 4 weeks), one digest listing all
// their unfinished decisions, written once per person per date. Owners without an account get a
// signed link (valid 14 days) to mark a decision done or add a note without logging in.
import type { Db } from '../../db/database.ts';
import { isMailAddress, outsideLinkExpiry, reminderReason, rigaClock, signLink } from '../../domain/mail.ts';
import { actionFor, publicView } from '../../domain/reader-view.ts';
import { shortDate } from '../../minutes/typography.ts';
import { getGroup } from '../../repositories/group.ts';
import { claimReminderDay, groupIds, mailSecret, mailSettings, optedOut, ownersWithDeadlines } from '../../repositories/mail.ts';
import { wordingOfSlug } from '../../wording/group-templates.ts';
import { personActions } from '../actions.ts';
import { links, type MailContext } from './context.ts';
import { enqueue } from './enqueue.ts';
import { longDate } from './sitting-mail.ts';

/**
 * Writes `date`'s digests for one group; returns how many were new. Running it again for the same
 * date writes none (each digest's dedupe key names the person and the date).
 */
export async function enqueueReminders(
  db: Db,
  groupId: number,
  date: string,
  ctx: MailContext,
  now = new Date(),
  claimDay = false,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (claimDay && !(await claimReminderDay(trx, groupId, date))) return 0;
    const [settings, owners, off, group, secret] = await Promise.all([
      mailSettings(trx, groupId),
      ownersWithDeadlines(trx, groupId),
      optedOut(trx, groupId),
      getGroup(trx, groupId),
      mailSecret(trx),
    ]);
    const templates = wordingOfSlug(group.slug).mail;
    const view = publicView(templates.restricted);
    const to = links(ctx);
    let written = 0;
    for (const owner of owners) {
      if (!isMailAddress(owner.email) || off.has(owner.personId)) continue;
      if (!owner.dues.some((due) => reminderReason(due, date, settings.reminderDaysBefore) !== null)) continue;
      const actions = (await personActions(trx, groupId, owner.personId, date)).open.map((a) => actionFor(view, a));
      const expires = outsideLinkExpiry(now);
      const outside = owner.hasAccount ? null : signLink(secret, { purpose: 'outside', groupId, personId: owner.personId, expires });
      const outsideUrl = outside === null ? null : to.outside(outside);
      const unsubscribe = signLink(secret, { purpose: 'unsubscribe', groupId, personId: owner.personId, expires: null });
      const mail = templates.word('reminder', {
        name: owner.name,
        groupName: group.name,
        dateLong: longDate(date),
        decisions: actions.map((a) => ({
          reference: a.reference,
          text: a.text,
          due: a.due === null ? null : shortDate(a.due),
          overdue: a.overdue,
        })),
        appUrl: to.actions(),
        outsideUrl,
        outsideUntil: shortDate(rigaClock(new Date(expires * 1000)).date),
        unsubscribeUrl: to.unsubscribe(unsubscribe),
      });
      const isNew = await enqueue(
        trx,
        ctx,
        {
          groupId,
          kind: 'reminder',
          sittingId: null,
          personId: owner.personId,
          recipient: owner.email,
          mail,
          headers: {
            ...(settings.replyTo === null ? {} : { 'Reply-To': settings.replyTo }),
            'List-Unsubscribe': `<${to.unsubscribe(unsubscribe)}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
          dedupeKey: `reminder:${groupId}:${owner.personId}:${date}`,
        },
        now,
      );
      if (isNew) written++;
    }
    return written;
  });
}

/** Every group's reminders of `date` (the command line's `mail run --now`). */
export async function enqueueAllReminders(db: Db, date: string, ctx: MailContext, now = new Date()): Promise<number> {
  let written = 0;
  for (const groupId of await groupIds(db)) written += await enqueueReminders(db, groupId, date, ctx, now);
  return written;
}

/**
 * The scheduler's daily step: the first instance to claim a group's `date` writes its reminders,
 * in the claim's transaction, so a crash leaves the day unclaimed and no instance repeats it.
 */
export async function remindersOfDay(db: Db, date: string, ctx: MailContext, now = new Date()): Promise<number> {
  let written = 0;
  for (const groupId of await groupIds(db)) written += await enqueueReminders(db, groupId, date, ctx, now, true);
  return written;
}
