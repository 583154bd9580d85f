import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxText } from '../minutes/helpers.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  expect((await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).status).toBe(201);
});
afterEach(async () => t.close());

interface Carried {
  decisionId: number;
  reference: string;
  number: number;
  overdue: boolean;
  owners: string[];
  due: string | null;
  review: { id: number; version: number } | null;
}

const open = async (date: string) => {
  const res = await t.call({ method: 'POST', url: '/api/sittings', payload: { date } });
  expect(res.status).toBe(201);
  return res.body;
};
const get = async (id: number) => (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
const carriedNumbers = async (id: number) => ((await get(id)).carryOver as Carried[]).map((c) => c.reference.replace(/\u00a0/g, ' '));
const review = (sittingId: number, payload: object) => t.call({ method: 'POST', url: `/api/sittings/${sittingId}/reviews`, payload });

/** Makes a draft signable: chair, recorder, end time (members and an item it already has). */
async function readyToSign(id: number) {
  const s = await get(id);
  const chair = s.attendance.find((a: { name: string }) => a.name === 'Guntars Norbuts').personId;
  const recorder = s.attendance.find((a: { name: string }) => a.name === 'Elita Rancāne').personId;
  const res = await t.call({
    method: 'PATCH',
    url: `/api/sittings/${id}`,
    payload: { version: s.version, startTime: '14:00', endTime: '15:30', chairId: chair, recorderId: recorder },
  });
  expect(res.status).toBe(200);
  return res.body;
}

describe('the Nr. 7 story', () => {
  it('decisions carry over, are reviewed, and what is still unfinished carries again', async () => {
    const s8 = await open('2025-09-08');
    expect(s8.agendaItems[0]).toMatchObject({ position: 1, title: 'Par iepriekšējo sēžu lēmumu izpildi', followUp: true });
    const carried: Carried[] = s8.carryOver;
    // 1 and 3 have neither owner nor deadline: they are resolutions.
    expect(carried.map((c) => c.reference.replace(/\u00a0/g, ' '))).toEqual(['Nr. 7, 2.', 'Nr. 7, 4.', 'Nr. 7, 5.', 'Nr. 7, 6.']);
    expect(carried[0]).toMatchObject({ owners: ['E.Rancāne'], due: '2025-07-09', overdue: true });
    expect(carried[3]).toMatchObject({ owners: [], due: '2025-09-08', overdue: false });

    const [d2, d4, d5, d6] = carried;
    expect((await review(s8.id, { decisionId: d2!.decisionId, status: 'done' })).status).toBe(201);
    expect((await review(s8.id, { decisionId: d4!.decisionId, status: 'done', note: 'Sarunas notikušas.' })).status).toBe(201);
    expect(
      (await review(s8.id, { decisionId: d5!.decisionId, status: 'in_progress', due: '2025-10-15', note: 'Kopīgots ar Bāriņtiesu.' }))
        .status,
    ).toBe(201);

    const ready = await readyToSign(s8.id);
    const refused = await t.call({ method: 'POST', url: `/api/sittings/${s8.id}/sign`, payload: { version: ready.version } });
    expect(refused.status).toBe(409);
    expect(refused.body.message.replace(/\u00a0/g, ' ')).toContain('Nr. 7, 6.');

    expect((await review(s8.id, { decisionId: d6!.decisionId, status: 'open', notDiscussed: true })).status).toBe(201);
    const signed = await t.call({ method: 'POST', url: `/api/sittings/${s8.id}/sign`, payload: { version: ready.version } });
    expect(signed.status).toBe(200);

    const docx = await docxText((await t.inject({ method: 'GET', url: `/api/sittings/${s8.id}/minutes.docx` })).rawPayload);
    for (const line of [
      'Lēmums',
      'Lēmuma teksts',
      'Atbildīgie',
      'Termiņš',
      'Izpilde',
      'Nr. 7, 2.',
      'Nr. 7, 5.',
      'izpildīts',
      'izpilde turpinās',
      '15.10.2025.',
    ]) {
      expect(docx).toContain(line);
    }

    const s9 = await open('2025-10-13');
    expect(await carriedNumbers(s9.id)).toEqual(['Nr. 7, 5.', 'Nr. 7, 6.']);
    const [c5] = (await get(s9.id)).carryOver as Carried[];
    expect(c5).toMatchObject({ due: '2025-10-15', overdue: false });
  });

  it('the live list of a draft reacts to a status change made elsewhere before the sitting', async () => {
    const s8 = await open('2025-09-08');
    const d5 = ((await get(s8.id)).carryOver as Carried[]).find((c) => c.number === 5)!;
    const note = await t.call({
      method: 'POST',
      url: `/api/decisions/${d5.decisionId}/notes`,
      payload: { note: 'Dokuments nosūtīts.', status: 'done', date: '2025-08-20' },
    });
    expect(note.status).toBe(201);
    expect(await carriedNumbers(s8.id)).toEqual(['Nr. 7, 2.', 'Nr. 7, 4.', 'Nr. 7, 6.']);

    await t.call({
      method: 'POST',
      url: `/api/decisions/${d5.decisionId}/notes`,
      payload: { note: 'Tomēr vēl jāpabeidz.', status: 'in_progress', date: '2025-08-25' },
    });
    const back = ((await get(s8.id)).carryOver as Carried[]).find((c) => c.number === 5) as Carried & { notes: Array<{ note: string }> };
    expect(back).toBeDefined();
    expect(back.notes.map((n) => n.note)).toEqual(['Dokuments nosūtīts.', 'Tomēr vēl jāpabeidz.']);
  });

  it('a sitting opened out of order carries exactly what was unfinished at its own date', async () => {
    const s8 = await open('2025-09-08');
    for (const c of (await get(s8.id)).carryOver as Carried[]) {
      await review(s8.id, { decisionId: c.decisionId, status: 'done' });
    }
    expect(await carriedNumbers((await open('2025-10-01')).id)).toEqual([]);
    // An extra sitting dated between Nr. 7 and Nr. 8: the reviews of 8 September have not happened yet.
    const extra = await open('2025-08-01');
    expect(await carriedNumbers(extra.id)).toEqual(['Nr. 7, 2.', 'Nr. 7, 4.', 'Nr. 7, 5.', 'Nr. 7, 6.']);
    // And one before Nr. 7 carries nothing of it.
    expect(await carriedNumbers((await open('2025-06-01')).id)).toEqual([]);
  });

  it('a decision still unfinished after a later review is carried to an earlier sitting as it stood then', async () => {
    const s8 = await open('2025-09-08');
    const [d2] = (await get(s8.id)).carryOver as Carried[];
    expect(d2!.due).toBe('2025-07-09');
    // Unfinished now, and reviewed after the extra sitting's date: both ways of finding it find it.
    expect((await review(s8.id, { decisionId: d2!.decisionId, status: 'in_progress', due: '2025-12-01' })).status).toBe(201);
    const extra = await open('2025-08-01');
    const then = ((await get(extra.id)).carryOver as Array<Carried & { statusBefore: string }>).filter(
      (c) => c.decisionId === d2!.decisionId,
    );
    expect(then).toHaveLength(1);
    expect(then[0]).toMatchObject({ due: '2025-07-09', statusBefore: 'open', overdue: true });
  });

  it('cancelling needs a reason, and a refused review writes nothing', async () => {
    const s8 = await open('2025-09-08');
    const [first] = (await get(s8.id)).carryOver as Carried[];
    const before = await snapshot(t.db);
    const res = await review(s8.id, { decisionId: first!.decisionId, status: 'cancelled' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('note');
    expect(await snapshot(t.db)).toEqual(before);
    expect((await review(s8.id, { decisionId: first!.decisionId, status: 'cancelled', note: 'Vairs nav aktuāls.' })).status).toBe(201);
  });

  it('a signed sitting keeps the list it was signed with', async () => {
    const s8 = await open('2025-09-08');
    for (const c of (await get(s8.id)).carryOver as Carried[]) await review(s8.id, { decisionId: c.decisionId, status: 'in_progress' });
    const ready = await readyToSign(s8.id);
    await t.call({ method: 'POST', url: `/api/sittings/${s8.id}/sign`, payload: { version: ready.version } });
    const d2 = ((await get(s8.id)).carryOver as Carried[])[0]!;
    await t.call({
      method: 'POST',
      url: `/api/decisions/${d2.decisionId}/notes`,
      payload: { note: 'Izpildīts.', status: 'done', date: '2025-08-01' },
    });
    expect(await carriedNumbers(s8.id)).toEqual(['Nr. 7, 2.', 'Nr. 7, 4.', 'Nr. 7, 5.', 'Nr. 7, 6.']);
  });

  it('a review removed from a draft takes its status change with it', async () => {
    const s8 = await open('2025-09-08');
    const [d2] = (await get(s8.id)).carryOver as Carried[];
    const r = (await review(s8.id, { decisionId: d2!.decisionId, status: 'done' })).body;
    expect((await t.call({ method: 'GET', url: `/api/decisions/${d2!.decisionId}` })).body.currentStatus).toBe('done');
    await t.call({ method: 'DELETE', url: `/api/reviews/${r.id}?version=${r.version}` });
    expect((await t.call({ method: 'GET', url: `/api/decisions/${d2!.decisionId}` })).body.currentStatus).toBe('open');
  });
});
