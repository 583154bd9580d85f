// Attendance as rows: who was at a sitting, in which role, in what order.
// The use cases (a draft only, one row per person, a typed name matched to the directory) are in
// services/sitting-parts.ts.
import type { AttendanceRow, AttendanceTable, Executor } from '../db/database.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Attendee } from '../schemas/sittings.ts';
import { compiledOnce, jsonList, listOf, required, updateAtVersion, type JsonList } from './rows.ts';

const WHAT = 'dalībnieks';

/** Attendance rows with the person's name as the directory has it now. */
function attendeesWithNames(db: Executor) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'p.full_name', 'a.role', 'a.position', 'a.reason', 'a.version']);
}

type AttendeeWithName = Awaited<ReturnType<ReturnType<typeof attendeesWithNames>['executeTakeFirstOrThrow']>>;

const toAttendee = (a: AttendeeWithName): Attendee => ({
  id: a.id,
  personId: a.person_id,
  name: a.full_name,
  role: a.role,
  position: a.position,
  reason: a.reason,
  version: a.version,
});

export async function getAttendee(db: Executor, id: number): Promise<Attendee> {
  return toAttendee(required(await attendeesWithNames(db).where('a.id', '=', id).executeTakeFirst(), `${WHAT} ${id}`));
}

/** Who is listed at the sitting, in the minutes' order. */
const attendeesAtQuery = (db: Executor, sittingId: number) =>
  attendeesWithNames(db).where('a.sitting_id', '=', sittingId).orderBy('a.ordinal').orderBy('a.id');
const attendeesAt = compiledOnce(attendeesAtQuery);

export async function attendeesOf(db: Executor, sittingId: number): Promise<Attendee[]> {
  const rows = await attendeesAt(db, sittingId);
  return rows.map(toAttendee);
}

/** The same list as one column (rows.ts `jsonList`), for reading a sitting's parts in one statement. */
export function attendanceList(db: Executor, sittingId: number) {
  return jsonList(db, attendeesAtQuery(db, sittingId)).as('attendance');
}

export const attendeesFrom = (list: JsonList<AttendeeWithName>): Attendee[] => listOf(list).map(toAttendee);

export async function attendanceRow(db: Executor, id: number): Promise<AttendanceRow> {
  return required(await db.selectFrom('attendance').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
}

/** The people listed at the sitting, in any role. */
export async function attendeePersonIds(db: Executor, sittingId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('attendance').select('person_id').where('sitting_id', '=', sittingId).execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function lastAttendanceOrdinal(db: Executor, sittingId: number): Promise<number> {
  const last = await db
    .selectFrom('attendance')
    .select((eb) => eb.fn.max('ordinal').as('n'))
    .where('sitting_id', '=', sittingId)
    .executeTakeFirst();
  return last?.n ?? 0;
}

type NewAttendance = Omit<Insertable<AttendanceTable>, 'id' | 'version'>;

export async function insertAttendee(db: Executor, row: NewAttendance): Promise<number> {
  const { id } = await db.insertInto('attendance').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertAttendance(db: Executor, rows: readonly NewAttendance[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('attendance')
      .values([...rows])
      .execute();
}

/** Updates the row at the version given; a stale version is a conflict. */
export async function updateAttendanceRow(
  db: Executor,
  id: number,
  version: number,
  values: Pick<Updateable<AttendanceTable>, 'role' | 'position' | 'reason'>,
): Promise<void> {
  await updateAtVersion(db, 'attendance', id, version, values, WHAT);
}

export async function deleteAttendanceRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('attendance').where('id', '=', id).execute();
}

/** The sittings a person attended, in any role. */
export async function attendedSittingIds(db: Executor, groupId: number, personId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('sittings', 'sittings.id', 'attendance.sitting_id')
    .select('attendance.sitting_id')
    .where('sittings.group_id', '=', groupId)
    .where('attendance.person_id', '=', personId)
    .execute();
  return new Set(rows.map((r) => r.sitting_id));
}
