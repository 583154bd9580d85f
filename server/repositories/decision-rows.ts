// The query every view of decisions starts from (each decision with its sitting and whether
// its agenda item is confidential), and how a decision is referred to.
import type { Executor } from '../db/database.ts';
import { loadMinutesTemplates } from '../wording/templates.ts';

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

/** The origin fields every view of a decision carries. */
export function decisionOrigin(r: DecisionRowOfGroup) {
  return {
    reference: decisionReference(r.sitting_number, r.number),
    sittingId: r.sitting_id,
    sittingNumber: r.sitting_number,
    sittingDate: r.sitting_date,
    number: r.number,
    text: r.text,
  };
}

/** `Nr. 7, 2.`, worded in templates/. */
export function decisionReference(sittingNumber: number, decisionNumber: number): string {
  return loadMinutesTemplates().phrase('followUp.reference', { sitting: sittingNumber, decision: decisionNumber });
}
