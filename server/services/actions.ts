// What a person owes, as JSON for a reader and as a calendar feed, and the feed's secret link:
// one's own actions, or anyone's for a role that may see them (actions:any).
import type { Db, Executor } from '../db/database.ts';
import { scopeToGroup } from '../db/group-scope.ts';
import { todayIso } from '../domain/calendar.ts';
import { isOverdue, isUnfinished } from '../domain/decision-state.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { can } from '../domain/permissions.ts';
import { actionFor, revealsConfidential } from '../domain/reader-view.ts';
import { calendarOf } from '../exports/register-wording.ts';
import { wordingOfSlug } from '../wording/group-templates.ts';
import { calendarTokenGroup, rotateCalendarToken } from '../repositories/calendar-tokens.ts';
import { personDecisionRows, type ActionRow } from '../repositories/decision-register.ts';
import { getGroup } from '../repositories/group.ts';
import { personRow } from '../repositories/people.ts';
import { listOf } from '../repositories/rows.ts';
import type { ActionItem, Actions } from '../schemas/decisions.ts';
import { runAudited } from './audit.ts';
import { auditConfidentialRead, type Reader } from './readers.ts';
import { toEntries } from './register.ts';

/** How far back a finished decision still shows among a person's actions. */
const RECENT_DAYS = 90;

/** The person whose actions are asked for, if this reader may see them; null is an account linked to no person. */
function allowedPerson(reader: Reader, personId: number | null): number {
  if (personId === null || (personId !== reader.personId && !can(reader.role, 'actions:any'))) {
    throw new Forbidden('Jūs varat redzēt tikai savus uzdevumus.');
  }
  return personId;
}

/** The same, and the person is one of the group's. */
async function followedPerson(db: Executor, groupId: number, reader: Reader, personId: number | null): Promise<number> {
  const whose = allowedPerson(reader, personId);
  await personRow(db, groupId, whose);
  return whose;
}

function toActions(rows: ActionRow[], today: string, personId: number): ActionItem[] {
  return toEntries(rows, today).map((e, i) => ({
    decisionId: e.id,
    reference: e.reference,
    sittingId: e.sittingId,
    sittingNumber: e.sittingNumber,
    sittingDate: e.sittingDate,
    number: e.number,
    text: e.text,
    owners: e.owners.map((o) => o.name),
    coOwners: e.owners.filter((o) => o.personId !== personId).map((o) => o.name),
    due: e.currentDue,
    overdue: isUnfinished(e.currentStatus) && isOverdue(e.currentDue, today),
    status: e.currentStatus,
    notes: listOf(rows[i]!.notes).map((n) => ({
      note: n.note,
      status: n.status,
      date: n.effective_date,
      ...(n.external === 1 ? { external: true } : {}),
    })),
    confidential: e.confidential,
  }));
}

/** What a person owes, whole: unfinished decisions they own, overdue first then by deadline, and the recently finished. */
export async function personActions(db: Executor, groupId: number, personId: number, today = todayIso()): Promise<Actions> {
  const since = new Date(`${today}T00:00:00Z`);
  since.setUTCDate(since.getUTCDate() - RECENT_DAYS);
  const { open, finished } = await personDecisionRows(db, groupId, personId, since.toISOString().slice(0, 10));
  const byUrgency = (a: ActionItem, b: ActionItem) =>
    Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.sittingDate.localeCompare(b.sittingDate);
  // Both lists in one pass, their owners and notes read with them.
  const items = toActions([...open, ...finished], today, personId);
  return {
    open: items.slice(0, open.length).sort(byUrgency),
    recentlyFinished: items.slice(open.length).sort((a, b) => b.sittingDate.localeCompare(a.sittingDate)),
  };
}

/** A person's actions as this reader sees them; confidential text shown is audited. */
export async function actionsFor(db: Executor, groupId: number, reader: Reader, personId: number | null): Promise<Actions> {
  const whose = allowedPerson(reader, personId);
  // Another person is looked up alongside the actions, not before (a round trip fewer on PostgreSQL);
  // the reader's own is one of the group's already, as linking an account to a person checks.
  const [, actions] = await Promise.all([
    whose === reader.personId ? undefined : personRow(db, groupId, whose),
    personActions(db, groupId, whose),
  ]);
  const shown = {
    open: actions.open.map((a) => actionFor(reader.view, a)),
    recentlyFinished: actions.recentlyFinished.map((a) => actionFor(reader.view, a)),
  };
  if (revealsConfidential(reader.view, [...shown.open, ...shown.recentlyFinished]))
    await auditConfidentialRead(db, groupId, reader, 'actions', whose);
  return shown;
}

/**
 * A new secret link to a person's calendar feed; the old link stops working. `origin` is where the app is reached (`https://host`).
 */
export async function rotateCalendarLink(
  db: Db,
  groupId: number,
  reader: Reader,
  personId: number | null,
  origin: string,
): Promise<{ url: string }> {
  const whose = await followedPerson(db, groupId, reader, personId);
  const token = await runAudited(
    db,
    groupId,
    reader.actor,
    { action: 'rotate_calendar_token', recordType: 'person', recordId: whose },
    (trx) => rotateCalendarToken(trx, groupId, whose),
  );
  return { url: `${origin}/api/people/${whose}/actions.ics?token=${token}` };
}

// The feed shows every reader the public view (calendarOf): it ends up in outside calendar services.
async function calendarFeed(db: Executor, groupId: number, personId: number, host: string): Promise<string> {
  const [actions, group] = await Promise.all([personActions(db, groupId, personId), getGroup(db, groupId)]);
  return calendarOf(actions.open, group.name, host, new Date(), wordingOfSlug(group.slug).minutes);
}

/** A person's feed for a calendar app, which subscribes without logging in: the secret token is the credential. */
/** A person's feed through their link: the token's row names the group (the request has no session). */
export async function calendarByToken(db: Executor, personId: number, token: string, host: string): Promise<string> {
  const groupId = await calendarTokenGroup(db, personId, token);
  if (groupId === undefined) throw new NotFound('Kalendāra saite nav derīga vai ir nomainīta.');
  // The token, not a session, names the group: from here the request sees only that group's rows.
  scopeToGroup(groupId);
  return calendarFeed(db, groupId, personId, host);
}

/** The reader's own feed. */
export async function ownCalendar(db: Executor, groupId: number, reader: Reader, host: string): Promise<string> {
  return calendarFeed(db, groupId, await followedPerson(db, groupId, reader, reader.personId), host);
}
