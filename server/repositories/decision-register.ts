// The decision register: every decision of the group with its current state, filtered; one
// decision with its history; progress notes; and what a person owes.
import { assertDate, todayIso } from '../domain/calendar.ts';
import { InvalidInput, notFound } from '../domain/errors.ts';
import { FINISHED_STATUSES, isFollowedUp, isOverdue, isUnfinished, UNFINISHED_STATUSES } from '../domain/decision-state.ts';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import type { Executor } from '../db/database.ts';
import type { ActionItem, Actions, DecisionDetail, NewNoteBody, RegisterEntry, RegisterQuery } from '../schemas/decisions.ts';
import { decisionOrigin, decisionsOfGroup, type DecisionRowOfGroup } from './decision-rows.ts';
import { refreshDecisionState } from './decision-state.ts';
import { containsEveryWord } from './search-index.ts';
import { inTransaction, isSet, nowIso } from './rows.ts';

type RegisterRow = DecisionRowOfGroup;

async function toEntries(db: Executor, rows: RegisterRow[], today: string): Promise<RegisterEntry[]> {
  if (rows.length === 0) return [];
  const owners = await db
    .selectFrom('decision_owners')
    .select(['decision_id', 'person_id', 'name'])
    .where(
      'decision_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('decision_id')
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => {
    const own = owners.filter((o) => o.decision_id === r.id).map((o) => ({ personId: o.person_id, name: o.name }));
    const followedUp = isFollowedUp({ due: r.due, ownerCount: own.length });
    return {
      id: r.id,
      ...decisionOrigin(r),
      owners: own,
      due: r.due,
      currentStatus: r.current_status,
      currentDue: r.current_due,
      followedUp,
      overdue: followedUp && isUnfinished(r.current_status) && isOverdue(r.current_due, today),
      confidential: inheritsConfidentiality(r.confidential),
    };
  });
}

export async function listDecisions(
  db: Executor,
  groupId: number,
  filter: RegisterQuery = {},
  today = todayIso(),
): Promise<RegisterEntry[]> {
  if (filter.dueFrom !== undefined) assertDate('dueFrom', filter.dueFrom);
  if (filter.dueTo !== undefined) assertDate('dueTo', filter.dueTo);
  const owned = db.selectFrom('decision_owners').select('decision_id');
  let query = decisionsOfGroup(db, groupId);
  if (filter.status !== undefined) query = query.where('d.current_status', '=', filter.status);
  if (filter.owner !== undefined) {
    query = query.where('d.id', 'in', owned.where('person_id', '=', filter.owner));
  }
  if (filter.followedUp !== undefined) {
    query = filter.followedUp
      ? query.where((eb) => eb.or([eb('d.due', 'is not', null), eb('d.id', 'in', owned)]))
      : query.where('d.due', 'is', null).where('d.id', 'not in', owned);
  }
  if (filter.overdue === true) {
    query = query
      .where('d.current_status', 'in', UNFINISHED_STATUSES)
      .where('d.current_due', '<', today)
      .where((eb) => eb.or([eb('d.due', 'is not', null), eb('d.id', 'in', owned)]));
  }
  if (filter.dueFrom !== undefined) query = query.where('d.current_due', '>=', filter.dueFrom);
  if (filter.dueTo !== undefined) query = query.where('d.current_due', '<=', filter.dueTo);
  if (filter.sitting !== undefined) query = query.where('s.number', '=', filter.sitting);
  for (const condition of containsEveryWord('d.search_text', filter.q ?? '')) query = query.where(condition);
  const rows = await query
    .orderBy('s.date', 'desc')
    .orderBy('s.number', 'desc')
    .orderBy('d.number')
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return toEntries(db, rows, today);
}

export async function decisionDetail(db: Executor, groupId: number, id: number, today = todayIso()): Promise<DecisionDetail> {
  const row = await decisionsOfGroup(db, groupId).where('d.id', '=', id).executeTakeFirst();
  if (row === undefined) throw notFound('lēmums', id);
  const [entry] = await toEntries(db, [row], today);
  const [own, reviews, notes] = await Promise.all([
    db.selectFrom('decisions').select(['status', 'due']).where('id', '=', id).executeTakeFirstOrThrow(),
    db
      .selectFrom('decision_reviews as r')
      .innerJoin('sittings as s', 's.id', 'r.sitting_id')
      .select(['s.date', 's.number', 'r.status', 'r.new_due', 'r.note', 'r.not_discussed'])
      .where('r.decision_id', '=', id)
      .orderBy('s.date')
      .execute(),
    db
      .selectFrom('decision_notes')
      .select(['effective_date', 'status', 'note'])
      .where('decision_id', '=', id)
      .orderBy('effective_date')
      .orderBy('id')
      .execute(),
  ]);
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
    })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return { ...(entry as RegisterEntry), history };
}

/** A progress note between sittings, optionally reporting a new status; shown at the next review. */
export async function addNote(
  db: Executor,
  groupId: number,
  decisionId: number,
  input: NewNoteBody,
  authorId: number | null = null,
  today = todayIso(),
) {
  const date = input.date ?? today;
  assertDate('date', date);
  if (date > today) throw new InvalidInput('date', 'piezīmes datums nevar būt nākotnē.');
  return inTransaction(db, async (trx) => {
    const row = await decisionsOfGroup(trx, groupId).where('d.id', '=', decisionId).executeTakeFirst();
    if (row === undefined) throw notFound('lēmums', decisionId);
    await trx
      .insertInto('decision_notes')
      .values({
        decision_id: decisionId,
        note: input.note,
        status: input.status ?? null,
        author_id: authorId,
        effective_date: date,
        created_at: nowIso(),
      })
      .execute();
    await refreshDecisionState(trx, [decisionId]);
    return decisionDetail(trx, groupId, decisionId, today);
  });
}

/** What a person owes: unfinished decisions they own, overdue first then by deadline, and the recently finished. */
export async function personActions(db: Executor, groupId: number, personId: number, today = todayIso()): Promise<Actions> {
  const owned = db.selectFrom('decision_owners').select('decision_id').where('person_id', '=', personId);
  const since = new Date(`${today}T00:00:00Z`);
  since.setUTCDate(since.getUTCDate() - 90);
  const recentFrom = since.toISOString().slice(0, 10);
  const [open, finished] = await Promise.all([
    decisionsOfGroup(db, groupId).where('d.id', 'in', owned).where('d.current_status', 'in', UNFINISHED_STATUSES).execute(),
    decisionsOfGroup(db, groupId)
      .where('d.id', 'in', owned)
      .where('d.current_status', 'in', FINISHED_STATUSES)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('decision_reviews as r')
              .innerJoin('sittings as rs', 'rs.id', 'r.sitting_id')
              .whereRef('r.decision_id', '=', 'd.id')
              .where('rs.date', '>=', recentFrom)
              .select('r.id'),
          ),
          eb.exists(
            eb
              .selectFrom('decision_notes as n')
              .whereRef('n.decision_id', '=', 'd.id')
              .where('n.effective_date', '>=', recentFrom)
              .select('n.id'),
          ),
        ]),
      )
      .execute(),
  ]);
  const byUrgency = (a: ActionItem, b: ActionItem) =>
    Number(b.overdue) - Number(a.overdue) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.sittingDate.localeCompare(b.sittingDate);
  return {
    open: (await toActions(db, open, today)).sort(byUrgency),
    recentlyFinished: (await toActions(db, finished, today)).sort((a, b) => b.sittingDate.localeCompare(a.sittingDate)),
  };
}

async function toActions(db: Executor, rows: RegisterRow[], today: string): Promise<ActionItem[]> {
  const entries = await toEntries(db, rows, today);
  const notes =
    rows.length === 0
      ? []
      : await db
          .selectFrom('decision_notes')
          .select(['decision_id', 'note', 'status', 'effective_date'])
          .where(
            'decision_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('effective_date')
          .execute();
  return entries.map((e) => ({
    decisionId: e.id,
    reference: e.reference,
    sittingId: e.sittingId,
    sittingNumber: e.sittingNumber,
    sittingDate: e.sittingDate,
    text: e.text,
    owners: e.owners.map((o) => o.name),
    due: e.currentDue,
    overdue: isUnfinished(e.currentStatus) && isOverdue(e.currentDue, today),
    status: e.currentStatus,
    notes: notes.filter((n) => n.decision_id === e.id).map((n) => ({ note: n.note, status: n.status, date: n.effective_date })),
    confidential: e.confidential,
  }));
}
