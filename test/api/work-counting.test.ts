// How much work one download and one signature do: the sitting is loaded once and its carry-over
// computed once, however many checks (confidential reading, readiness, freezing, rendering) use them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { carriedDecisions } from '../../server/services/carry-over.ts';
import { sittingParts } from '../../server/repositories/sittings.ts';
import type * as CarryOver from '../../server/services/carry-over.ts';
import type * as Sittings from '../../server/repositories/sittings.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

vi.mock('../../server/services/carry-over.ts', async (importOriginal) => {
  const original = await importOriginal<typeof CarryOver>();
  return { ...original, carriedDecisions: vi.fn(original.carriedDecisions) };
});
// A sitting is loaded by reading its parts: whichever service reads it, this counts the loads.
vi.mock('../../server/repositories/sittings.ts', async (importOriginal) => {
  const original = await importOriginal<typeof Sittings>();
  return { ...original, sittingParts: vi.fn(original.sittingParts) };
});

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

async function draftNr7() {
  const { body } = await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  return (await t.call({ method: 'GET', url: `/api/sittings/${body.id}` })).body as { id: number; version: number };
}

function counting() {
  vi.mocked(carriedDecisions).mockClear();
  vi.mocked(sittingParts).mockClear();
  return () => ({ sittingLoads: vi.mocked(sittingParts).mock.calls.length, carryOvers: vi.mocked(carriedDecisions).mock.calls.length });
}

describe('work done per request', () => {
  it("a member's draft DOCX download loads the sitting once and computes its carry-over once", async () => {
    const s = await draftNr7();
    const counts = counting();
    const res = await t.inject({ method: 'GET', url: `/api/sittings/${s.id}/minutes.docx` });
    expect(res.statusCode).toBe(200);
    expect(counts()).toEqual({ sittingLoads: 1, carryOvers: 1 });
  });

  it('a signature loads the sitting once and computes its carry-over once, for the checks, the frozen list and the rendering', async () => {
    const s = await draftNr7();
    const counts = counting();
    const res = await t.call({ method: 'POST', url: `/api/sittings/${s.id}/sign`, payload: { version: s.version } });
    expect(res.status).toBe(200);
    expect(counts()).toEqual({ sittingLoads: 1, carryOvers: 1 });
  });
});
