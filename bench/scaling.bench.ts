// Scaling with READ_CACHE=off: the same reads at 10× history against 1×, where the output keeps its
// size (the generator puts BENCH_OWNER's actions and SEARCH_WORD's hits in the newest sitting only);
// carry-over at 3× and 10× against 1× with the same decisions carried; and the earlier in-process
// cases on the 10-year history against the API stack's floor (GET /api/me).
import { HISTORY_PEOPLE, LAST_DATE, SEARCH_WORD } from './fixtures/history.ts';
import { historyDatabase } from './fixtures/databases.ts';
import { benchApp, type BenchApp } from './fixtures/servers.ts';
import { nextDay } from './throughput.bench.ts';
import { interleaved, missingLine, times, timedLine, type BenchCase, type Line } from './harness.ts';

const REGISTER_PAGE = '/api/decisions?status=open&limit=100';

const READS: Array<[string, (newest: number) => string]> = [
  ['my actions (GET /api/me/actions)', () => '/api/me/actions'],
  ['a register page (status=open, limit=100)', () => REGISTER_PAGE],
  ['search for a word with 8 hits', () => `/api/search?q=${encodeURIComponent(SEARCH_WORD)}`],
  ['open the newest sitting (GET /api/sittings/:id)', (newest) => `/api/sittings/${newest}`],
];

function reading(app: BenchApp, url: string, name: string): BenchCase {
  return {
    name,
    run: async () => {
      const res = await app.get(url);
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.slice(0, 200)}`);
    },
  };
}

async function newestSitting(app: BenchApp): Promise<number> {
  const row = await app.t.db
    .selectFrom('sittings')
    .select('id')
    .orderBy('date', 'desc')
    .orderBy('number', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function scalingLines(): Promise<Line[]> {
  const lines: Line[] = [];
  const apps = new Map<number, BenchApp>();
  try {
    for (const scale of [1, 3, 10]) apps.set(scale, await benchApp((await historyDatabase(scale)).file, 'off'));
    const one = apps.get(1)!;
    const ten = apps.get(10)!;
    const newest1 = await newestSitting(one);
    const newest10 = await newestSitting(ten);
    for (const [what, url] of READS) {
      const name = `scaling, READ_CACHE=off: ${what}, 10× vs 1×`;
      const [a, b] = [await one.get(url(newest1)), await ten.get(url(newest10))];
      if (a.status !== 200 || b.status !== 200) {
        lines.push(missingLine(name, `status ${a.status} at 1×, ${b.status} at 10×`));
        continue;
      }
      if (Math.abs(a.bytes - b.bytes) > 0.1 * a.bytes) {
        lines.push(missingLine(name, `the output differs in size (${a.bytes} B at 1×, ${b.bytes} B at 10×)`));
        continue;
      }
      const line = await timedLine(name, reading(ten, url(newest10), '10×'), reading(one, url(newest1), 'same at 1×'), times('<=', 1.3));
      lines.push({ ...line, note: `${b.bytes} B` });
    }
    lines.push(...(await carryOver(apps)));
  } catch (error) {
    lines.push(missingLine('scaling', (error as Error).message));
  } finally {
    for (const app of apps.values()) await app.close();
  }
  return lines;
}

/** Opening a new sitting at 1×, 3× and 10×, interleaved; each carries the newest sitting's open decisions. */
async function carryOver(apps: Map<number, BenchApp>): Promise<Line[]> {
  const carried = new Map<number, number>();
  const open = (scale: number): BenchCase => ({
    name: `${scale}×`,
    run: async () => {
      const res = await apps.get(scale)!.send('POST', '/api/sittings', { date: nextDay(LAST_DATE) });
      if (res.status !== 201) throw new Error(`opening a sitting at ${scale}×: ${res.status} ${res.body.slice(0, 200)}`);
      carried.set(scale, (JSON.parse(res.body) as { carryOver: unknown[] }).carryOver.length);
    },
  });
  const lines: Line[] = [];
  for (const scale of [3, 10]) {
    const name = `carry-over, READ_CACHE=off: open a new sitting, ${scale}× vs 1× history`;
    try {
      const [figure, reference] = await interleaved(open(scale), open(1), { warmup: 2, count: 15 });
      const note = `${carried.get(1)} carried at 1×, ${carried.get(scale)} at ${scale}×`;
      if (carried.get(1) !== carried.get(scale)) lines.push(missingLine(name, `not the same decisions carried: ${note}`));
      else lines.push({ name, unit: 'ms', figure, reference, referenceName: 'same at 1×', target: times('<=', 1.3), note });
    } catch (error) {
      lines.push(missingLine(name, (error as Error).message));
    }
  }
  return lines;
}

/** The earlier cases (open with carry-over, one person's actions, register filters) on the 10-year history. */
export async function historyLines(): Promise<Line[]> {
  const app = await benchApp((await historyDatabase(1)).file);
  try {
    const floor: BenchCase = { name: 'GET /api/me, same stack', run: () => app.get('/api/me') };
    const people = await app.t.db.selectFrom('people').select(['id', 'full_name']).where('full_name', '=', HISTORY_PEOPLE[13]!).execute();
    const busy = people[0]?.id ?? 1;
    const expectOk = (res: { status: number; body: string }) => {
      if (res.status >= 300) throw new Error(res.body.slice(0, 200));
    };
    return [
      await timedLine(
        'open a new sitting with its carry-over (1×, in process)',
        { name: 'open', run: async () => expectOk(await app.send('POST', '/api/sittings', { date: nextDay(LAST_DATE) })) },
        floor,
        undefined,
        { warmup: 3, count: 20 },
      ),
      await timedLine(
        'actions of one person (GET /api/people/:id/actions, 1×)',
        { name: 'actions', run: async () => expectOk(await app.get(`/api/people/${busy}/actions`)) },
        floor,
      ),
      // A browser always accepts brotli: a cached view is compressed once, not at every request.
      await timedLine(
        'a cached register page (status=open, limit=100) as a browser asks it (Accept-Encoding: gzip, deflate, br; 1×)',
        { name: 'browser', run: async () => expectOk(await app.get(REGISTER_PAGE, { 'accept-encoding': 'gzip, deflate, br' })) },
        { name: 'the same without Accept-Encoding', run: async () => expectOk(await app.get(REGISTER_PAGE)) },
      ),
      await timedLine(
        'filter the register (overdue, owner, text; 1×)',
        {
          name: 'register',
          run: async (i) =>
            expectOk(
              await app.get(`/api/decisions${['?overdue=true', `?owner=${busy}`, '?q=zinot%20nakamaja&status=done&limit=100'][i % 3]}`),
            ),
        },
        floor,
      ),
    ];
  } finally {
    await app.close();
  }
}
