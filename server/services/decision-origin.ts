// How every view of a decision names where it comes from: its sitting and the reference `Nr. 7, 2.`
// worded in templates/.
import type { DecisionRowOfGroup } from '../repositories/decision-rows.ts';
import { loadMinutesTemplates } from '../wording/templates.ts';

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
