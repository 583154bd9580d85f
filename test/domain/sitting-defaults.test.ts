// What a new sitting takes from the previous one (server/domain/sitting-defaults.ts).
import { describe, expect, it } from 'vitest';
import { newSittingHeader, type SittingHeader } from '../../server/domain/sitting-defaults.ts';

const previous: SittingHeader = { place: 'Cēsīs', startTime: '14:00', endTime: '16:00', chairId: 1, recorderId: 2 };
const everyoneActive = () => true;

describe('a new sitting’s header', () => {
  it('is the previous sitting’s when the request gives nothing', () => {
    expect(newSittingHeader({}, previous, 'Priekuļi', everyoneActive)).toEqual(previous);
  });

  it('is the group’s place and nothing else for the first sitting', () => {
    expect(newSittingHeader({}, undefined, 'Priekuļi', everyoneActive)).toEqual({
      place: 'Priekuļi',
      startTime: null,
      endTime: null,
      chairId: null,
      recorderId: null,
    });
  });

  it('keeps what the request gives, and an explicit null means none', () => {
    expect(newSittingHeader({ place: 'Rīgā', chairId: null, recorderId: 3 }, previous, 'Priekuļi', everyoneActive)).toMatchObject({
      place: 'Rīgā',
      chairId: null,
      recorderId: 3,
    });
  });

  it('takes the times as a pair: a start given alone gets no end from last time', () => {
    expect(newSittingHeader({ startTime: '17:00' }, previous, 'Priekuļi', everyoneActive)).toMatchObject({
      startTime: '17:00',
      endTime: null,
    });
  });

  it('leaves out a chair or recorder no longer active in the directory', () => {
    expect(newSittingHeader({}, previous, 'Priekuļi', (id) => id !== 1)).toMatchObject({ chairId: null, recorderId: 2 });
  });
});
