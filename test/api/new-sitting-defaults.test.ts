// A new sitting takes its chair, recorder, place and usual times from the group's previous
// sitting (server/domain/sitting-defaults.ts), unless the request says otherwise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../server/schemas/people.ts';
import type { SittingDetail } from '../../server/schemas/sittings.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

async function open(payload: object): Promise<SittingDetail> {
  const res = await t.call<SittingDetail>({ method: 'POST', url: '/api/sittings', payload });
  expect(res.status).toBe(201);
  return res.body;
}

const header = (s: SittingDetail) => ({
  place: s.place,
  startTime: s.startTime,
  endTime: s.endTime,
  chair: s.chair?.name ?? null,
  recorder: s.recorder?.name ?? null,
});

describe('a new sitting', () => {
  it('starts with the previous sitting’s chair, recorder, place and times', async () => {
    await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), place: 'Cēsu novada domē' } });
    const draft = await open({ date: '2025-09-08' });
    expect(header(draft)).toEqual({
      place: 'Cēsu novada domē',
      startTime: '14:00',
      endTime: '16:00',
      chair: 'Guntars Norbuts',
      recorder: 'Elita Rancāne',
    });
    expect(draft.chair?.position).toBe('PP priekšnieks');
  });

  it('follows the latest sitting by date, not the one opened last', async () => {
    await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
    await open({ date: '2025-01-13', startTime: '09:00', endTime: '10:00', chairId: null });
    const draft = await open({ date: '2025-09-08' });
    expect(header(draft)).toMatchObject({ startTime: '14:00', endTime: '16:00', chair: 'Guntars Norbuts' });
  });

  it('keeps what the request gives, an explicit null included; times go as a pair', async () => {
    await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
    const draft = await open({ date: '2025-09-08', chairId: null, startTime: '15:00', place: 'Priekuļos' });
    expect(header(draft)).toEqual({ place: 'Priekuļos', startTime: '15:00', endTime: null, chair: null, recorder: 'Elita Rancāne' });
  });

  it('does not carry over a chair who is no longer active in the directory', async () => {
    await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
    const people = (await t.call<Person[]>({ method: 'GET', url: '/api/people' })).body;
    const chair = people.find((p) => p.fullName === 'Guntars Norbuts');
    await t.call({ method: 'PATCH', url: `/api/people/${chair?.id}`, payload: { version: chair?.version, active: false } });
    expect(header(await open({ date: '2025-09-08' }))).toMatchObject({ chair: null, recorder: 'Elita Rancāne' });
  });

  it('of a group with no sittings yet takes the group’s place and nothing else', async () => {
    expect(header(await open({ date: '2025-09-08' }))).toEqual({
      place: 'Cēsīs, Cēsu novadā',
      startTime: null,
      endTime: null,
      chair: null,
      recorder: null,
    });
  });
});
