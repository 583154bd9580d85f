// Gathers what the minutes of one sitting are rendered from: the sitting, the group, and the
// earlier decisions followed up at it.
import type { Executor } from '../db/database.ts';
import { draftDocument } from '../interchange/export-sitting.ts';
import type { FollowUp, MinutesSource } from '../minutes/minutes-source.ts';
import type { GroupProfile } from '../domain/group-settings.ts';
import type { SittingDetail } from '../schemas/sittings.ts';
import type { CarriedDecision } from '../schemas/sittings.ts';
import { getGroup } from '../repositories/group.ts';
import { loadSitting } from './sittings.ts';

export async function loadMinutesSource(db: Executor, groupId: number, sittingId: number): Promise<MinutesSource> {
  const [group, sitting] = await Promise.all([getGroup(db, groupId), loadSitting(db, groupId, sittingId)]);
  return minutesSource(group, sitting);
}

/** The minutes' source from a sitting already loaded (its carry-over list included). */
export function minutesSource(group: GroupProfile, sitting: SittingDetail): MinutesSource {
  return { group, sitting: draftDocument(sitting), followUps: sitting.carryOver.map(followUp) };
}

function followUp(c: CarriedDecision): FollowUp {
  const reviewed = c.review !== null && !c.review.notDiscussed ? c.review : null;
  return {
    sittingNumber: c.sittingNumber,
    decisionNumber: c.number,
    text: c.text,
    owners: c.owners,
    ...(c.due === null ? {} : { due: c.due }),
    ...(reviewed === null ? {} : { status: reviewed.status }),
    ...(reviewed?.note == null ? {} : { note: reviewed.note }),
    ...(reviewed?.due == null ? {} : { newDue: reviewed.due }),
    confidential: c.confidential,
  };
}
