// The cooperation groups as use cases: a group's profile and minutes settings (read, and an audited
// change) for its own users; the host's groups, listed and created (with the first admin's setup
// link), for the host admin.
import type { Db, Executor } from '../db/database.ts';
import { Conflict } from '../domain/errors.ts';
import { newGroupProfile } from '../domain/group-settings.ts';
import { sortedLatvian } from '../domain/latvian-order.ts';
import { setupTokenExpiry } from '../domain/setup-token.ts';
import { appendAudit, recordChange, type Actor } from '../repositories/audit.ts';
import { getGroup, insertGroup, listGroups, updateGroup, type Group, type GroupPatch, type GroupSummary } from '../repositories/group.ts';
import { runAudited } from './audit.ts';
import { issueSetupToken } from './first-admin.ts';
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

/** The host's groups with their counts of sittings, people and accounts, in Latvian order of name. */
export async function hostGroups(db: Executor): Promise<GroupSummary[]> {
  return sortedLatvian(await listGroups(db), (g) => g.name);
}

export interface NewGroup {
  name: string;
  municipality: string;
}

/** A new group, empty, recorded in its own audit trail as created by `actor`. */
export function addGroup(db: Executor, actor: Actor, input: NewGroup): Promise<Group> {
  return transact(db, async (trx) => {
    const group = await insertGroup(trx, newGroupProfile(input.name, input.municipality));
    await recordChange(trx, group.id, actor, { action: 'create', recordType: 'group', recordId: group.id, before: null, after: group });
    return group;
  });
}

/** A setup link's secret, shown once to whoever asked; never stored or audited as such. */
export interface IssuedSetupLink {
  secret: string;
  expiresAt: string;
}

const HAS_ADMIN = 'Grupai jau ir aktīvs administrators: jaunus lietotājus pievieno grupas administrators.';

/**
 * A fresh link (valid an hour, once) that makes the group's first admin, while it has no active
 * admin; links issued before stay valid. Audited with its expiry, not its secret.
 */
export function issueGroupSetupLink(db: Executor, actor: Actor, groupId: number, now = new Date()): Promise<IssuedSetupLink> {
  return transact(db, async (trx) => {
    await getGroup(trx, groupId);
    const secret = await issueSetupToken(trx, groupId, now);
    if (secret === null) throw new Conflict(HAS_ADMIN);
    const expiresAt = setupTokenExpiry(now).toISOString();
    await appendAudit(trx, groupId, actor, { action: 'create', recordType: 'setup_link', recordId: null, after: { expiresAt } });
    return { secret, expiresAt };
  });
}

/** A new group and the link that makes its first admin, both or neither. */
export function addGroupWithSetupLink(
  db: Db,
  actor: Actor,
  input: NewGroup,
  now = new Date(),
): Promise<{ group: Group; setupLink: IssuedSetupLink }> {
  return transact(db, async (trx) => {
    const group = await addGroup(trx, actor, input);
    return { group, setupLink: await issueGroupSetupLink(trx, actor, group.id, now) };
  });
}
