// Sittings as rows: one by id or number, the next free number, the list, insert, update, delete.
// The use cases (opening, editing, deleting a draft, reading one whole) are in services/sittings.ts.
import { UNFINISHED_STATUSES } from '../domain/decision-state.ts';
import { nextSittingNumber } from '../domain/numbering.ts';
import { awaitedSignatures, SIGNER_ROLES, type SignerRole } from '../domain/signers.ts';
import type { Database, Executor, SittingRow, SittingTable } from '../db/database.ts';
import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { SittingSummary } from '../schemas/sittings.ts';
import { followedUp } from './decision-predicates.ts';
import { agendaItemList, agendaItemsFrom } from './agenda-items.ts';
import { attendanceList, attendeesFrom } from './attendance.ts';
import { decisionList, decisionsFrom } from './decisions.ts';
import { reviewList, reviewsFrom } from './reviews.ts';
import { compiledOnce, expectOneUpdated, jsonList, listOf, nowIso, required } from './rows.ts';
import { isPostgres, LOCKS, lockUntilCommit } from '../db/postgres.ts';

function sittingQuery(db: Executor, groupId: number, id: number) {
  return db.selectFrom('sittings').selectAll().where('id', '=', id).where('group_id', '=', groupId);
}

// Every read of a sitting starts here.
const sittingById = compiledOnce(sittingQuery);

/**
 * The sitting's row. Read in a transaction on PostgreSQL it is locked (`for update`) until the commit,
 * so the writes to one sitting and its parts (each reads its sitting first) run one after another and
 * every "highest number + 1" they take is read after the previous writer committed. SQLite runs one
 * writing transaction at a time anyway.
 */
export async function sittingRow(db: Executor, groupId: number, id: number): Promise<SittingRow> {
  const [row] =
    db.isTransaction && isPostgres(db)
      ? [await sittingQuery(db, groupId, id).forUpdate().executeTakeFirst()]
      : await sittingById(db, groupId, id);
  return required(row, `sēde ${id}`);
}

/**
 * Holds the group's sitting numbers until the transaction ends (PostgreSQL's advisory lock; SQLite
 * writes one transaction at a time): two new sittings never both take the same next number.
 */
export function lockSittingNumbers(db: Executor, groupId: number): Promise<void> {
  return lockUntilCommit(db, LOCKS.sittingNumbers, groupId);
}

/** The directory rows of the given people (a sitting's chair and recorder). */
export function peopleByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'full_name', 'short_name']).where('id', 'in', ids).execute();
}

/** The chair and the recorder as one column (rows.ts `jsonList`), for reading a sitting's parts in one statement. */
export function signerList(db: Executor, chairId: number | null, recorderId: number | null) {
  return jsonList(
    db,
    db
      .selectFrom('people')
      .select(['id', 'full_name', 'short_name'])
      .where((eb) => eb.or([eb('id', '=', chairId), eb('id', '=', recorderId)])),
  ).as('signers');
}

/** The sitting as its latest signed version was signed (API JSON), when that was kept. */
export async function latestSignedSittingJson(db: Executor, sittingId: number): Promise<string | null> {
  const row = await db
    .selectFrom('signed_minutes')
    .select('sitting_json')
    .where('sitting_id', '=', sittingId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.sitting_json ?? null;
}

export async function sittingIdByNumber(db: Executor, groupId: number, number: number): Promise<number | undefined> {
  const row = await db.selectFrom('sittings').select('id').where('group_id', '=', groupId).where('number', '=', number).executeTakeFirst();
  return row?.id;
}

export async function suggestedNumber(db: Executor, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('sittings')
    .select((eb) => eb.fn.max('number').as('highest'))
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return nextSittingNumber(row?.highest ?? null);
}

/** The group's latest sitting by date (then number): the one a new sitting takes its header from. */
export async function latestSittingRow(db: Executor, groupId: number): Promise<SittingRow | undefined> {
  return db
    .selectFrom('sittings')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('date', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertSitting(
  db: Executor,
  values: Omit<Insertable<SittingTable>, 'id' | 'version' | 'created_at' | 'updated_at' | 'state'>,
): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('sittings')
    .values({ ...values, state: 'draft', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates the header at the version given; a stale version is a conflict. */
export async function updateSittingRow(
  db: Executor,
  id: number,
  version: number,
  values: Omit<Updateable<SittingTable>, 'id' | 'group_id' | 'version' | 'created_at' | 'updated_at' | 'state'>,
): Promise<void> {
  const result = await db
    .updateTable('sittings')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  expectOneUpdated(result, true, 'sēde');
}

/** Deletes the sitting at the version given (its parts go with it); a stale version is a conflict. */
export async function deleteSittingRow(db: Executor, id: number, version: number): Promise<void> {
  const result = await db.deleteFrom('sittings').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (result.numDeletedRows === 0n) expectOneUpdated(undefined, true, 'sēde');
}

export async function listSittings(db: Executor, groupId: number): Promise<SittingSummary[]> {
  const rows = await db
    .selectFrom('sittings as s')
    .select((eb) => [
      's.id',
      's.number',
      's.date',
      's.place',
      's.state',
      's.version',
      eb
        .selectFrom('decisions as d')
        .whereRef('d.sitting_id', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('decisionCount'),
      eb
        .selectFrom('decisions as d')
        .whereRef('d.sitting_id', '=', 's.id')
        .where('d.status', 'in', UNFINISHED_STATUSES)
        .where(followedUp('d'))
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('openFollowUps'),
      eb.exists(latestSignatureBy(eb, 'recorder')).as('recorderSigned'),
      eb.exists(latestSignatureBy(eb, 'chair')).as('chairSigned'),
    ])
    .where('s.group_id', '=', groupId)
    .orderBy('s.date', 'desc')
    .orderBy('s.number', 'desc')
    .execute();
  return rows.map(({ recorderSigned, chairSigned, ...r }) => {
    const given = SIGNER_ROLES.filter((role) => Boolean(role === 'chair' ? chairSigned : recorderSigned));
    return {
      ...r,
      decisionCount: Number(r.decisionCount ?? 0),
      openFollowUps: Number(r.openFollowUps ?? 0),
      awaitingSignatures: r.state === 'signed' ? awaitedSignatures(given) : [],
    };
  });
}

/** The signature of `role` on the latest signed version of the listed sitting `s`. */
function latestSignatureBy(eb: ExpressionBuilder<Database & { s: SittingTable }, 's'>, role: SignerRole) {
  return eb
    .selectFrom('minutes_signatures as ms')
    .select('ms.id')
    .whereRef('ms.sitting_id', '=', 's.id')
    .where('ms.role', '=', role)
    .where(
      'ms.version',
      '=',
      eb
        .selectFrom('signed_minutes as sm')
        .whereRef('sm.sitting_id', '=', 's.id')
        .select((e) => e.fn.max('sm.version').as('v')),
    );
}

/** A sitting's parts, all in one statement: on PostgreSQL one round trip instead of five. */
const partsOf = compiledOnce((db: Executor, sittingId: number, chairId: number | null, recorderId: number | null) =>
  db.selectNoFrom([
    attendanceList(db, sittingId),
    agendaItemList(db, sittingId),
    decisionList(db, sittingId),
    reviewList(db, sittingId),
    signerList(db, chairId, recorderId),
  ]),
);

/** Who attended, the agenda, the decisions with their owners, the reviews recorded and the two signers' names. */
export async function sittingParts(db: Executor, sitting: Pick<SittingRow, 'id' | 'chair_id' | 'recorder_id'>) {
  const [row] = await partsOf(db, sitting.id, sitting.chair_id, sitting.recorder_id);
  const parts = required(row, `sēde ${sitting.id}`);
  return {
    attendance: attendeesFrom(parts.attendance),
    agendaItems: agendaItemsFrom(parts.agenda_items),
    decisions: decisionsFrom(parts.decisions),
    reviews: reviewsFrom(parts.reviews),
    signers: listOf(parts.signers),
  };
}
