// The group's data version: one indexed row read per cached request, bumped inside every write
// transaction of the group's data (services/audit.ts runAudited), never by audit-only writes.
import type { Executor } from '../db/database.ts';
import { compiledOnce, required } from './rows.ts';

export async function dataVersion(db: Executor, groupId: number): Promise<number> {
  const [row] = await versionOf(db, groupId);
  return Number(required(row, 'grupa').data_version);
}

const versionOf = compiledOnce((db: Executor, groupId: number) => db.selectFrom('groups').select('data_version').where('id', '=', groupId));

/**
 * Takes the later of version + 1 and the current time in milliseconds, so a version is never
 * reused: not after a backup is restored, nor by a database created anew, whose ETags a browser may
 * still hold.
 */
export async function bumpDataVersion(db: Executor, groupId: number, now = Date.now()): Promise<void> {
  await db
    .updateTable('groups')
    .set((eb) => ({
      data_version: eb
        .case()
        .when('data_version', '<', now)
        .then(now)
        .else(eb('data_version', '+', 1))
        .end(),
    }))
    .where('id', '=', groupId)
    .execute();
}
