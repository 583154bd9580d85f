import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityHit, ActivityPage, PlanOverview, YearStatus, YearStatusPage } from '../../server/schemas/plans.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { importedPlan, monitoringStory, sitting2026 } from './story.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp('secretary');
});
afterEach(async () => t.close());

describe('links between decisions, agenda items and activities', () => {
  it("an activity's page lists its agenda items, decisions, follow-ups and progress notes in date order", async () => {
    const story = await monitoringStory(t);
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${story.sittings[1]}` })).body;
    const itemId = sitting.agendaItems.find((i: { title: string }) => i.title.startsWith('Par EMU')).id;
    expect(
      (
        await t.call({
          method: 'PUT',
          url: `/api/agenda-items/${itemId}/plan-activities`,
          payload: { activityIds: [story.activity['5.3.1.'], story.activity['5.3.2.']] },
        })
      ).status,
    ).toBe(200);
    const first = (await t.call({ method: 'GET', url: `/api/sittings/${story.sittings[0]}` })).body;
    const decisionId = first.decisions.find((d: { planActivity: string | null }) => d.planActivity === '5.3.1.').id;
    expect(
      (await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/notes`, payload: { note: 'Divas skolas jau pieslēgtas.' } }))
        .status,
    ).toBe(201);

    const page = await t.call<ActivityPage>({ method: 'GET', url: `/api/plan-activities/${story.activity['5.3.1.']}` });
    expect(page.status).toBe(200);
    expect(page.body.goal.number).toBe(5);
    // The note counts from the day it is written (today), after both sittings.
    expect(page.body.events.map((e) => e.kind)).toEqual(['decision', 'item', 'decision', 'note']);
    expect(page.body.events.map((e) => e.reference)).toEqual([
      'Nr.\u00a012, 4.',
      expect.stringMatching(/^Nr\.\u00a013, \d\.\u00a0punkts$/u),
      'Nr.\u00a013, 1.',
      'Nr.\u00a012, 4.',
    ]);
    expect(page.body.events[1]!.text).toBe('Par EMU: skola rezultātiem');
    const dates = page.body.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(page.body.activity.decisions).toBe(2);
  });

  it('a decision names its activity by number, a missing trailing dot ignored', async () => {
    const { activity } = await importedPlan(t);
    await sitting2026(t, 20, '2026-02-02', [{ title: 'Par skolām', decisions: [{ text: 'Ieviest KiVa.', planActivity: '5.3.2' }] }]);
    const page = await t.call<ActivityPage>({ method: 'GET', url: `/api/plan-activities/${activity['5.3.2.']}` });
    expect(page.body.events.filter((e) => e.kind === 'decision').map((e) => e.text)).toEqual(['Ieviest KiVa.']);
    const other = await t.call<ActivityPage>({ method: 'GET', url: `/api/plan-activities/${activity['5.3.']}` });
    expect(other.body.events).toEqual([]);
  });

  it('an agenda item names several activities; an unknown one is refused naming it, and nothing changes', async () => {
    const { activity } = await importedPlan(t);
    const id = await sitting2026(t, 21, '2026-02-03', [{ title: 'Par plānu', decisions: [] }]);
    const itemId = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body.agendaItems.at(-1).id;
    const url = `/api/agenda-items/${itemId}/plan-activities`;
    const set = await t.call({ method: 'PUT', url, payload: { activityIds: [activity['1.2.'], activity['4.2.']] } });
    expect(set.body.activityIds).toEqual([activity['1.2.'], activity['4.2.']].sort((a, b) => a! - b!));
    const before = await snapshot(t.db);
    const bad = await t.call({ method: 'PUT', url, payload: { activityIds: [activity['1.2.'], 999999] } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('activityIds[1]');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the drafting screen finds activities by number (5.3 finds 5.3. and below) or by words, diacritics aside', async () => {
    await importedPlan(t);
    const byNumber = await t.call<ActivityHit[]>({ method: 'GET', url: '/api/plan-activities?q=5.3' });
    expect(byNumber.body.map((h) => h.number)).toEqual(['5.3.', '5.3.1.', '5.3.2.', '5.3.3.']);
    const byWords = await t.call<ActivityHit[]>({
      method: 'GET',
      url: `/api/plan-activities?q=${encodeURIComponent('monitoringa instrumentu')}`,
    });
    expect(byWords.body.map((h) => h.number)).toEqual(['5.3.1.']);
    const folded = await t.call<ActivityHit[]>({ method: 'GET', url: '/api/plan-activities?q=sargengelis' });
    expect(folded.body.map((h) => h.number)).toEqual(['5.1.1.', '7.1.1.']);
  });
});

describe('an activity status per year', () => {
  it('records a status with what was done, suggests the year’s linked decisions as evidence, and replaces it at its version', async () => {
    const story = await monitoringStory(t);
    const url = `/api/plan-activities/${story.activity['5.3.1.']}/status/2026`;
    const page = await t.call<YearStatusPage>({ method: 'GET', url });
    expect(page.body.status).toMatchObject({ year: 2026, status: 'ongoing', done: 'EMU: skola darbojas trīs skolās.' });
    expect(page.body.evidence.map((e) => e.reference)).toEqual(['Nr.\u00a012, 4.', 'Nr.\u00a013, 1.']);
    const stale = await t.call({ method: 'PUT', url, payload: { status: 'done' } });
    expect(stale.status).toBe(400);
    expect(stale.body.field).toBe('version');
    const replaced = await t.call<YearStatus>({
      method: 'PUT',
      url,
      payload: { status: 'done', done: 'Ieviests.', version: page.body.status!.version },
    });
    expect(replaced.body).toMatchObject({ status: 'done', reason: null, done: 'Ieviests.', version: 2 });
  });

  it('a postponed activity needs a reason, and the year must be within the plan; refused writes change nothing', async () => {
    const { activity } = await importedPlan(t);
    const before = await snapshot(t.db);
    const noReason = await t.call({
      method: 'PUT',
      url: `/api/plan-activities/${activity['4.4.']}/status/2026`,
      payload: { status: 'postponed' },
    });
    expect([noReason.status, noReason.body.field]).toEqual([400, 'reason']);
    const outside = await t.call({
      method: 'PUT',
      url: `/api/plan-activities/${activity['4.4.']}/status/2028`,
      payload: { status: 'done' },
    });
    expect([outside.status, outside.body.field]).toEqual([400, 'year']);
    const unknown = await t.call({
      method: 'PUT',
      url: `/api/plan-activities/${activity['4.4.']}/status/2026`,
      payload: { status: 'gatavs' },
    });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'status']);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the plan screen shows each activity with its statuses and how many decisions name it', async () => {
    const story = await monitoringStory(t);
    const plan = await t.call<PlanOverview>({ method: 'GET', url: `/api/plans/${story.planId}/overview` });
    const activity = plan.body.goals[4]!.activities.find((a) => a.number === '5.3.1.')!;
    expect(activity.decisions).toBe(2);
    expect(activity.statuses.map((s) => [s.year, s.status])).toEqual([[2026, 'ongoing']]);
  });
});

describe('editing a plan', () => {
  it('marks a change, and a new activity takes its place among its goal’s activities by number', async () => {
    const { planId } = await importedPlan(t);
    const patched = await t.call<PlanOverview>({
      method: 'PATCH',
      url: `/api/plans/${planId}`,
      payload: { version: 1, changeNote: 'aktualizēts 2026. gada novembrī' },
    });
    expect(patched.body.changeNote).toBe('aktualizēts 2026. gada novembrī');
    const added = await t.call({
      method: 'POST',
      url: `/api/plans/${planId}/activities`,
      payload: { number: '4.2.1', text: 'Jauna aktivitāte.', changeNote: 'aktualizēts 2026. gada novembrī' },
    });
    expect(added.status).toBe(201);
    const plan = await t.call<PlanOverview>({ method: 'GET', url: `/api/plans/${planId}/overview` });
    expect(plan.body.goals[3]!.activities.map((a) => a.number)).toEqual(['4.1.', '4.2.', '4.2.1.', '4.3.', '4.4.']);
    const exported = (await t.call({ method: 'GET', url: `/api/plans/${planId}` })).body;
    expect(exported.changeNote).toBe('aktualizēts 2026. gada novembrī');
    expect(exported.goals[3].activities[2]).toEqual({
      number: '4.2.1.',
      text: 'Jauna aktivitāte.',
      changeNote: 'aktualizēts 2026. gada novembrī',
    });
    const twice = await t.call({ method: 'POST', url: `/api/plans/${planId}/activities`, payload: { number: '4.2.1.', text: 'Vēlreiz.' } });
    expect([twice.status, twice.body.field]).toEqual([400, 'number']);
    const noGoal = await t.call({
      method: 'POST',
      url: `/api/plans/${planId}/activities`,
      payload: { number: '9.1.', text: 'Nav mērķa.' },
    });
    expect([noGoal.status, noGoal.body.field]).toEqual([400, 'number']);
  });
});

describe('the reminder in the agenda', () => {
  it('the first sitting after 1 October gets the monitoring report item, listing the activities with no status for the year', async () => {
    await monitoringStory(t);
    const october = await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2026-10-13', number: 14 } });
    const item = october.body.agendaItems.find(
      (i: { title: string }) => i.title === 'Par prevencijas plāna īstenošanas uzraudzības pārskatu',
    );
    expect(item).toBeDefined();
    expect(item.proceedings).toMatch(/^Aktivitātes, kurām nav ierakstīts statuss par 2026\.\u00a0gadu: 1\.1\.2\., 1\.2\., /u);
    expect(item.proceedings).not.toMatch(/ 5\.3\.1\.,| 2\.1\.1\.,| 4\.4\.,/u);
    const november = await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2026-11-10', number: 15 } });
    expect(november.body.agendaItems.map((i: { title: string }) => i.title)).not.toContain(
      'Par prevencijas plāna īstenošanas uzraudzības pārskatu',
    );
    const september = await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2026-09-01', number: 16 } });
    expect(september.body.agendaItems.map((i: { title: string }) => i.title)).not.toContain(
      'Par prevencijas plāna īstenošanas uzraudzības pārskatu',
    );
  });
});

describe('planned years and confidential readings', () => {
  it('an activity planned for other years only is left out of the year’s report and reminder', async () => {
    const plan = {
      format: 'protokols-plan/1',
      title: 'Plāns',
      period: { from: 2025, to: 2027 },
      goals: [
        {
          number: 1,
          title: 'Mērķis',
          activities: [
            { number: '1.1.', text: 'Katru gadu.' },
            { number: '1.3.', text: 'Otrajā gadā.', years: [2026] },
          ],
        },
      ],
    };
    const { body } = await t.call({ method: 'POST', url: '/api/plans/import', payload: plan });
    const in2027 = await t.inject({ method: 'GET', url: `/api/plans/${body.id}/report.html?year=2027` });
    expect(in2027.body).toContain('1.1. Katru gadu.');
    expect(in2027.body).not.toContain('Otrajā gadā.');
    const in2026 = await t.inject({ method: 'GET', url: `/api/plans/${body.id}/report.html?year=2026` });
    expect(in2026.body).toContain('1.3. Otrajā gadā.');
    const october = await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2027-10-05', number: 30 } });
    const item = october.body.agendaItems.find((i: { title: string }) => i.title.startsWith('Par prevencijas plāna'));
    expect(item.proceedings).toBe('Aktivitātes, kurām nav ierakstīts statuss par 2027.\u00a0gadu: 1.1.');
  });

  it('a member reading a confidential decision on an activity’s page is on the record', async () => {
    const story = await monitoringStory(t);
    const readings = async () =>
      (await t.db.selectFrom('audit_log').select(['record_type', 'record_id']).where('action', '=', 'read_confidential').execute()).filter(
        (r) => r.record_type === 'plan',
      );
    await t.call({ method: 'GET', url: `/api/plan-activities/${story.activity['5.3.1.']}` });
    expect(await readings()).toEqual([]);
    const page = await t.call<ActivityPage>({ method: 'GET', url: `/api/plan-activities/${story.activity['2.1.3.']}` });
    expect(page.body.events[0]).toMatchObject({ text: 'Bērnam A. nodrošināt psihologa konsultācijas.', confidential: true });
    expect(await readings()).toEqual([{ record_type: 'plan', record_id: story.planId }]);
  });
});
