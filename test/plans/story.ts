// The monitoring story's fixture: Nr. 7 imported, the Cēsu plan imported, two 2026 sittings made
// through the API with decisions naming activities 2.x and 5.3.1, and statuses recorded for 2026.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { PlanDocument } from '../../server/plans/plan-document.ts';
import type { PlanOverview } from '../../server/schemas/plans.ts';
import type { TestApp } from '../support/app.ts';
import { nr7, REPO_ROOT } from '../support/reference.ts';

export const SAMPLE_PLAN = path.join(REPO_ROOT, 'docs/samples/prevention-plan-cesu-2025-2027.json');
export const samplePlan = (): PlanDocument => JSON.parse(readFileSync(SAMPLE_PLAN, 'utf8')) as PlanDocument;

export interface Story {
  planId: number;
  /** Activity ids by number (`5.3.1.`). */
  activity: Record<string, number>;
  sittings: number[];
}

async function ok<T>(t: TestApp, options: Parameters<TestApp['call']>[0], status = 200): Promise<T> {
  const res = await t.call<T>(options);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

export async function importedPlan(t: TestApp): Promise<{ planId: number; activity: Record<string, number> }> {
  const { id } = await ok<{ id: number }>(t, { method: 'POST', url: '/api/plans/import', payload: samplePlan() }, 201);
  const overview = await ok<PlanOverview>(t, { method: 'GET', url: `/api/plans/${id}/overview` });
  const activity = Object.fromEntries(overview.goals.flatMap((g) => g.activities.map((a) => [a.number, a.id])));
  return { planId: id, activity };
}

/** A sitting of 2026 made as the secretary makes it: header, agenda items, decisions naming activities. */
export async function sitting2026(
  t: TestApp,
  number: number,
  date: string,
  items: Array<{ title: string; confidential?: boolean; decisions: Array<{ text: string; planActivity?: string }> }>,
): Promise<number> {
  const sitting = await ok<{ id: number }>(t, { method: 'POST', url: '/api/sittings', payload: { date, number, startTime: '14:00' } }, 201);
  for (const item of items) {
    const created = await ok<{ id: number }>(
      t,
      {
        method: 'POST',
        url: `/api/sittings/${sitting.id}/agenda-items`,
        payload: { title: item.title, confidential: item.confidential ?? false },
      },
      201,
    );
    for (const d of item.decisions) {
      await ok(t, { method: 'POST', url: `/api/sittings/${sitting.id}/decisions`, payload: { ...d, agendaItemId: created.id } }, 201);
    }
  }
  return sitting.id;
}

export async function monitoringStory(t: TestApp): Promise<Story> {
  await ok(t, { method: 'POST', url: '/api/sittings/import', payload: nr7() }, 201);
  const { planId, activity } = await importedPlan(t);
  const first = await sitting2026(t, 12, '2026-03-10', [
    {
      title: 'Par sabiedrības informēšanu',
      decisions: [
        { text: 'Sagatavot rakstu laikrakstam “Druva” par to, kā pasargāt bērnus no vardarbības.', planActivity: '2.1.1' },
        { text: 'Informēt skolēnus par tiesisko atbildību par vardarbības video pārsūtīšanu.', planActivity: '2.2.' },
      ],
    },
    {
      title: 'Par konkrēta bērna situāciju',
      confidential: true,
      decisions: [{ text: 'Bērnam A. nodrošināt psihologa konsultācijas.', planActivity: '2.1.3' }],
    },
    {
      title: 'Par EMU: skola ieviešanu',
      decisions: [{ text: 'Izglītības pārvaldei ieviest EMU: skola trīs skolās.', planActivity: '5.3.1' }],
    },
  ]);
  const second = await sitting2026(t, 13, '2026-06-09', [
    {
      title: 'Par EMU: skola rezultātiem',
      decisions: [{ text: 'Apkopot EMU: skola datus par pirmo pusgadu.', planActivity: '5.3.1.' }],
    },
  ]);
  const status = (number: string, body: object) =>
    ok(t, { method: 'PUT', url: `/api/plan-activities/${activity[number]}/status/2026`, payload: body });
  await status('1.1.', { status: 'done', done: 'Notikušas divas sēdes.' });
  await status('2.1.1.', { status: 'done', done: 'Raksts publicēts laikrakstā “Druva”.' });
  await status('2.2.', { status: 'in_progress', done: 'Sarunas skolās turpinās.' });
  await status('5.3.1.', { status: 'ongoing', done: 'EMU: skola darbojas trīs skolās.' });
  await status('4.4.', { status: 'postponed', reason: 'nav finansējuma platformai', done: '' });
  await status('8.2.2.', { status: 'not_started' });
  return { planId, activity, sittings: [first, second] };
}
