import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sittingRow } from '../../server/repositories/sittings.ts';
import { carriedDecisions } from '../../server/services/carry-over.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const get = async (url: string) => {
  const res = await t.call({ method: 'GET', url });
  expect(res.status).toBe(200);
  return res.body;
};
const write = async (method: 'POST' | 'PATCH', url: string, payload: object, status = 200) => {
  const res = await t.call({ method, url, payload });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

/** Nr. 7 (a draft), then Nr. 8 carrying its decisions, every one followed up, signed. */
async function signedLaterSitting() {
  const s7 = await write('POST', '/api/sittings/import', nr7(), 201);
  const opened = await write('POST', '/api/sittings', { date: '2025-09-08' }, 201);
  for (const c of opened.carryOver as Array<{ decisionId: number }>) {
    await write('POST', `/api/sittings/${opened.id}/reviews`, { decisionId: c.decisionId, status: 'in_progress', note: 'Turpinās.' }, 201);
  }
  const s8 = await get(`/api/sittings/${opened.id}`);
  const person = (name: string) => s8.attendance.find((a: { name: string }) => a.name === name).personId as number;
  const ready = await write('PATCH', `/api/sittings/${s8.id}`, {
    version: s8.version,
    startTime: '14:00',
    endTime: '15:30',
    chairId: person('Guntars Norbuts'),
    recorderId: person('Elita Rancāne'),
  });
  await write('POST', `/api/sittings/${s8.id}/sign`, { version: ready.version });
  return { s7Id: s7.id as number, s8Id: s8.id as number, rancane: person('Elita Rancāne') };
}

describe('a signed sitting is frozen like its DOCX', () => {
  it('renaming a person and amending an earlier decision change neither its JSON, its carry-over list nor its export', async () => {
    const { s7Id, s8Id, rancane } = await signedLaterSitting();
    const before = await get(`/api/sittings/${s8Id}`);
    const exportBefore = await get(`/api/sittings/${s8Id}/export`);
    expect(before.carryOver.length).toBeGreaterThan(0);

    const person = await get(`/api/people/${rancane}`);
    await write('PATCH', `/api/people/${rancane}`, { version: person.version, fullName: 'Elita Bērziņa' });
    const s7 = await get(`/api/sittings/${s7Id}`);
    const carried = s7.decisions.find((d: { id: number }) => d.id === before.carryOver[0].decisionId);
    await write('PATCH', `/api/decisions/${carried.id}`, { version: carried.version, text: 'Pārrakstīts lēmuma teksts.' });

    // The live data did change: a draft sitting shows it.
    expect((await get(`/api/sittings/${s7Id}`)).attendance.map((a: { name: string }) => a.name)).toContain('Elita Bērziņa');

    expect(await get(`/api/sittings/${s8Id}`)).toEqual(before);
    expect(await get(`/api/sittings/${s8Id}/export`)).toEqual(exportBefore);
  });

  it("its frozen list, worked out again from the rows, shows each decision as it stood before the sitting's own reviews", async () => {
    const { s8Id } = await signedLaterSitting();
    // Without its stored JSON (sittings signed before it was kept), the list comes from the frozen ids.
    const carried = await carriedDecisions(t.db, await sittingRow(t.db, t.groupId, s8Id));
    expect(carried.length).toBeGreaterThan(0);
    // Each was reviewed "in progress" at this sitting, on its day: before it, each was still open.
    expect(carried.map((c) => [c.statusBefore, c.review?.status])).toEqual(carried.map(() => ['open', 'in_progress']));
  });

  it('an amendment reopens the live sitting, and the next signature freezes it anew', async () => {
    const { s8Id, rancane } = await signedLaterSitting();
    const signed = await get(`/api/sittings/${s8Id}`);
    const person = await get(`/api/people/${rancane}`);
    await write('PATCH', `/api/people/${rancane}`, { version: person.version, fullName: 'Elita Bērziņa' });
    const amend = await t.call({
      method: 'POST',
      url: `/api/sittings/${s8Id}/amend`,
      payload: { version: signed.version, reason: 'Precizēts vārds.' },
    });
    expect(amend.status).toBe(204);
    const draft = await get(`/api/sittings/${s8Id}`);
    expect(draft.state).toBe('draft');
    expect(draft.recorder.name).toBe('Elita Bērziņa');
    await write('POST', `/api/sittings/${s8Id}/sign`, { version: draft.version });
    const resigned = await get(`/api/sittings/${s8Id}`);
    expect(resigned.recorder.name).toBe('Elita Bērziņa');
    expect(resigned.state).toBe('signed');
  });
});
