// Everything needed to render one sitting's minutes: the sitting itself in the interchange
// shape, the group's profile, and the earlier decisions followed up at this sitting.
import type { GroupProfile } from '../domain/group-settings.ts';
import type { DecisionStatus } from '../domain/decision-state.ts';
import type { SittingDocument } from '../interchange/sitting-document.ts';

export interface FollowUp {
  /** Number of the sitting that took the decision (Nr. 7). */
  sittingNumber: number;
  /** The decision's number within that sitting (2.). */
  decisionNumber: number;
  text: string;
  /** Owners as printed (short forms for directory people, outside owners as written). */
  owners: string[];
  /** Due date before this review, YYYY-MM-DD. */
  due?: string;
  /** Outcome recorded at this sitting; absent when the item was not discussed. */
  status?: DecisionStatus;
  note?: string;
  /** New deadline set at this sitting, YYYY-MM-DD. */
  newDue?: string;
  /** True when the decision was taken in a confidential agenda item. */
  confidential?: boolean;
}

export interface MinutesSource {
  group: GroupProfile;
  sitting: SittingDocument;
  followUps: FollowUp[];
}

export type MinutesVersion = 'full' | 'public';
