// Import and export of the Nr. 7 document through the whole API stack (inject, no network).
import type { BenchCase } from './harness.ts';
import { testApp } from '../test/support/app.ts';
import { nr7 } from '../test/support/reference.ts';

export async function sittingCases(): Promise<{ cases: BenchCase[]; close: () => Promise<void> }> {
  const t = await testApp();
  const doc = nr7();
  const { body } = await t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: doc });
  return {
    cases: [
      {
        name: 'import Nr. 7 (POST /api/sittings/import)',
        run: async (i) => {
          const res = await t.inject({ method: 'POST', url: '/api/sittings/import', payload: { ...doc, number: 1000 + i } });
          if (res.statusCode !== 201) throw new Error(res.body);
        },
      },
      {
        name: 'export Nr. 7 (GET /api/sittings/:id/export)',
        run: async () => {
          const res = await t.inject({ method: 'GET', url: `/api/sittings/${body.id}/export` });
          if (res.statusCode !== 200) throw new Error(res.body);
        },
      },
    ],
    close: t.close,
  };
}
