// The query every view of decisions starts from: each decision with its sitting and whether its
// agenda item is confidential (services/decision-origin.ts words how a decision is referred to).
import type { Executor } from '../db/database.ts';

export function decisionsOfGroup(db: Executor, groupId: number) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('sittings as s', 's.id', 'd.sitting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select([
      'd.id',
      'd.number',
      'd.text',
      'd.status',
      'd.due',
      'd.current_status',
      'd.current_due',
      'd.plan_activity',
      's.id as sitting_id',
      's.number as sitting_number',
      's.date as sitting_date',
      'a.confidential',
    ])
    .where('s.group_id', '=', groupId);
}

export type DecisionRowOfGroup = Awaited<ReturnType<ReturnType<typeof decisionsOfGroup>['execute']>>[number];
