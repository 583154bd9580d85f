// Gathers what the minutes of one sitting are rendered from: the sitting with its carry-over
// list, and the group.
import type { Executor } from '../db/database.ts';
import type { MinutesSource } from '../minutes/minutes-source.ts';
import type { GroupProfile } from '../domain/group-settings.ts';
import type { SittingDetail } from '../schemas/sittings.ts';
import { getGroup } from '../repositories/group.ts';
import { sittingData } from './sittings.ts';

export async function loadMinutesSource(db: Executor, groupId: number, sittingId: number): Promise<MinutesSource> {
  const [group, sitting] = await Promise.all([getGroup(db, groupId), sittingData(db, groupId, sittingId)]);
  return minutesSource(group, sitting);
}

/** The minutes' source from a sitting already loaded (its carry-over list included). */
export function minutesSource(group: GroupProfile, sitting: SittingDetail): MinutesSource {
  return { group, sitting };
}
