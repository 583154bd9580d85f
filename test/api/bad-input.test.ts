import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let sittingId: number;
let itemId: number;
let decisionId: number;

beforeEach(async () => {
  t = await testApp();
  sittingId = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
  await t.inject({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } });
  const draft = (await t.call({ method: 'GET', url: '/api/sittings' })).body.find((s: { number: number }) => s.number === 8);
  sittingId = draft.id;
  itemId = (await t.call({ method: 'POST', url: `/api/sittings/${sittingId}/agenda-items`, payload: { title: 'Par lēmumu izpildi' } })).body
    .id;
  decisionId = (await t.call({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'Pieņemt zināšanai.' } })).body
    .id;
});
afterEach(async () => t.close());

interface Case {
  rule: string;
  request: () => { method: 'POST' | 'PATCH' | 'DELETE' | 'GET'; url: string; payload?: unknown; headers?: Record<string, string> };
  status: number;
  field?: string;
  message?: RegExp;
}

const withNr7 = (change: (doc: ReturnType<typeof nr7>) => unknown) => {
  const doc = nr7();
  doc.number = 99;
  return change(doc) ?? doc;
};

const cases: Case[] = [
  {
    rule: 'an impossible date in an imported sitting',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => void (d.date = '2025-02-30')) }),
    status: 400,
    field: 'date',
    message: /nav īsts datums/,
  },
  {
    rule: 'an impossible due date of an imported decision',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => void (d.decisions[1]!.due = '2025-13-01')) }),
    status: 400,
    field: 'decisions[1].due',
  },
  {
    rule: 'a decision tied to an agenda item that does not exist',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => void (d.decisions[1]!.agendaItem = 9)) }),
    status: 400,
    field: 'decisions[1].agendaItem',
    message: /nav 9\. punkta/,
  },
  {
    rule: 'an end time before the start',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => void (d.endTime = '13:00')) }),
    status: 400,
    field: 'endTime',
  },
  {
    rule: 'a missing required field',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => ({ ...d, startTime: undefined })) }),
    status: 400,
    field: 'startTime',
    message: /obligāts/,
  },
  {
    rule: 'a field the format does not have',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => ({ ...d, secretary: 'X' })) }),
    status: 400,
    field: 'secretary',
  },
  {
    rule: 'a wrong type deep inside',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => ({ ...d, agenda: [{ title: 5 }] })) }),
    status: 400,
    field: 'agenda[0].title',
  },
  {
    rule: 'a review of a decision that does not exist',
    request: () => ({
      method: 'POST',
      url: '/api/sittings/import',
      payload: withNr7((d) => void (d.reviews = [{ sitting: 7, decision: 42, status: 'done' }])),
    }),
    status: 400,
    field: 'reviews[0].decision',
  },
  {
    rule: 'a review of a sitting that does not exist',
    request: () => ({
      method: 'POST',
      url: '/api/sittings/import',
      payload: withNr7((d) => void (d.reviews = [{ sitting: 3, decision: 1, status: 'done' }])),
    }),
    status: 400,
    field: 'reviews[0].sitting',
  },
  {
    rule: 'the same person twice in the attendance',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: withNr7((d) => void d.invited!.push({ name: 'E. Rancāne' })) }),
    status: 400,
    field: 'invited[0].name',
  },
  {
    rule: 'a duplicate sitting number on import',
    request: () => ({ method: 'POST', url: '/api/sittings/import', payload: nr7() }),
    status: 409,
    field: 'number',
  },
  {
    rule: 'a body that is not JSON',
    request: () => ({
      method: 'POST',
      url: '/api/sittings/import',
      payload: '{"format":',
      headers: { 'content-type': 'application/json' },
    }),
    status: 400,
  },
  {
    rule: 'a duplicate number for a new sitting',
    request: () => ({ method: 'POST', url: '/api/sittings', payload: { date: '2025-10-01', number: 7 } }),
    status: 409,
    field: 'number',
  },
  {
    rule: 'an impossible date for a new sitting',
    request: () => ({ method: 'POST', url: '/api/sittings', payload: { date: '2025-02-29' } }),
    status: 400,
    field: 'date',
  },
  {
    rule: 'a date in the wrong format',
    request: () => ({ method: 'POST', url: '/api/sittings', payload: { date: '8.07.2025' } }),
    status: 400,
    field: 'date',
    message: /GGGG-MM-DD/,
  },
  {
    rule: 'an end time before the start when editing a sitting',
    request: () => ({ method: 'PATCH', url: `/api/sittings/${sittingId}`, payload: { version: 1, startTime: '14:00', endTime: '09:30' } }),
    status: 400,
    field: 'endTime',
  },
  {
    rule: 'a chair who is not in the directory',
    request: () => ({ method: 'PATCH', url: `/api/sittings/${sittingId}`, payload: { version: 1, chairId: 999 } }),
    status: 400,
    field: 'chairId',
  },
  {
    rule: 'an impossible due date of a decision',
    request: () => ({ method: 'PATCH', url: `/api/decisions/${decisionId}`, payload: { version: 1, due: '2025-04-31' } }),
    status: 400,
    field: 'due',
  },
  {
    rule: 'a plan activity that is not a number of the plan',
    request: () => ({ method: 'PATCH', url: `/api/decisions/${decisionId}`, payload: { version: 1, planActivity: '5.3a' } }),
    status: 400,
    field: 'planActivity',
    message: /neatbilst formātam \(piemēram, 5\.3\.1\.\)/,
  },
  {
    rule: 'a new decision with a plan activity of words',
    request: () => ({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'X', planActivity: 'pasākums 5' } }),
    status: 400,
    field: 'planActivity',
  },
  {
    rule: 'a decision tied to an agenda item of another sitting',
    request: () => ({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'X', agendaItemId: 1 } }),
    status: 400,
    field: 'agendaItemId',
  },
  {
    rule: 'moving an agenda item past the end',
    request: () => ({ method: 'POST', url: `/api/agenda-items/${itemId}/move`, payload: { version: 1, to: 5 } }),
    status: 400,
    field: 'to',
  },
  {
    rule: 'an unknown status',
    request: () => ({ method: 'PATCH', url: `/api/decisions/${decisionId}`, payload: { version: 1, status: 'finished' } }),
    status: 400,
    field: 'status',
  },
  {
    rule: 'an empty agenda title',
    request: () => ({ method: 'PATCH', url: `/api/agenda-items/${itemId}`, payload: { version: 1, title: '' } }),
    status: 400,
    field: 'title',
    message: /nedrīkst būt tukšs/,
  },
  {
    rule: 'a non-numeric id',
    request: () => ({ method: 'GET', url: '/api/sittings/abc' }),
    status: 400,
    field: 'params.id',
  },
  { rule: 'an unknown sitting', request: () => ({ method: 'GET', url: '/api/sittings/9999' }), status: 404 },
  { rule: 'an unknown sitting on export', request: () => ({ method: 'GET', url: '/api/sittings/9999/export' }), status: 404 },
  {
    rule: 'an unknown decision',
    request: () => ({ method: 'PATCH', url: '/api/decisions/9999', payload: { version: 1, text: 'X' } }),
    status: 404,
  },
  { rule: 'an unknown agenda item', request: () => ({ method: 'DELETE', url: '/api/agenda-items/9999?version=1' }), status: 404 },
  {
    rule: 'a delete without a version',
    request: () => ({ method: 'DELETE', url: `/api/agenda-items/${itemId}` }),
    status: 400,
    field: 'query.version',
  },
  {
    rule: 'removing a person named in minutes',
    request: () => ({ method: 'DELETE', url: '/api/people/1?version=1' }),
    status: 409,
  },
];

describe('bad input gets a 4xx naming the field and changes nothing', () => {
  it.each(cases)('$rule → $status', async ({ request, status, field, message }) => {
    const before = await snapshot(t.db);
    const { method, url, payload, headers } = request();
    const res = await t.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
    });
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.message).toMatch(/\S/);
    if (field !== undefined) {
      expect(body.field).toBe(field);
      expect(body.message).toContain(field.replace(/^(params|query)\./, ''));
    }
    if (message !== undefined) expect(body.message).toMatch(message);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a failure half-way through an import leaves no trace of it', async () => {
    const before = await snapshot(t.db);
    const doc = nr7();
    doc.number = 50;
    doc.members.push({ name: 'Jauna Persona' });
    // The review fails only after the sitting, people, agenda and decisions were written.
    doc.reviews = [{ sitting: 7, decision: 99, status: 'done' }];
    const res = await t.inject({ method: 'POST', url: '/api/sittings/import', payload: doc as object });
    expect(res.statusCode).toBe(400);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
