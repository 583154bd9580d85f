import { describe, expect, it } from 'vitest';
import {
  actionFor,
  carriedFor,
  decisionDetailFor,
  inheritsConfidentiality,
  publicView,
  readerView,
  registerEntryFor,
  revealsConfidential,
  searchHitsFor,
  sittingFor,
  sittingRevealsConfidential,
} from '../../server/domain/reader-view.ts';
import type { ActionItem, DecisionDetail } from '../../server/schemas/decisions.ts';
import type { SearchHit, SittingDetail } from '../../server/schemas/sittings.ts';

const HIDDEN = 'Ierobežotas pieejamības informācija';
const guest = readerView('guest', HIDDEN);
const member = readerView('member', HIDDEN);

type Carried = SittingDetail['carryOver'][number];
const carried = (confidential: boolean): Carried => ({
  decisionId: 4,
  reference: 'Nr. 7, 4.',
  sittingId: 1,
  sittingNumber: 7,
  sittingDate: '2025-07-08',
  number: 4,
  text: 'Piedalīties sarunās ar ģimeni.',
  owners: ['E.Rancāne'],
  due: '2025-07-09',
  overdue: true,
  statusBefore: 'open',
  confidential,
  notes: [{ note: 'Mājas vizīte.', status: null, date: '2025-08-20' }],
  review: { id: 1, status: 'in_progress', note: 'Piešķirts asistents.', due: '2025-10-15', notDiscussed: false, version: 1 },
});

describe('the reader view', () => {
  it('every role but a guest sees confidential text; a guest sees the public version only', () => {
    for (const role of ['admin', 'secretary', 'chair', 'member'] as const) expect(readerView(role, HIDDEN).seesConfidential).toBe(true);
    expect(guest.seesConfidential).toBe(false);
    expect(publicView(HIDDEN).seesConfidential).toBe(false);
  });

  it('a decision is as confidential as its agenda item, stored as 0/1 or given as a boolean', () => {
    expect([1, true, 0, false, null, undefined].map(inheritsConfidentiality)).toEqual([true, true, false, false, false, false]);
  });

  it('a carried confidential decision keeps its reference, due date and statuses; text, owners and notes give way', () => {
    expect(carriedFor(guest, carried(true))).toEqual({
      ...carried(true),
      text: HIDDEN,
      owners: [],
      notes: [],
      review: { ...carried(true).review!, note: null },
    });
    expect(carriedFor(guest, carried(false))).toEqual(carried(false));
    expect(carriedFor(member, carried(true))).toEqual(carried(true));
  });

  it('masks a sitting’s carried decisions and their reviews even when no item of its own is confidential', () => {
    const s = {
      id: 8,
      agendaItems: [
        { id: 1, position: 1, title: 'Par izpildi', rapporteur: null, proceedings: '', confidential: false, followUp: true, version: 1 },
      ],
      decisions: [],
      reviews: [
        {
          id: 1,
          decisionId: 4,
          sittingNumber: 7,
          decisionNumber: 4,
          status: 'in_progress',
          note: 'Piešķirts asistents.',
          due: null,
          notDiscussed: false,
          version: 1,
        },
      ],
      carryOver: [carried(true)],
    } as unknown as SittingDetail;
    const shown = sittingFor(guest, s);
    expect(JSON.stringify(shown)).not.toMatch(/ģimeni|Rancāne|vizīte|asistents/u);
    expect(shown.reviews[0]?.status).toBe('in_progress');
    expect(sittingFor(member, s)).toBe(s);
  });

  it('register entries, a decision’s history and actions lose text, owners and notes for a reader who may not see them', () => {
    const entry = {
      id: 4,
      reference: 'Nr. 7, 4.',
      text: 'Teksts par ģimeni.',
      owners: [{ personId: 1, name: 'E.Rancāne' }],
      confidential: true,
    };
    const detail = {
      ...entry,
      history: [{ kind: 'note', date: '2025-08-20', status: null, due: null, note: 'Vizīte.', sittingNumber: null, notDiscussed: false }],
    };
    const action = {
      decisionId: 4,
      reference: 'Nr. 7, 4.',
      text: 'Teksts par ģimeni.',
      owners: ['E.Rancāne', 'I.Liepiņa'],
      coOwners: ['I.Liepiņa'],
      notes: [{ note: 'Vizīte.' }],
      due: '2025-10-15',
      confidential: true,
    };
    expect(registerEntryFor(guest, entry as never)).toMatchObject({ text: HIDDEN, owners: [] });
    expect(decisionDetailFor(guest, detail as unknown as DecisionDetail).history[0]?.note).toBeNull();
    expect(actionFor(publicView(HIDDEN), action as unknown as ActionItem)).toMatchObject({
      text: HIDDEN,
      owners: [],
      coOwners: [],
      notes: [],
      due: '2025-10-15',
    });
    expect(actionFor(member, action as unknown as ActionItem)).toBe(action);
  });

  it('a hidden register entry does not tell which prevention-plan activity the decision serves', () => {
    const entry = { id: 4, text: 'Teksts par ģimeni.', owners: [], planActivity: '5.3.1.', confidential: true };
    expect(registerEntryFor(guest, entry as never)).toMatchObject({ text: HIDDEN, planActivity: null });
    expect(registerEntryFor(member, entry as never)).toBe(entry);
    expect(registerEntryFor(guest, { ...entry, confidential: false } as never)).toMatchObject({ planActivity: '5.3.1.' });
  });

  it('a reader who may not see a confidential search hit does not get it at all', () => {
    const hits = [
      { text: 'a', confidential: true },
      { text: 'b', confidential: false },
    ] as SearchHit[];
    expect(searchHitsFor(guest, hits).map((h) => h.text)).toEqual(['b']);
    expect(searchHitsFor(member, hits)).toHaveLength(2);
  });

  it('a response reveals confidential text only to a reader who sees it, and only if it holds some', () => {
    expect(revealsConfidential(member, [{ confidential: false }, { confidential: true }])).toBe(true);
    expect(revealsConfidential(member, [{ confidential: false }])).toBe(false);
    expect(revealsConfidential(guest, [{ confidential: true }])).toBe(false);
    const sitting = (carried: boolean[]) =>
      ({
        agendaItems: [{ confidential: false }],
        carryOver: carried.map((confidential) => ({ confidential })),
      }) as unknown as SittingDetail;
    expect(sittingRevealsConfidential(member, sitting([true]))).toBe(true);
    expect(sittingRevealsConfidential(member, sitting([]))).toBe(false);
    expect(sittingRevealsConfidential(guest, sitting([true]))).toBe(false);
  });
});
