// Import and export of the Nr. 7 document through the whole API stack (inject, no network), on a
// database file, against the stack's floor: GET /api/me through the same app.
import path from 'node:path';
import { nr7 } from '../test/support/reference.ts';
import { tempDir } from './fixtures/databases.ts';
import { benchApp } from './fixtures/servers.ts';
import { timedLine, type BenchCase, type Line } from './harness.ts';

export async function sittingLines(): Promise<Line[]> {
  const app = await benchApp(path.join(tempDir(), 'sittings.db'));
  try {
    const doc = nr7();
    const first = await app.send('POST', '/api/sittings/import', doc);
    if (first.status !== 201) throw new Error(first.body);
    const id = (JSON.parse(first.body) as { id: number }).id;
    const floor: BenchCase = { name: 'GET /api/me, same stack', run: () => app.get('/api/me') };
    return [
      await timedLine(
        'import Nr. 7 (POST /api/sittings/import)',
        {
          name: 'import',
          run: async (i) => {
            const res = await app.send('POST', '/api/sittings/import', { ...doc, number: 1000 + i });
            if (res.status !== 201) throw new Error(res.body);
          },
        },
        floor,
      ),
      await timedLine(
        'export Nr. 7 (GET /api/sittings/:id/export)',
        {
          name: 'export',
          run: async () => {
            const res = await app.get(`/api/sittings/${id}/export`);
            if (res.status !== 200) throw new Error(res.body);
          },
        },
        floor,
      ),
    ];
  } finally {
    await app.close();
  }
}
