// The cooperation groups as use cases: a group's profile and minutes settings (read, and an audited
// change) for its own users; the host's groups, listed and created, for the host admin.
import type { Db, Executor } from '../db/database.ts';
import { newGroupProfile } from '../domain/group-settings.ts';
import { recordChange, type Actor } from '../repositories/audit.ts';
import { getGroup, insertGroup, listGroups, updateGroup, type Group, type GroupPatch, type GroupSummary } from '../repositories/group.ts';
import { runAudited } from './audit.ts';
import { transact } from '../db/transaction.ts';

export type { GroupSummary } from '../repositories/group.ts';

export function groupSettings(db: Executor, groupId: number): Promise<Group> {
  return getGroup(db, groupId);
}

export function changeGroupSettings(db: Db, groupId: number, actor: Actor, patch: GroupPatch): Promise<Group> {
  return runAudited(
    db,
    groupId,
    actor,
    { action: 'update', recordType: 'group', recordId: groupId, load: (trx) => getGroup(trx, groupId) },
    (trx) => updateGroup(trx, groupId, patch),
  );
}

/** The host's groups with their counts of sittings, people and accounts. */
export function hostGroups(db: Executor): Promise<GroupSummary[]> {
  return listGroups(db);
}

export interface NewGroup {
  name: string;
  municipality: string;
}

/** A new group, empty, recorded in its own audit trail as created by `actor`. */
export function addGroup(db: Db, actor: Actor, input: NewGroup): Promise<Group> {
  return transact(db, async (trx) => {
    const group = await insertGroup(trx, newGroupProfile(input.name.trim(), input.municipality.trim()));
    await recordChange(trx, group.id, actor, { action: 'create', recordType: 'group', recordId: group.id, before: null, after: group });
    return group;
  });
}
