// How every view of a decision names where it comes from: its sitting and the reference `Nr. 7, 2.`
// worded in templates/.
import type { DecisionRowOfGroup } from '../repositories/decision-rows.ts';
import { loadMinutesTemplates } from '../wording/templates.ts';

/**
 * The origin fields every view of a decision carries. Spread them first in the view's literal: V8
 * then clones their shape, where a spread after other fields copies them one by one into objects
 * of a shape of their own, which the serializer reads slowly (a register page took 1.1× as long).
 */
export function decisionOrigin(r: Pick<DecisionRowOfGroup, 'sitting_number' | 'number' | 'sitting_id' | 'sitting_date' | 'text'>) {
  return {
    reference: decisionReference(r.sitting_number, r.number),
    sittingId: r.sitting_id,
    sittingNumber: r.sitting_number,
    sittingDate: r.sitting_date,
    number: r.number,
    text: r.text,
  };
}

// Every decision of every read carries its reference: each is worded once, found again by its numbers.
const references = new Map<number, Map<number, string>>();
const REFERENCED_SITTINGS = 10_000;

/** `Nr. 7, 2.`, worded in templates/. */
export function decisionReference(sittingNumber: number, decisionNumber: number): string {
  let ofSitting = references.get(sittingNumber);
  if (ofSitting === undefined) {
    if (references.size >= REFERENCED_SITTINGS) references.clear();
    references.set(sittingNumber, (ofSitting = new Map()));
  }
  let reference = ofSitting.get(decisionNumber);
  if (reference === undefined) {
    reference = loadMinutesTemplates().phrase('followUp.reference', { sitting: sittingNumber, decision: decisionNumber });
    ofSitting.set(decisionNumber, reference);
  }
  return reference;
}
