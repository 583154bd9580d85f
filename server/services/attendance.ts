// Who was at a draft sitting, as use cases: adding a directory person or a typed name (an unknown
// name joins the directory), changing a role, removing someone. Each owns its audit record.
import { assertVersion, Conflict, InvalidInput } from '../domain/errors.ts';
import { cleanName, matchPerson } from '../domain/names.ts';
import type { Db, Executor } from '../db/database.ts';
import type { Actor } from '../repositories/audit.ts';
import { ATTENDANCE } from '../repositories/audit-records.ts';
import {
  attendanceRow,
  attendeePersonIds,
  deleteAttendanceRow,
  getAttendee,
  insertAttendee,
  lastAttendanceOrdinal,
  updateAttendanceRow,
} from '../repositories/attendance.ts';
import { createPerson, listPeople } from '../repositories/people.ts';
import { definedOnly } from '../repositories/rows.ts';
import type { Attendee, AttendeePatchBody, NewAttendeeBody } from '../schemas/sittings.ts';
import { runAudited, runAuditedCreate } from './audit.ts';
import { draftSitting } from './sittings.ts';

const WHAT = 'dalībnieks';

export interface DirectoryPerson {
  id: number;
  fullName: string;
  /** The name's short form when the directory sets one, else null. */
  shortName: string | null;
  position: string | null;
}

/** The group's directory as names are matched against it. */
export async function directoryOf(db: Executor, groupId: number): Promise<DirectoryPerson[]> {
  const people = await listPeople(db, groupId);
  return people.map((p) => ({ id: p.id, fullName: p.fullName, shortName: p.shortNameOverride, position: p.position }));
}

/** A typed name matched to the directory; an unknown name joins it (and `directory`). */
export async function findOrAddPerson(
  db: Executor,
  groupId: number,
  directory: DirectoryPerson[],
  name: string,
  position: string | null,
  isMember: boolean,
): Promise<DirectoryPerson> {
  const found = matchPerson(name, directory);
  if (found !== undefined) return found;
  const created = await createPerson(db, groupId, { fullName: cleanName(name), position, isMember });
  const added = { id: created.id, fullName: created.fullName, shortName: null, position: created.position };
  directory.push(added);
  return added;
}

async function personFor(db: Executor, groupId: number, input: NewAttendeeBody): Promise<DirectoryPerson> {
  const directory = await directoryOf(db, groupId);
  if (input.personId !== undefined) {
    const person = directory.find((p) => p.id === input.personId);
    if (person === undefined) throw new InvalidInput('personId', `persona ${input.personId} nav grupas sarakstā.`);
    return person;
  }
  if (input.name === undefined) throw new InvalidInput('personId', 'jānorāda persona (personId) vai tās vārds un uzvārds (name).');
  return findOrAddPerson(db, groupId, directory, input.name, input.position ?? null, input.role !== 'invited');
}

/** Adds someone to the sitting, once: a directory person by id, or by name. */
export async function addAttendee(db: Db, groupId: number, actor: Actor, sittingId: number, input: NewAttendeeBody): Promise<Attendee> {
  return runAuditedCreate(db, groupId, actor, ATTENDANCE, async (trx) => {
    await draftSitting(trx, groupId, sittingId);
    const person = await personFor(trx, groupId, input);
    if ((await attendeePersonIds(trx, sittingId)).has(person.id)) {
      throw new Conflict(`${person.fullName} jau ir sēdes dalībnieku sarakstā.`, 'personId');
    }
    const id = await insertAttendee(trx, {
      sitting_id: sittingId,
      person_id: person.id,
      role: input.role,
      position: input.position !== undefined ? input.position : person.position,
      reason: input.role === 'absent' ? (input.reason ?? null) : null,
      ordinal: (await lastAttendanceOrdinal(trx, sittingId)) + 1,
    });
    return getAttendee(trx, id);
  });
}

async function draftAttendee(db: Executor, groupId: number, id: number) {
  const row = await attendanceRow(db, id);
  await draftSitting(db, groupId, row.sitting_id);
  return row;
}

/** Only someone absent has a reason for it. */
export async function updateAttendee(db: Db, groupId: number, actor: Actor, id: number, patch: AttendeePatchBody): Promise<Attendee> {
  return runAudited(db, groupId, actor, { ...ATTENDANCE, action: 'update', recordId: id }, async (trx) => {
    const current = await draftAttendee(trx, groupId, id);
    const role = patch.role ?? current.role;
    await updateAttendanceRow(
      trx,
      id,
      patch.version,
      definedOnly({ role: patch.role, position: patch.position, reason: role === 'absent' ? patch.reason : null }),
    );
    return getAttendee(trx, id);
  });
}

export async function removeAttendee(db: Db, groupId: number, actor: Actor, id: number, version: number): Promise<void> {
  await runAudited(db, groupId, actor, { ...ATTENDANCE, action: 'delete', recordId: id }, async (trx) => {
    const current = await draftAttendee(trx, groupId, id);
    assertVersion(WHAT, current.version, version);
    await deleteAttendanceRow(trx, id);
  });
}
