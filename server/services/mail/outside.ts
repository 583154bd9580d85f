// What a mailed link lets someone do without logging in: an outside owner sees their unfinished
// decisions (the public view: the page is reached without a login) and marks one done or adds a
// progress note, which the secretary sees marked "ārējs"; anyone reminded turns reminders off.
import type { Db, Executor } from '../../db/database.ts';
import { scopeToGroup } from '../../db/group-scope.ts';
import { todayIso } from '../../domain/calendar.ts';
import { Forbidden, NotFound } from '../../domain/errors.ts';
import { verifyLink, type LinkClaims, type LinkPurpose } from '../../domain/mail.ts';
import { actionFor, publicView } from '../../domain/reader-view.ts';
import { insertNote, ownsDecision, registerRow } from '../../repositories/decision-register.ts';
import { getGroup } from '../../repositories/group.ts';
import { mailSecret, optOut } from '../../repositories/mail.ts';
import { personRow } from '../../repositories/people.ts';
import { wordingOfSlug } from '../../wording/group-templates.ts';
import { personActions } from '../actions.ts';
import { runAudited } from '../audit.ts';

export interface OutsidePage {
  name: string;
  groupName: string;
  /** When the link stops working (ISO time). */
  expires: string;
  decisions: Array<{ decisionId: number; reference: string; text: string; due: string | null; overdue: boolean; status: string }>;
}

async function claimsOf(db: Executor, token: string, purpose: LinkPurpose, now: Date): Promise<LinkClaims> {
  const claims = verifyLink(await mailSecret(db), token, purpose, now);
  if (claims === null)
    throw new NotFound(
      purpose === 'outside'
        ? 'Saite nav derīga vai tai ir beidzies termiņš; jaunu saiti atsūtīs nākamais atgādinājums.'
        : 'Saite nav derīga.',
    );
  // The signed link, not a session, names the group: from here the request sees only that group's rows.
  scopeToGroup(claims.groupId);
  return claims;
}

export async function outsidePage(db: Db, token: string, now = new Date()): Promise<OutsidePage> {
  const claims = await claimsOf(db, token, 'outside', now);
  const [person, group, actions] = await Promise.all([
    personRow(db, claims.groupId, claims.personId),
    getGroup(db, claims.groupId),
    personActions(db, claims.groupId, claims.personId, todayIso(now)),
  ]);
  const view = publicView(wordingOfSlug(group.slug).mail.restricted);
  return {
    name: person.full_name,
    groupName: group.name,
    expires: new Date((claims.expires ?? 0) * 1000).toISOString(),
    decisions: actions.open
      .map((a) => actionFor(view, a))
      .map((a) => ({ decisionId: a.decisionId, reference: a.reference, text: a.text, due: a.due, overdue: a.overdue, status: a.status })),
  };
}

/** A progress note (and "done", when marked) on one of the link holder's own decisions. */
export async function outsideNote(
  db: Db,
  token: string,
  input: { decisionId: number; note: string; done?: boolean },
  now = new Date(),
): Promise<OutsidePage> {
  const claims = await claimsOf(db, token, 'outside', now);
  const { groupId, personId } = claims;
  await runAudited(
    db,
    groupId,
    { userId: null, personId },
    { action: 'note', recordType: 'decision', recordId: input.decisionId },
    async (trx) => {
      if ((await registerRow(trx, groupId, input.decisionId)) === undefined) throw new NotFound('Lēmums nav atrasts.');
      if (!(await ownsDecision(trx, input.decisionId, personId)))
        throw new Forbidden('Piezīmes var pievienot tikai tiem lēmumiem, par kuru izpildi atbildat jūs.');
      await insertNote(trx, input.decisionId, {
        note: input.note,
        status: input.done === true ? 'done' : null,
        authorId: personId,
        date: todayIso(now),
        external: true,
      });
    },
  );
  return outsidePage(db, token, now);
}

/** Turns the link holder's reminders off (one click, RFC 8058); repeating it changes nothing. */
export async function unsubscribe(db: Db, token: string, now = new Date()): Promise<void> {
  const { groupId, personId } = await claimsOf(db, token, 'unsubscribe', now);
  await runAudited(db, groupId, { userId: null, personId }, { action: 'unsubscribe', recordType: 'person', recordId: personId }, (trx) =>
    optOut(trx, groupId, personId, now),
  );
}
