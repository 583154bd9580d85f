// The directory of people as use cases: each change audited; a person named in any sitting is
// never deleted, only deactivated.
import type { Db, Executor } from '../db/database.ts';
import { Conflict } from '../domain/errors.ts';
import type { Actor } from '../repositories/audit.ts';
import { personRecord } from '../repositories/audit-records.ts';
import {
  createPerson,
  deletePersonRow,
  getPerson,
  isPersonReferenced,
  listPeople,
  personRow,
  updatePerson,
  type PeopleFilter,
} from '../repositories/people.ts';
import type { NewPersonBody, Person, PersonPatchBody } from '../schemas/people.ts';
import { runAudited, runAuditedCreate } from './audit.ts';

export function people(db: Executor, groupId: number, filter: PeopleFilter = {}): Promise<Person[]> {
  return listPeople(db, groupId, filter);
}

export function person(db: Executor, groupId: number, id: number): Promise<Person> {
  return getPerson(db, groupId, id);
}

export function addPerson(db: Db, groupId: number, actor: Actor, input: NewPersonBody): Promise<Person> {
  return runAuditedCreate(db, groupId, actor, personRecord(groupId), (trx) => createPerson(trx, groupId, input));
}

export function editPerson(db: Db, groupId: number, actor: Actor, id: number, patch: PersonPatchBody): Promise<Person> {
  return runAudited(db, groupId, actor, { ...personRecord(groupId), action: 'update', recordId: id }, (trx) =>
    updatePerson(trx, groupId, id, patch),
  );
}

/** Removes a person entered by mistake; anyone named in any sitting stays (deactivate instead). */
export async function removePerson(db: Db, groupId: number, actor: Actor, id: number, version: number): Promise<void> {
  await runAudited(db, groupId, actor, { ...personRecord(groupId), action: 'delete', recordId: id }, async (trx) => {
    const row = await personRow(trx, groupId, id);
    if (await isPersonReferenced(trx, id))
      throw new Conflict(`${row.full_name} ir minēts sēžu protokolos, tāpēc personu nevar dzēst; to var atzīmēt kā neaktīvu.`);
    await deletePersonRow(trx, id, version);
  });
}
