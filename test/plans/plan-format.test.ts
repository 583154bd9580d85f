import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_ACTIVITY_MAX_LENGTH, PLAN_ACTIVITY_PATTERN } from '../../server/domain/plan-activity.ts';
import schema from '../../server/plans/plan.schema.json' with { type: 'json' };
import type { PlanDocument } from '../../server/plans/plan-document.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { sharedPath } from '../support/reference.ts';
import { samplePlan } from './story.ts';

/**
 * The activity numbers of the reference plan, read from its text: in the part "MĒRĶI UN
 * AKTIVITĀTES", a number of two or more parts that opens a paragraph, a table cell or a bullet.
 */
function numbersInReferenceText(): string[] {
  const text = readFileSync(sharedPath('reference', 'prevention-plan-2025-2027.txt'), 'utf8');
  const part = text.slice(text.indexOf('MĒRĶI UN AKTIVITĀTES'));
  return [...part.matchAll(/(?:^|<p>|^- )\s*(\d+(?:\.\d+)+\.)\s/gmu)].map((m) => m[1] as string);
}

function goalsInReferenceText(): string[] {
  const text = readFileSync(sharedPath('reference', 'prevention-plan-2025-2027.txt'), 'utf8');
  const part = text.slice(text.indexOf('MĒRĶI UN AKTIVITĀTES'));
  return [...part.matchAll(/^<p>(\d+)\. ([^<]+)<\/p>\t/gmu)].map((m) => `${m[1]}. ${(m[2] as string).trim()}`);
}

describe('the sample plan transcribes the reference plan', () => {
  it('has every numbered activity of the reference text: 66 distinct numbers, the repeated ones with both texts', () => {
    const inText = numbersInReferenceText();
    const distinct = [...new Set(inText)];
    expect(distinct).toHaveLength(66);
    const activities = samplePlan().goals.flatMap((g) => g.activities);
    expect(activities.map((a) => a.number)).toEqual(distinct);
    const repeated = inText.filter((n, i) => inText.indexOf(n) !== i);
    expect(repeated).toEqual(['5.1.1.', '5.1.2.']);
    for (const number of repeated) expect(activities.find((a) => a.number === number)?.repeatedTexts).toHaveLength(1);
  });

  it('has the eight goals of the reference text in order, with their titles', () => {
    const goals = samplePlan().goals.map((g) => `${g.number}. ${g.title}`);
    expect(goals).toEqual(goalsInReferenceText());
    expect(goals).toHaveLength(8);
  });

  it('keeps texts as the plan writes them, without the links and formatting marks around them', () => {
    const byNumber = new Map(samplePlan().goals.flatMap((g) => g.activities.map((a) => [a.number, a])));
    expect(byNumber.get('5.3.1.')?.text).toBe(
      'Nodrošināt monitoringa un vadības instrumentu "EMU: skola" izglītības iestādēs savlaicīgai iespējamo grūtību un problēmu pamanīšanai un novēršanai skolas vidē.',
    );
    expect(byNumber.get('5.1.1.')?.repeatedTexts?.[0]).toMatch(
      /^Nodrošināt speciālistu apmācību, lai mērķtiecīgi strādātu ar "riska vecākiem"/u,
    );
    const all = JSON.stringify(samplePlan());
    expect(all).not.toMatch(/\*\*|https?:\/\/|<\/?[a-z]+>/u);
  });

  it('the schema numbers activities with the pattern decisions use', () => {
    const number = schema.definitions.activity.properties.number;
    expect(number.pattern).toBe(PLAN_ACTIVITY_PATTERN);
    expect(number.maxLength).toBe(PLAN_ACTIVITY_MAX_LENGTH);
  });
});

describe('importing and exporting a plan', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp('secretary');
  });
  afterEach(async () => t.close());

  const importPlan = (doc: unknown) =>
    t.call<{ id: number; field?: string; message?: string }>({ method: 'POST', url: '/api/plans/import', payload: doc as object });

  it('the sample plan imports and exports unchanged', async () => {
    const imported = await importPlan(samplePlan());
    expect(imported.status).toBe(201);
    const exported = await t.call<PlanDocument>({ method: 'GET', url: `/api/plans/${imported.body.id}` });
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(samplePlan());
  });

  it('an activity number given without its trailing dot is stored with it', async () => {
    const doc = samplePlan();
    doc.goals[0]!.activities[0]!.number = '1.1';
    const { body } = await importPlan(doc);
    const exported = await t.call<PlanDocument>({ method: 'GET', url: `/api/plans/${body.id}` });
    expect(exported.body.goals[0]!.activities[0]!.number).toBe('1.1.');
  });

  const bad: Array<[string, (doc: PlanDocument) => void, string]> = [
    ['a missing title', (d) => delete (d as Partial<PlanDocument>).title, 'title'],
    [
      'a goal without activities list',
      (d) => delete (d.goals[2] as Partial<PlanDocument['goals'][number]>).activities,
      'goals[2].activities',
    ],
    ['an activity number that is not a number', (d) => (d.goals[4]!.activities[3]!.number = '5.x'), 'goals[4].activities[3].number'],
    ['an activity under another goal', (d) => (d.goals[1]!.activities[0]!.number = '3.9.'), 'goals[1].activities[0].number'],
    ['a number given twice', (d) => (d.goals[0]!.activities[1]!.number = '1.1.'), 'goals[0].activities[1].number'],
    ['an empty activity text', (d) => (d.goals[7]!.activities[0]!.text = ''), 'goals[7].activities[0].text'],
    ['a period ending before it starts', (d) => (d.period = { from: 2027, to: 2025 }), 'period.to'],
    ['a planned year outside the period', (d) => (d.goals[0]!.activities[0]!.years = [2030]), 'goals[0].activities[0].years[0]'],
    ['an unknown field', (d) => Object.assign(d.goals[0]!, { deadline: '2026' }), 'goals[0].deadline'],
  ];
  for (const [what, spoil, field] of bad) {
    it(`a plan file with ${what} is refused with 400 naming ${field}, and nothing is written`, async () => {
      const doc = samplePlan();
      spoil(doc);
      const before = await snapshot(t.db);
      const res = await importPlan(doc);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toContain(field);
      expect(await snapshot(t.db)).toEqual(before);
    });
  }

  it('a plan that does not exist is not found', async () => {
    const { body } = await importPlan(samplePlan());
    const other = await t.call({ method: 'GET', url: `/api/plans/${body.id + 1}` });
    expect(other.status).toBe(404);
  });
});
