import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../server/services/audit.ts';
import { createUser } from '../../server/services/accounts.ts';
import { addGroup } from '../../server/services/group.ts';
import { logIn, TEST_PASSWORD, testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { monitoringStory, type Story } from './story.ts';

let t: TestApp;
let story: Story;
let b: Session;

beforeAll(async () => {
  t = await testApp('secretary');
  story = await monitoringStory(t);
  const group = await addGroup(t.db, SYSTEM, { name: 'Otra sadarbības grupa', municipality: 'Valmieras novads' });
  await createUser(
    t.db,
    group.id,
    { login: 'otras.sekretare', password: TEST_PASSWORD, role: 'secretary', personId: null },
    t.app.passwords,
  );
  b = await logIn(t.app, 'otras.sekretare');
});
afterAll(async () => t.close());

const asB = (method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.app.inject(withSession({ method, url, ...(payload === undefined ? {} : { payload }) }, b));

describe("another group's plans", () => {
  it('are neither listed, read, reported, searched nor changed', async () => {
    expect((await asB('GET', '/api/plans')).json()).toEqual([]);
    expect((await asB('GET', `/api/plans/${story.planId}`)).statusCode).toBe(404);
    expect((await asB('GET', `/api/plans/${story.planId}/report.docx?year=2026`)).statusCode).toBe(404);
    expect((await asB('GET', `/api/plan-activities/${story.activity['5.3.1.']}`)).statusCode).toBe(404);
    expect((await asB('GET', '/api/plan-activities?q=5.3')).json()).toEqual([]);
    expect((await asB('PUT', `/api/plan-activities/${story.activity['5.3.1.']}/status/2026`, { status: 'done' })).statusCode).toBe(404);
    expect((await asB('PATCH', `/api/plans/${story.planId}`, { version: 1, changeNote: 'svešs' })).statusCode).toBe(404);
  });

  it("decisions of another group naming the same numbers are not linked to this group's activities, nor its items to them", async () => {
    const sitting = await t.app.inject(
      withSession({ method: 'POST', url: '/api/sittings', payload: { date: '2026-04-01', number: 1 } }, b),
    );
    expect(sitting.statusCode).toBe(201);
    const decision = await t.app.inject(
      withSession(
        { method: 'POST', url: `/api/sittings/${sitting.json().id}/decisions`, payload: { text: 'Cita grupa.', planActivity: '5.3.1' } },
        b,
      ),
    );
    expect(decision.statusCode).toBe(201);
    const page = await t.call({ method: 'GET', url: `/api/plan-activities/${story.activity['5.3.1.']}` });
    expect(page.body.events.filter((e: { kind: string }) => e.kind === 'decision')).toHaveLength(2);
    expect(JSON.stringify(page.body)).not.toContain('Cita grupa.');
    const bItem = await t.app.inject(
      withSession({ method: 'POST', url: `/api/sittings/${sitting.json().id}/agenda-items`, payload: { title: 'Punkts' } }, b),
    );
    const link = await asB('PUT', `/api/agenda-items/${bItem.json().id}/plan-activities`, { activityIds: [story.activity['1.1.']!] });
    expect([link.statusCode, link.json().field]).toEqual([400, 'activityIds[0]']);
  });
});
