// Throughput under load (autocannon -c 20) of the hot reads on the 10-year history, each against a
// bare Fastify route replying with the very same bytes precomputed, measured interleaved; once
// with the read cache as configured and once with READ_CACHE=off.
import { LAST_DATE, SEARCH_WORD } from './fixtures/history.ts';
import { historyDatabase } from './fixtures/databases.ts';
import { benchApp, capture, referenceServer, type BenchApp, type Captured } from './fixtures/servers.ts';
import { LOAD_SECONDS, QUICK, load, median, missingLine, percent, type Line, type Load } from './harness.ts';

// Interleaved rounds of LOAD_SECONDS / 2 each (shorter rounds read high: autocannon's first second
// runs ahead of the rest); the medians are printed, and the spread of the rounds' ratios beside them.
const ROUNDS = QUICK ? 2 : 5;

export async function throughputLines(): Promise<Line[]> {
  const { file } = await historyDatabase(1);
  const ref = await referenceServer();
  const lines: Line[] = [];
  let newSitting: number | undefined;
  try {
    for (const readCache of [undefined, 'off'] as const) {
      const label = readCache === 'off' ? ', READ_CACHE=off' : '';
      const paths: Array<[string, string | null, number | null]> = [
        [`GET /api/sittings/:id with its carry-over${label}`, null, readCache === 'off' ? 0.1 : 0.25],
        [`GET /api/decisions?status=open&limit=100${label}`, '/api/decisions?status=open&limit=100', readCache === 'off' ? 0.15 : 0.4],
        [`GET /api/search?q=…${label}`, `/api/search?q=${encodeURIComponent(SEARCH_WORD)}`, readCache === 'off' ? 0.15 : 0.4],
        [`GET /api/me/actions${label}`, '/api/me/actions', readCache === 'off' ? 0.15 : 0.4],
        // No target: the least any signed-in read costs here (the session's query, the hooks), by
        // which to read the lines above.
        ...(readCache === 'off' ? [] : [['GET /api/me, the floor of a signed-in read', '/api/me', null] as [string, string, null]]),
      ];
      const before = lines.length;
      let app: BenchApp | undefined;
      try {
        app = await benchApp(file, readCache);
        if (newSitting === undefined) {
          // A sitting just opened, with the decisions it carries over.
          const res = await app.send('POST', '/api/sittings', { date: nextDay(LAST_DATE) });
          if (res.status !== 201) throw new Error(`opening a sitting: ${res.status} ${res.body}`);
          newSitting = (JSON.parse(res.body) as { id: number }).id;
        }
        await app.listen();
        for (const [name, path, target] of paths)
          lines.push(await throughput(name, app.base, ref, path ?? `/api/sittings/${newSitting}`, app.headers, target));
        if (readCache === undefined) lines.push(await scaleLine(app.base, ref, '/api/me', app.headers));
      } catch (error) {
        const notTaken = [...paths.map(([name]) => name), ...(readCache === undefined ? [SCALE] : [])].slice(lines.length - before);
        for (const name of notTaken) lines.push(missingLine(name, (error as Error).message));
      } finally {
        await app?.close();
      }
    }
  } finally {
    await ref.close();
  }
  return lines;
}

async function throughput(
  name: string,
  base: string,
  ref: Awaited<ReturnType<typeof referenceServer>>,
  path: string,
  headers: Record<string, string>,
  target: number | null,
): Promise<Line> {
  try {
    const captured = await capture(base + path, headers);
    ref.serve(path, captured);
    return await interleaved(name, base + path, ref.base + path, headers, target, captured);
  } catch (error) {
    return missingLine(name, (error as Error).message);
  }
}

/**
 * The reference's own reply to `path` after WORK_MICROS of busy work per request, against the
 * reference: what a given cost per request does to the ratio on this machine, by which to read the
 * lines above (a target of 40 % leaves about as much per request as this line's work when it reads 40 %).
 */
async function scaleLine(
  base: string,
  ref: Awaited<ReturnType<typeof referenceServer>>,
  path: string,
  headers: Record<string, string>,
): Promise<Line> {
  try {
    const captured = await capture(base + path, headers);
    const busy = `${path}?after-work`;
    ref.serve(path, captured);
    ref.serve(busy, captured, WORK_MICROS);
    return await interleaved(SCALE, ref.base + busy, ref.base + path, headers, null, captured);
  } catch (error) {
    return missingLine(SCALE, (error as Error).message);
  }
}

const WORK_MICROS = 20;
const SCALE = `the reference after ${WORK_MICROS} µs of work per request, for scale`;

/** ROUNDS rounds of `url` each followed by one of `reference`: the medians, and the spread of the rounds' ratios. */
async function interleaved(
  name: string,
  url: string,
  reference: string,
  headers: Record<string, string>,
  target: number | null,
  captured: Captured,
): Promise<Line> {
  const app: Load[] = [];
  const floor: Load[] = [];
  const seconds = LOAD_SECONDS / 2;
  for (let round = 0; round < ROUNDS; round++) {
    app.push(await load(url, { seconds, headers }));
    floor.push(await load(reference, { seconds, headers }));
  }
  const ratios = app.map((a, i) => (100 * a.requestsPerSecond) / floor[i]!.requestsPerSecond);
  const busy = (loads: Load[]) => median(loads.map((l) => l.busyMicros)).toFixed(0);
  return {
    name: `${name} (-c 20)`,
    unit: 'req/s',
    figure: median(app.map((l) => l.requestsPerSecond)),
    reference: median(floor.map((l) => l.requestsPerSecond)),
    referenceName: `same ${Math.round(captured.body.length / 1024)} KB precomputed`,
    ...(target === null ? { as: 'percent' as const } : { target: percent('>=', target) }),
    note: `${ROUNDS} rounds: ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)} %; event loop ${busy(app)} µs a request, reference ${busy(floor)} µs`,
  };
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
