// Where a decision stands: its own status and deadline, changed by the reviews of later sittings
// and by progress notes between them, in the order they took effect.

/** Every status a decision can have, in the order forms offer them. */
export const DECISION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** Still to be followed up: carried over, counted as open; the SQL filters use this list too. */
export const UNFINISHED_STATUSES = ['open', 'in_progress'] as const satisfies readonly DecisionStatus[];
/** Done or cancelled: every status that is not unfinished. */
export const FINISHED_STATUSES: readonly DecisionStatus[] = DECISION_STATUSES.filter((s) => !isUnfinished(s));

export interface DecisionTerms {
  status: DecisionStatus;
  due: string | null;
  ownerCount: number;
}

export interface StateEvent {
  /** The day it took effect: a review's sitting date, a note's day. */
  date: string;
  /** Breaks ties within a day: reviews before notes, then in the order recorded. */
  order: number;
  status?: DecisionStatus | undefined;
  /** A new deadline, where one was set. */
  due?: string | null | undefined;
}

export interface DecisionState {
  status: DecisionStatus;
  due: string | null;
}

/** A decision with an owner or a deadline is followed up; one with neither is a resolution. */
export function isFollowedUp(d: { due: string | null; ownerCount: number }): boolean {
  return d.ownerCount > 0 || d.due !== null;
}

export function isUnfinished(status: DecisionStatus): boolean {
  return (UNFINISHED_STATUSES as readonly DecisionStatus[]).includes(status);
}

/** The state after the events that took effect before `before` (all of them when omitted). */
export function stateAsOf(
  own: { status: DecisionStatus; due: string | null },
  events: readonly StateEvent[],
  before?: string,
): DecisionState {
  return [...events]
    .filter((e) => before === undefined || e.date < before)
    .sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order)
    .reduce<DecisionState>(
      (state, e) => ({ status: e.status ?? state.status, due: e.due === undefined || e.due === null ? state.due : e.due }),
      { status: own.status, due: own.due },
    );
}

/** Carried to a sitting: followed up and, as of that sitting, not yet done or cancelled. */
export function isCarried(terms: DecisionTerms, stateBefore: DecisionState): boolean {
  return isFollowedUp({ due: terms.due, ownerCount: terms.ownerCount }) && isUnfinished(stateBefore.status);
}

export function isOverdue(due: string | null, on: string): boolean {
  return due !== null && due < on;
}
