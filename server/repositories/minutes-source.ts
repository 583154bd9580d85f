// Gathers what the minutes of one sitting are rendered from: the sitting, the group, and the
// earlier decisions followed up at it.
import type { Executor } from '../db/database.ts';
import { draftDocument } from '../interchange/export-sitting.ts';
import type { FollowUp, MinutesSource } from '../minutes/minutes-source.ts';
import { getGroup } from './group.ts';
import { isSet } from './rows.ts';
import { loadSitting } from './sittings.ts';

export async function loadMinutesSource(db: Executor, groupId: number, sittingId: number): Promise<MinutesSource> {
  const [group, sitting] = await Promise.all([getGroup(db, groupId), loadSitting(db, groupId, sittingId)]);
  return { group, sitting: draftDocument(sitting), followUps: await followUpsAt(db, sittingId) };
}

async function followUpsAt(db: Executor, sittingId: number): Promise<FollowUp[]> {
  const rows = await db
    .selectFrom('decision_reviews as r')
    .innerJoin('decisions as d', 'd.id', 'r.decision_id')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 's.number as sitting_number', 'd.number', 'd.text', 'd.due', 'r.status', 'r.note', 'r.new_due', 'a.confidential'])
    .where('r.sitting_id', '=', sittingId)
    .orderBy('s.date')
    .orderBy('s.number')
    .orderBy('d.number')
    .execute();
  const owners =
    rows.length === 0
      ? []
      : await db
          .selectFrom('decision_owners')
          .select(['decision_id', 'name'])
          .where(
            'decision_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('ordinal')
          .execute();
  return rows.map((r) => ({
    sittingNumber: r.sitting_number,
    decisionNumber: r.number,
    text: r.text,
    owners: owners.filter((o) => o.decision_id === r.id).map((o) => o.name),
    ...(r.due === null ? {} : { due: r.due }),
    status: r.status,
    ...(r.note === null ? {} : { note: r.note }),
    ...(r.new_due === null ? {} : { newDue: r.new_due }),
    confidential: r.confidential !== null && isSet(r.confidential),
  }));
}
