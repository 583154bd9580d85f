// Carry-over, actions and the register on ten years of history (120 sittings, 6,000 decisions,
// 300 people), through the API stack.
import { SYSTEM } from '../server/services/audit.ts';
import { importSitting } from '../server/services/interchange.ts';
import { testApp } from '../test/support/app.ts';
import { HISTORY_PEOPLE, historySittings } from './fixtures/history.ts';
import type { BenchCase } from './harness.ts';

export async function decisionCases(): Promise<{ cases: BenchCase[]; close: () => Promise<void> }> {
  const t = await testApp();
  const groupId = t.app.groupId;
  const docs = historySittings();
  for (const doc of docs) await importSitting(t.db, groupId, SYSTEM, doc);
  // Members come and go: only the latest sitting's members are still active.
  const current = new Set(docs[docs.length - 1]!.members.map((m) => m.name));
  const people = await t.db.selectFrom('people').select(['id', 'full_name']).execute();
  const former = people.filter((p) => !current.has(p.full_name)).map((p) => p.id);
  await t.db.updateTable('people').set({ active: 0 }).where('id', 'in', former).execute();
  const busy = people.find((p) => p.full_name === HISTORY_PEOPLE[13])?.id ?? people[0]!.id;
  const last = docs[docs.length - 1]!;
  let next = last.number + 1;
  const expectOk = (status: number, body: string) => {
    if (status >= 300) throw new Error(body);
  };
  return {
    cases: [
      {
        name: 'open a new sitting with its carry-over (6,000 decisions)',
        targetMs: 20,
        run: async () => {
          const res = await t.inject({ method: 'POST', url: '/api/sittings', payload: { date: '2026-11-30', number: next++ } });
          expectOk(res.statusCode, res.body);
        },
      },
      {
        name: 'actions of one person (GET /api/people/:id/actions)',
        targetMs: 20,
        run: async () => {
          const res = await t.inject({ method: 'GET', url: `/api/people/${busy}/actions` });
          expectOk(res.statusCode, res.body);
        },
      },
      {
        name: 'filter the register (overdue, owner, text)',
        targetMs: 20,
        run: async (i) => {
          const query = ['?overdue=true', `?owner=${busy}`, '?q=zinot%20nakamaja&status=done&limit=100'][i % 3];
          const res = await t.inject({ method: 'GET', url: `/api/decisions${query}` });
          expectOk(res.statusCode, res.body);
        },
      },
    ],
    close: t.close,
  };
}
