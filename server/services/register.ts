// The decision register as a reader sees it (JSON and CSV), one decision with its history, and
// progress notes: rows from repositories/decision-register.ts, shaped here once by the rules of
// domain/decision-state.ts and the reader view.
import type { Db, Executor } from '../db/database.ts';
import { assertDate, todayIso } from '../domain/calendar.ts';
import { isFollowedUp, isOverdue, isUnfinished } from '../domain/decision-state.ts';
import { Forbidden, InvalidInput, notFound } from '../domain/errors.ts';
import { can } from '../domain/permissions.ts';
import { planActivityNumber } from '../domain/plan-activity.ts';
import { decisionDetailFor, inheritsConfidentiality, registerEntryFor, revealsConfidential } from '../domain/reader-view.ts';
import { registerCsv } from '../exports/register-wording.ts';
import { groupWording } from './wording.ts';
import { newestNote } from '../repositories/audit-records.ts';
import {
  historyRows,
  insertNote,
  ownsDecision,
  registerCursor,
  registerRow,
  registerRows,
  type RegisterRow,
} from '../repositories/decision-register.ts';
import { decisionOrigin } from './decision-origin.ts';
import { isSet, listOf } from '../repositories/rows.ts';
import {
  REGISTER_PAGE_DEFAULT,
  type DecisionDetail,
  type NewNoteBody,
  type RegisterEntry,
  type RegisterQuery,
} from '../schemas/decisions.ts';
import { runAudited } from './audit.ts';
import { auditConfidentialRead, type Reader } from './readers.ts';

/** Register entries for these rows, whole: the reader view is applied by the caller. */
export function toEntries(rows: RegisterRow[], today: string): RegisterEntry[] {
  return rows.map((r) => {
    const own = listOf(r.owners).map((o) => ({ personId: o.person_id, name: o.name }));
    const followedUp = isFollowedUp({ due: r.due, ownerCount: own.length });
    return {
      ...decisionOrigin(r),
      id: r.id,
      owners: own,
      due: r.due,
      currentStatus: r.current_status,
      currentDue: r.current_due,
      planActivity: r.plan_activity,
      followedUp,
      overdue: followedUp && isUnfinished(r.current_status) && isOverdue(r.current_due, today),
      confidential: inheritsConfidentiality(r.confidential),
    };
  });
}

/** One page of the register (every matching decision when `paged` is false), and the id the next page starts after, if one follows. */
export interface RegisterPage {
  entries: RegisterEntry[];
  nextAfter: number | null;
}

/** The register, unshaped for any reader: a page of it as the query asks, or all of it. */
export async function listDecisions(
  db: Executor,
  groupId: number,
  query: RegisterQuery = {},
  today = todayIso(),
  paged = true,
): Promise<RegisterPage> {
  if (query.dueFrom !== undefined) assertDate('dueFrom', query.dueFrom);
  if (query.dueTo !== undefined) assertDate('dueTo', query.dueTo);
  const cursor = paged ? query.after : undefined;
  const after = cursor === undefined ? undefined : await registerCursor(db, groupId, cursor);
  if (cursor !== undefined && after === undefined) {
    throw new InvalidInput('after', 'lapas sākums nav atrasts: sāciet no pirmās lapas vai sekojiet saitei "next".');
  }
  const filter = query.planActivity === undefined ? query : { ...query, planActivity: planActivityNumber(query.planActivity) };
  const limit = paged ? (query.limit ?? REGISTER_PAGE_DEFAULT) : null;
  // One row more than the page tells whether another page follows.
  const rows = await registerRows(db, groupId, filter, today, { limit: limit === null ? null : limit + 1, after });
  const page = limit === null ? rows : rows.slice(0, limit);
  const more = limit !== null && rows.length > limit;
  return { entries: toEntries(page, today), nextAfter: more ? (page[page.length - 1]?.id ?? null) : null };
}

/** A page of the register as this reader sees it (all of it unless `paged`); a reading that shows confidential text is audited. */
export async function registerFor(
  db: Executor,
  groupId: number,
  reader: Reader,
  query: RegisterQuery,
  paged = true,
): Promise<RegisterPage> {
  const page = await listDecisions(db, groupId, query, todayIso(), paged);
  const entries = page.entries.map((e) => registerEntryFor(reader.view, e));
  if (revealsConfidential(reader.view, entries)) await auditConfidentialRead(db, groupId, reader, 'register', null);
  return { entries, nextAfter: page.nextAfter };
}

/** Every matching decision as a CSV file for this reader, audited like the JSON. */
export async function registerCsvFor(db: Executor, groupId: number, reader: Reader, query: RegisterQuery): Promise<string> {
  const [{ entries }, wording] = await Promise.all([registerFor(db, groupId, reader, query, false), groupWording(db, groupId)]);
  return registerCsv(entries, wording.minutes);
}

/** One decision with its history, whole. */
export async function decisionDetail(db: Executor, groupId: number, id: number, today = todayIso()): Promise<DecisionDetail> {
  const row = await registerRow(db, groupId, id);
  if (row === undefined) throw notFound('lēmums', id);
  const [entry] = toEntries([row], today);
  const { own, reviews, notes } = await historyRows(db, id);
  const history = [
    {
      kind: 'decision' as const,
      date: row.sitting_date,
      status: own.status,
      due: own.due,
      note: null,
      sittingNumber: row.sitting_number,
      notDiscussed: false,
    },
    ...reviews.map((r) => ({
      kind: 'review' as const,
      date: r.date,
      status: r.status,
      due: r.new_due,
      note: r.note,
      sittingNumber: r.number,
      notDiscussed: isSet(r.not_discussed),
    })),
    ...notes.map((n) => ({
      kind: 'note' as const,
      date: n.effective_date,
      status: n.status,
      due: null,
      note: n.note,
      sittingNumber: null,
      notDiscussed: false,
      // Left by an outside owner through a mailed link, without an account.
      ...(isSet(n.external) ? { external: true } : {}),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return { ...(entry as RegisterEntry), history };
}

/** One decision as this reader sees it, audited when it shows confidential text. */
export async function decisionFor(db: Executor, groupId: number, reader: Reader, id: number): Promise<DecisionDetail> {
  const detail = decisionDetailFor(reader.view, await decisionDetail(db, groupId, id));
  if (revealsConfidential(reader.view, [detail])) await auditConfidentialRead(db, groupId, reader, 'decision', detail.id);
  return detail;
}

/**
 * A progress note between sittings, optionally reporting a new status; shown at the next review.
 * Only the decision's owners may add one, unless their role may note on any decision.
 */
export async function addProgressNote(
  db: Db,
  groupId: number,
  reader: Reader,
  decisionId: number,
  input: NewNoteBody,
  today = todayIso(),
): Promise<DecisionDetail> {
  if (!can(reader.role, 'notes:any') && (reader.personId === null || !(await ownsDecision(db, decisionId, reader.personId)))) {
    throw new Forbidden('Piezīmes var pievienot tikai tiem lēmumiem, par kuru izpildi atbildat jūs.');
  }
  const date = input.date ?? today;
  assertDate('date', date);
  if (date > today) throw new InvalidInput('date', 'piezīmes datums nevar būt nākotnē.');
  return runAudited(
    db,
    groupId,
    reader.actor,
    { action: 'note', recordType: 'decision', recordId: decisionId, added: newestNote },
    async (trx) => {
      if ((await registerRow(trx, groupId, decisionId)) === undefined) throw notFound('lēmums', decisionId);
      await insertNote(trx, decisionId, { note: input.note, status: input.status ?? null, authorId: reader.personId, date });
      return decisionDetail(trx, groupId, decisionId, today);
    },
  );
}
