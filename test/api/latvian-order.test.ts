// Names are listed and printed in Latvian alphabetical order on either engine (TEST_DB).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latvianOrder } from '../../server/domain/latvian-order.ts';
import { testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

// The directory sorts by the full name as written, first name first.
const NAMES = ['Zigmārs Zariņš', 'Česlavs Čakste', 'Ārija Ābele', 'Agnese Avota'];
const LATVIAN = ['Agnese Avota', 'Ārija Ābele', 'Česlavs Čakste', 'Zigmārs Zariņš'];

describe('Latvian order', () => {
  it('Ā follows A and Č follows C, not the end of the alphabet as in byte order', () => {
    expect(['Zariņš', 'Čakste', 'Ābele', 'Avots'].sort(latvianOrder)).toEqual(['Avots', 'Ābele', 'Čakste', 'Zariņš']);
  });

  it('the directory lists people in Latvian order of their names', async () => {
    for (const fullName of NAMES)
      expect((await t.call({ method: 'POST', url: '/api/people', payload: { fullName, isMember: true } })).status).toBe(201);
    const people = (await t.call<Array<{ fullName: string }>>({ method: 'GET', url: '/api/people' })).body;
    expect(people.map((p) => p.fullName).filter((n) => NAMES.includes(n))).toEqual(LATVIAN);
  });

  it('a new sitting lists its members as present in Latvian order, as the minutes print them', async () => {
    for (const fullName of NAMES) await t.call({ method: 'POST', url: '/api/people', payload: { fullName, isMember: true } });
    const sitting = (await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    expect(sitting.attendance.map((a: { name: string }) => a.name)).toEqual(LATVIAN);
  });
});
