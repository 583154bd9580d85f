import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SittingDocument } from '../../server/interchange/sitting-document.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { canonical } from '../support/canonical.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const importDoc = (doc: unknown) =>
  t.call<{ id: number; number: number }>({ method: 'POST', url: '/api/sittings/import', payload: doc as object });

describe('import and export of the interchange format', () => {
  it('importing Nr. 7 and exporting it gives back the same content', async () => {
    const imported = await importDoc(nr7());
    expect(imported.status).toBe(201);
    expect(imported.body.number).toBe(7);

    const exported = await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${imported.body.id}/export` });
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(canonical(nr7()));
  });

  it('an exported document imports again as an identical sitting', async () => {
    const first = await importDoc(nr7());
    const exported = (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${first.body.id}/export` })).body;
    // Dated before Nr. 7, so nothing is carried over to it and its agenda stays as exported.
    const again = await importDoc({ ...exported, number: 8, date: '2025-06-01' });
    expect(again.status).toBe(201);
    const second = (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${again.body.id}/export` })).body;
    expect(second).toEqual({ ...exported, number: 8, date: '2025-06-01' });
  });

  it('owners written as initial and surname link to the directory person, attendees join the directory once', async () => {
    const { body } = await importDoc(nr7());
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${body.id}` })).body;
    const people = (await t.call<Array<{ id: number; fullName: string; isMember: boolean }>>({ method: 'GET', url: '/api/people' })).body;
    expect(people.map((p) => p.fullName).sort()).toEqual([
      'Dina Dombrovska',
      'Elita Rancāne',
      'Guntars Norbuts',
      'Inga Kārkliņa',
      'Kristīne Berga',
    ]);
    expect(people.every((p) => p.isMember)).toBe(true);
    const rancane = people.find((p) => p.fullName === 'Elita Rancāne')?.id;
    const karklina = people.find((p) => p.fullName === 'Inga Kārkliņa')?.id;
    expect(sitting.decisions[3].owners).toEqual([
      { personId: karklina, name: 'I.Kārkliņa' },
      { personId: rancane, name: 'E.Rancāne' },
    ]);
    expect(sitting.chair.name).toBe('Guntars Norbuts');
    expect(sitting.recorder.personId).toBe(rancane);
  });

  it('an owner who is not in the directory stays an outside owner, as written', async () => {
    const doc = nr7();
    doc.decisions[0] = { ...doc.decisions[0]!, owners: ['Valsts policija', 'E. Rancāne'] };
    const { body } = await importDoc(doc);
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${body.id}` })).body;
    expect(sitting.decisions[0].owners[0]).toEqual({ personId: null, name: 'Valsts policija' });
    expect(sitting.decisions[0].owners[1].personId).toBe(sitting.recorder.personId);
    const people = (await t.call<unknown[]>({ method: 'GET', url: '/api/people' })).body;
    expect(people).toHaveLength(5);
  });

  it('a later sitting matches its attendees to the people already in the directory', async () => {
    await importDoc(nr7());
    const next = nr7();
    next.number = 8;
    next.date = '2025-09-08';
    next.members = [{ name: 'E. Rancāne', position: 'Sociālā dienesta ĢBAN nodaļas vadītāja' }, { name: 'Kristīne Berga' }];
    next.invited = [{ name: 'A.Krasņicka', position: 'VP' }];
    const { status } = await importDoc(next);
    expect(status).toBe(201);
    const people = (await t.call<Array<{ fullName: string; isMember: boolean }>>({ method: 'GET', url: '/api/people' })).body;
    expect(people).toHaveLength(6);
    expect(people.find((p) => p.fullName === 'A.Krasņicka')?.isMember).toBe(false);
  });

  it('reviews refer to decisions of earlier sittings by number and export the same way', async () => {
    await importDoc(nr7());
    const next: SittingDocument = {
      ...nr7(),
      number: 8,
      date: '2025-09-08',
      decisions: [],
      reviews: [
        { sitting: 7, decision: 2, status: 'done' },
        { sitting: 7, decision: 5, status: 'in_progress', note: 'Dokuments kopīgots ar Bāriņtiesu.', due: '2025-10-01' },
      ],
    };
    const { body } = await importDoc(next);
    const exported = (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${body.id}/export` })).body;
    expect(exported.reviews).toEqual(next.reviews);
  });

  it('a confidential item, absentees with reasons and a signed flag survive the round trip', async () => {
    const doc: SittingDocument = {
      ...nr7(),
      absent: [{ name: 'Jānis Ozols', position: 'Pašvaldības policija', reason: 'atvaļinājumā' }],
      invited: [{ name: 'M. Šteins', position: 'deputāts' }],
      signed: true,
    };
    doc.agenda[1] = { ...doc.agenda[1]!, confidential: true, rapporteur: 'E. Rancāne' };
    const { body } = await importDoc(doc);
    const exported = (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${body.id}/export` })).body;
    expect(exported).toEqual(canonical(doc));
  });
});

describe('the fields added to the contract: planActivity and notDiscussed', () => {
  it('a decision keeps its prevention-plan activity, exported with its trailing dot', async () => {
    const doc = nr7();
    doc.decisions[0] = { ...doc.decisions[0]!, planActivity: '5.3.1' };
    doc.decisions[1] = { ...doc.decisions[1]!, planActivity: '2.1.' };
    const { body } = await importDoc(doc);
    const exported = (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${body.id}/export` })).body;
    expect(exported.decisions.map((d) => d.planActivity)).toEqual(['5.3.1.', '2.1.', undefined, undefined, undefined, undefined]);
  });

  it('an activity number that is not one is refused, naming the field', async () => {
    const doc = nr7();
    doc.decisions[2] = { ...doc.decisions[2]!, planActivity: 'pasākums 5' };
    const res = await importDoc(doc);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('decisions[2].planActivity');
  });

  it('a review marked not discussed is exported as such and leaves the decision unfinished', async () => {
    const first = await importDoc(nr7());
    expect(first.status).toBe(201);
    const later: SittingDocument = {
      ...nr7(),
      number: 8,
      date: '2025-09-08',
      agenda: [{ title: 'Par iepriekšējo sēžu lēmumu izpildi' }],
      decisions: [],
      reviews: [
        { sitting: 7, decision: 2, status: 'done' },
        { sitting: 7, decision: 6, status: 'open', notDiscussed: true },
      ],
    };
    const second = await importDoc(later);
    expect(second.status).toBe(201);
    const exported = (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${second.body.id}/export` })).body;
    expect(exported.reviews).toEqual([
      { sitting: 7, decision: 2, status: 'done' },
      { sitting: 7, decision: 6, status: 'open', notDiscussed: true },
    ]);
    const register = (await t.call<Array<{ number: number; currentStatus: string }>>({ method: 'GET', url: '/api/decisions?sitting=7' }))
      .body;
    expect(register.find((d) => d.number === 6)?.currentStatus).toBe('open');
    expect(register.find((d) => d.number === 2)?.currentStatus).toBe('done');
  });
});
