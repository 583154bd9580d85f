// The group's profile and minutes settings as use cases: reading them, and an audited change.
import type { Db, Executor } from '../db/database.ts';
import type { Actor } from '../repositories/audit.ts';
import { getGroup, updateGroup, type Group, type GroupPatch } from '../repositories/group.ts';
import { runAudited } from './audit.ts';

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
