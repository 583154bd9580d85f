// The group's directory of people: rows only; services/people.ts decides who may be deleted.
import { sortedLatvian } from '../domain/latvian-order.ts';
import { cleanName, shortForm } from '../domain/names.ts';
import type { Executor, PersonRow } from '../db/database.ts';
import type { NewPersonBody, Person, PersonPatchBody } from '../schemas/people.ts';
import { compiledOnce, definedOnly, expectOneUpdated, flag, isSet, nowIso, required } from './rows.ts';

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    fullName: row.full_name,
    shortName: row.short_name ?? shortForm(row.full_name),
    shortNameOverride: row.short_name,
    position: row.position,
    email: row.email,
    isMember: isSet(row.is_member),
    active: isSet(row.active),
    version: row.version,
  };
}

export interface PeopleFilter {
  active?: boolean;
  member?: boolean;
}

export async function listPeople(db: Executor, groupId: number, filter: PeopleFilter = {}): Promise<Person[]> {
  let query = db.selectFrom('people').selectAll().where('group_id', '=', groupId);
  if (filter.active !== undefined) query = query.where('active', '=', flag(filter.active));
  if (filter.member !== undefined) query = query.where('is_member', '=', flag(filter.member));
  // By id in SQL; by name in Latvian order here, as neither engine's collation is Latvian everywhere.
  const rows = await query.orderBy('id').execute();
  return sortedLatvian(rows, (r) => r.full_name).map(toPerson);
}

const personById = compiledOnce((db: Executor, groupId: number, id: number) =>
  db.selectFrom('people').selectAll().where('id', '=', id).where('group_id', '=', groupId),
);

export async function personRow(db: Executor, groupId: number, id: number): Promise<PersonRow> {
  const [row] = await personById(db, groupId, id);
  return required(row, `persona ${id}`);
}

export async function getPerson(db: Executor, groupId: number, id: number): Promise<Person> {
  return toPerson(await personRow(db, groupId, id));
}

export async function createPerson(db: Executor, groupId: number, input: NewPersonBody): Promise<Person> {
  const now = nowIso();
  const row = await db
    .insertInto('people')
    .values({
      group_id: groupId,
      full_name: cleanName(input.fullName),
      short_name: input.shortNameOverride == null ? null : cleanName(input.shortNameOverride),
      position: input.position ?? null,
      email: input.email ?? null,
      is_member: flag(input.isMember ?? false),
      active: flag(input.active ?? true),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

export async function updatePerson(db: Executor, groupId: number, id: number, patch: PersonPatchBody): Promise<Person> {
  await personRow(db, groupId, id);
  const result = await db
    .updateTable('people')
    .set((eb) => ({
      ...definedOnly({
        full_name: patch.fullName === undefined ? undefined : cleanName(patch.fullName),
        short_name: patch.shortNameOverride === undefined ? undefined : patch.shortNameOverride && cleanName(patch.shortNameOverride),
        position: patch.position,
        email: patch.email,
        is_member: patch.isMember === undefined ? undefined : flag(patch.isMember),
        active: patch.active === undefined ? undefined : flag(patch.active),
      }),
      version: eb('version', '+', 1),
      updated_at: nowIso(),
    }))
    .where('id', '=', id)
    .where('version', '=', patch.version)
    .executeTakeFirst();
  expectOneUpdated(result, true, 'persona');
  return getPerson(db, groupId, id);
}

/** Whether any sitting names the person: present, owning a decision, chairing or recording. */
export async function isPersonReferenced(db: Executor, id: number): Promise<boolean> {
  const referenced = await db
    .selectFrom('attendance')
    .select('id')
    .where('person_id', '=', id)
    .union(db.selectFrom('decision_owners').select('id').where('person_id', '=', id))
    .union(
      db
        .selectFrom('sittings')
        .select('id')
        .where((eb) => eb.or([eb('chair_id', '=', id), eb('recorder_id', '=', id)])),
    )
    .limit(1)
    .execute();
  return referenced.length > 0;
}

/** Deletes a person's row if it is still at `version` (409 otherwise). */
export async function deletePersonRow(db: Executor, id: number, version: number): Promise<void> {
  const result = await db.deleteFrom('people').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (result.numDeletedRows === 0n) expectOneUpdated(undefined, true, 'persona');
}
