import { describe, expect, it } from 'vitest';
import { Conflict } from '../../server/domain/errors.ts';
import { planActivityNumber } from '../../server/domain/plan-activity.ts';
import { awaitedSignatures, signaturesGiven } from '../../server/domain/signers.ts';
import { missingForSigning, signingRefusal, unreviewedCarried } from '../../server/domain/signing-readiness.ts';
import { assertDraft } from '../../server/domain/sitting-lock.ts';
import type { SittingDetail } from '../../server/schemas/sittings.ts';

describe('who signs as what', () => {
  it('a secretary signs as the recorder', () => expect(signaturesGiven('secretary')).toEqual(['recorder']));
  it('a chair signs as the chair', () => expect(signaturesGiven('chair')).toEqual(['chair']));
  it('an admin gives both signatures at once', () => expect(signaturesGiven('admin').sort()).toEqual(['chair', 'recorder']));
  it('an admin may give only the signature asked for', () => {
    expect(signaturesGiven('admin', 'chair')).toEqual(['chair']);
    expect(signaturesGiven('admin', 'recorder')).toEqual(['recorder']);
  });
  it('a secretary asking to sign as the chair gives no signature', () => expect(signaturesGiven('secretary', 'chair')).toEqual([]));
  it('members and guests give no signature', () => {
    expect(signaturesGiven('member')).toEqual([]);
    expect(signaturesGiven('guest')).toEqual([]);
  });
});

/** A sitting that has everything signing needs; each test takes one part away. */
const ready = (): SittingDetail =>
  ({
    chair: { personId: 1, name: 'Guntars Norbuts' },
    recorder: { personId: 2, name: 'Elita Rancāne' },
    startTime: '14:00',
    endTime: '15:30',
    attendance: [{ name: 'Kristīne Berga', role: 'member' }],
    agendaItems: [{ title: 'Par bērnu' }],
  }) as unknown as SittingDetail;

describe('signatures still awaited', () => {
  it('minutes the recorder signed wait for the chair', () => expect(awaitedSignatures(['recorder'])).toEqual(['chair']));
  it('minutes the chair signed wait for the recorder', () => expect(awaitedSignatures(['chair'])).toEqual(['recorder']));
  it('minutes both signed wait for nobody', () => expect(awaitedSignatures(['chair', 'recorder'])).toEqual([]));
  it('minutes signed outside the tool wait for nobody', () => expect(awaitedSignatures([])).toEqual([]));
});

describe('signing readiness', () => {
  it('minutes with chair, recorder, times, a present member and an agenda item may be signed', () =>
    expect(missingForSigning(ready())).toEqual([]));
  it('minutes without a chair may not be signed', () => expect(missingForSigning({ ...ready(), chair: null })).toEqual(['sēdes vadītājs']));
  it('minutes without a recorder may not be signed', () =>
    expect(missingForSigning({ ...ready(), recorder: null })).toEqual(['protokolētājs']));
  it('minutes without start and end times may not be signed', () =>
    expect(missingForSigning({ ...ready(), startTime: null, endTime: null })).toEqual(['sēdes sākuma laiks', 'sēdes beigu laiks']));
  it('minutes where only invited people attended may not be signed', () =>
    expect(
      missingForSigning({ ...ready(), attendance: [{ name: 'Viesis', role: 'invited' }] as unknown as SittingDetail['attendance'] }),
    ).toEqual(['vismaz viens klātesošs grupas loceklis']));
  it('minutes without agenda items may not be signed', () =>
    expect(missingForSigning({ ...ready(), agendaItems: [] })).toEqual(['vismaz viens darba kārtības punkts']));

  it('a carried decision with no review recorded blocks signing; a reviewed one does not', () =>
    expect(
      unreviewedCarried([
        { reference: 'Nr. 7, 1.', review: null },
        { reference: 'Nr. 7, 2.', review: { status: 'done' } },
        { reference: 'Nr. 7, 3.', review: { notDiscussed: true } },
      ]),
    ).toEqual(['Nr. 7, 1.']));
});

describe('the refusal to sign', () => {
  const carried = (review: unknown) => [{ reference: 'Nr. 7, 2.', review }] as unknown as SittingDetail['carryOver'];
  it('minutes with everything and every follow-up recorded are not refused', () =>
    expect(signingRefusal({ ...ready(), carryOver: carried({ status: 'done' }) })).toBeNull());
  it('names the missing parts and, in the same message, the carried decisions without follow-up, with the first field', () =>
    expect(signingRefusal({ ...ready(), chair: null, startTime: null, carryOver: carried(null) })).toEqual({
      field: 'chairId',
      message:
        'Protokolu nevar parakstīt: trūkst sēdes vadītājs, sēdes sākuma laiks. Nav ierakstīta arī izpilde iepriekšējo sēžu lēmumiem Nr. 7, 2. Atzīmējiet izpildi vai "nav izskatīts".',
    }));
  it('names only the carried decisions when nothing else is missing', () =>
    expect(signingRefusal({ ...ready(), carryOver: carried(null) })).toEqual({
      field: 'carryOver',
      message: 'Protokolu nevar parakstīt: nav ierakstīta izpilde lēmumiem Nr. 7, 2. Atzīmējiet izpildi vai "nav izskatīts".',
    }));
});

describe('the lock on signed minutes', () => {
  it('a draft may be changed', () => expect(() => assertDraft({ state: 'draft', number: 7 })).not.toThrow());
  it('signed minutes may not be changed, and the refusal names the sitting', () => {
    expect(() => assertDraft({ state: 'signed', number: 7 })).toThrow(Conflict);
    expect(() => assertDraft({ state: 'signed', number: 7 })).toThrow(/Nr\. 7 .*parakstīts/u);
  });
  it('minutes in any state other than draft are locked', () =>
    expect(() => assertDraft({ state: 'amended', number: 3 })).toThrow(Conflict));
});

describe('prevention-plan activity numbers', () => {
  it('a number typed without the trailing dot gets one', () => expect(planActivityNumber('5.3.1')).toBe('5.3.1.'));
  it('a number with the trailing dot keeps exactly one', () => expect(planActivityNumber('5.3.1.')).toBe('5.3.1.'));
  it('spaces around the number are dropped', () => expect(planActivityNumber('  5.3 ')).toBe('5.3.'));
});
