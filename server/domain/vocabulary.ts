// The small vocabularies that have no rule module of their own, each defined once: the TypeScript
// types, the table interfaces and the API schemas are all derived from these lists.

/** A sitting is drafted, then signed (and locked: sitting-lock.ts). */
export const SITTING_STATES = ['draft', 'signed'] as const;
export type SittingState = (typeof SITTING_STATES)[number];

/** How a person took part in a sitting: a present member, an absent member, or an invited guest. */
export const ATTENDANCE_ROLES = ['member', 'absent', 'invited'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];

/**
 * How far a prevention-plan activity got in a year: not started, being carried out, done, carried
 * out continuously, or postponed (which needs a reason: domain/activity-status.ts). The report and
 * the screens word them (nav uzsākts, tiek īstenots, īstenots, pastāvīgi, atlikts).
 */
export const ACTIVITY_STATUSES = ['not_started', 'in_progress', 'done', 'ongoing', 'postponed'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
