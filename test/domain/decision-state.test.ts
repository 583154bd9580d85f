import { describe, expect, it } from 'vitest';
import { isCarried, isFollowedUp, isOverdue, isUnfinished, stateAsOf, type StateEvent } from '../../server/domain/decision-state.ts';

describe('unfinished and followed up', () => {
  it.each(['open', 'in_progress'] as const)('a decision that is %s is unfinished', (s) => expect(isUnfinished(s)).toBe(true));
  it.each(['done', 'cancelled'] as const)('a decision that is %s is finished', (s) => expect(isUnfinished(s)).toBe(false));

  it('a decision with an owner is followed up', () => expect(isFollowedUp({ due: null, ownerCount: 1 })).toBe(true));
  it('a decision with a deadline is followed up', () => expect(isFollowedUp({ due: '2025-09-01', ownerCount: 0 })).toBe(true));
  it('a decision with neither owner nor deadline is a resolution, not followed up', () =>
    expect(isFollowedUp({ due: null, ownerCount: 0 })).toBe(false));
});

describe('the carry-over rule', () => {
  const open = { status: 'open', due: '2025-09-01' } as const;

  it('an open decision with an owner is carried over', () =>
    expect(isCarried({ status: 'open', due: null, ownerCount: 2 }, { status: 'open', due: null })).toBe(true));
  it('a decision in progress with a deadline is carried over', () =>
    expect(isCarried({ status: 'in_progress', due: '2025-09-01', ownerCount: 0 }, { status: 'in_progress', due: '2025-09-01' })).toBe(
      true,
    ));
  it('a decision with neither owner nor deadline is not carried over', () =>
    expect(isCarried({ status: 'open', due: null, ownerCount: 0 }, { status: 'open', due: null })).toBe(false));
  it('a decision done before the sitting is not carried over', () =>
    expect(isCarried({ ...open, ownerCount: 1 }, { status: 'done', due: open.due })).toBe(false));
  it('a decision cancelled before the sitting is not carried over', () =>
    expect(isCarried({ ...open, ownerCount: 1 }, { status: 'cancelled', due: open.due })).toBe(false));
  it('a decision done today but still open as of the sitting is carried over (the state as of the sitting counts)', () =>
    expect(isCarried({ status: 'done', due: open.due, ownerCount: 1 }, { status: 'open', due: open.due })).toBe(true));
});

describe('the state as of a day', () => {
  const own = { status: 'open', due: '2025-09-01' } as const;
  const events: StateEvent[] = [
    { date: '2025-10-06', order: 0, status: 'done' },
    { date: '2025-09-08', order: 0, status: 'in_progress', due: '2025-10-01' },
    { date: '2025-09-08', order: 1, due: null },
  ];

  it('with no events a decision keeps its own status and deadline', () => expect(stateAsOf(own, [])).toEqual(own));
  it('events take effect in date order whatever the order given', () =>
    expect(stateAsOf(own, events)).toEqual({ status: 'done', due: '2025-10-01' }));
  it('only events before the given day count, not those on that day', () => {
    expect(stateAsOf(own, events, '2025-09-08')).toEqual(own);
    expect(stateAsOf(own, events, '2025-09-09')).toEqual({ status: 'in_progress', due: '2025-10-01' });
    expect(stateAsOf(own, events, '2025-10-06')).toEqual({ status: 'in_progress', due: '2025-10-01' });
  });
  it('an event without a status or deadline leaves them as they were', () =>
    expect(stateAsOf(own, [{ date: '2025-09-08', order: 0 }])).toEqual(own));
  it('within one day the later order wins', () => {
    const sameDay: StateEvent[] = [
      { date: '2025-09-08', order: 2, status: 'cancelled' },
      { date: '2025-09-08', order: 1, status: 'done' },
    ];
    expect(stateAsOf(own, sameDay).status).toBe('cancelled');
  });
  it('the events given are not reordered in place', () => {
    const copy = events.map((e) => ({ ...e }));
    stateAsOf(own, events);
    expect(events).toEqual(copy);
  });
});

describe('overdue', () => {
  it('a deadline before the day is overdue', () => expect(isOverdue('2025-09-01', '2025-09-02')).toBe(true));
  it('a deadline on the day is not yet overdue', () => expect(isOverdue('2025-09-01', '2025-09-01')).toBe(false));
  it('a decision without a deadline is never overdue', () => expect(isOverdue(null, '2099-01-01')).toBe(false));
});
