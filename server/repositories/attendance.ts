// Who was at a draft sitting: members present or absent, invited specialists.
import { assertVersion, Conflict, InvalidInput } from '../domain/errors.ts';
import { cleanName, matchPerson } from '../domain/names.ts';
import type { AttendanceRow, Executor } from '../db/database.ts';
import type { Attendee, AttendeePatchBody, NewAttendeeBody } from '../schemas/sittings.ts';
import { createPerson } from './people.ts';
import { definedOnly, expectOneUpdated, inTransaction, required } from './rows.ts';
import { draftSittingRow } from './sittings.ts';

const WHAT = 'dalībnieks';

export async function getAttendee(db: Executor, id: number): Promise<Attendee> {
  const row = await db
    .selectFrom('attendance as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.person_id', 'p.full_name', 'a.role', 'a.position', 'a.reason', 'a.version'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  const a = required(row, `${WHAT} ${id}`);
  return { id: a.id, personId: a.person_id, name: a.full_name, role: a.role, position: a.position, reason: a.reason, version: a.version };
}

async function draftAttendee(db: Executor, groupId: number, id: number): Promise<AttendanceRow> {
  const row = required(await db.selectFrom('attendance').selectAll().where('id', '=', id).executeTakeFirst(), `${WHAT} ${id}`);
  await draftSittingRow(db, groupId, row.sitting_id);
  return row;
}

/** Adds someone to the sitting: a directory person by id, or by name (a new name joins the directory). */
export async function addAttendee(db: Executor, groupId: number, sittingId: number, input: NewAttendeeBody): Promise<Attendee> {
  return inTransaction(db, async (trx) => {
    await draftSittingRow(trx, groupId, sittingId);
    const person = await personFor(trx, groupId, input);
    const taken = await trx
      .selectFrom('attendance')
      .select('id')
      .where('sitting_id', '=', sittingId)
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (taken !== undefined) throw new Conflict(`${person.fullName} jau ir sēdes dalībnieku sarakstā.`, 'personId');
    const last = await trx
      .selectFrom('attendance')
      .select((eb) => eb.fn.max('ordinal').as('n'))
      .where('sitting_id', '=', sittingId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('attendance')
      .values({
        sitting_id: sittingId,
        person_id: person.id,
        role: input.role,
        position: input.position !== undefined ? input.position : person.position,
        reason: input.role === 'absent' ? (input.reason ?? null) : null,
        ordinal: (last?.n ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getAttendee(trx, id);
  });
}

async function personFor(
  db: Executor,
  groupId: number,
  input: NewAttendeeBody,
): Promise<{ id: number; fullName: string; position: string | null }> {
  if (input.personId !== undefined) {
    const row = await db
      .selectFrom('people')
      .select(['id', 'full_name', 'position'])
      .where('id', '=', input.personId)
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    if (row === undefined) throw new InvalidInput('personId', `persona ${input.personId} nav grupas sarakstā.`);
    return { id: row.id, fullName: row.full_name, position: row.position };
  }
  if (input.name === undefined) throw new InvalidInput('personId', 'jānorāda persona (personId) vai tās vārds un uzvārds (name).');
  const people = await db
    .selectFrom('people')
    .select(['id', 'full_name', 'short_name', 'position'])
    .where('group_id', '=', groupId)
    .execute();
  const found = matchPerson(
    input.name,
    people.map((p) => ({ id: p.id, fullName: p.full_name, shortName: p.short_name, position: p.position })),
  );
  if (found !== undefined) return found;
  return createPerson(db, groupId, {
    fullName: cleanName(input.name),
    position: input.position ?? null,
    isMember: input.role !== 'invited',
  });
}

export async function updateAttendee(db: Executor, groupId: number, id: number, patch: AttendeePatchBody): Promise<Attendee> {
  return inTransaction(db, async (trx) => {
    const current = await draftAttendee(trx, groupId, id);
    const role = patch.role ?? current.role;
    const result = await trx
      .updateTable('attendance')
      .set((eb) => ({
        ...definedOnly({ role: patch.role, position: patch.position, reason: role === 'absent' ? patch.reason : null }),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    expectOneUpdated(result, true, WHAT);
    return getAttendee(trx, id);
  });
}

export async function removeAttendee(db: Executor, groupId: number, id: number, version: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const current = await draftAttendee(trx, groupId, id);
    assertVersion(WHAT, current.version, version);
    await trx.deleteFrom('attendance').where('id', '=', id).execute();
  });
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
