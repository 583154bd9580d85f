// The small vocabularies that have no rule module of their own, each defined once: the TypeScript
// types, the table interfaces and the API schemas are all derived from these lists.

/** A sitting is drafted, then signed (and locked: sitting-lock.ts). */
export const SITTING_STATES = ['draft', 'signed'] as const;
export type SittingState = (typeof SITTING_STATES)[number];

/** How a person took part in a sitting: a present member, an absent member, or an invited guest. */
export const ATTENDANCE_ROLES = ['member', 'absent', 'invited'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];
