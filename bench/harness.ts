// The bench's instrument: runs cases and their references interleaved, loads servers with
// autocannon, and prints each line as figure, reference, ratio and target (met / NOT MET / missing).
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export const QUICK = process.env.BENCH_QUICK === '1';

/** A case that times one run; a run that measures itself (in the browser, say) returns its own ms. */
export interface BenchCase {
  name: string;
  run: (iteration: number) => Promise<unknown> | unknown;
}

export interface Target {
  /** The ratio figure/reference must be at least (`>=`) or at most (`<=`) `ratio`. */
  op: '>=' | '<=';
  ratio: number;
  /** How to print the ratio and target: a percentage (throughput) or a multiple (times). */
  as: 'percent' | 'times';
}

export interface Line {
  name: string;
  unit: string;
  figure?: number;
  reference?: number;
  /** What the reference is, printed beside it. */
  referenceName: string;
  target?: Target;
  /** Why the measurement could not be taken: printed as missing, never as met. */
  missing?: string;
  note?: string;
  /** How to print the ratio of a line without a target. */
  as?: Target['as'];
}

export const percent = (op: Target['op'], ratio: number): Target => ({ op, ratio, as: 'percent' });
export const times = (op: Target['op'], ratio: number): Target => ({ op, ratio, as: 'times' });

function num(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function ratioText(ratio: number, as: Target['as']): string {
  if (as === 'percent') return `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)} %`;
  // A small fraction reads better as "1/70" than as "0.0143×".
  return ratio > 0 && ratio < 0.1 ? `1/${(1 / ratio).toFixed(0)}` : `${ratio.toFixed(2)}×`;
}

export function formatLine(l: Line): string {
  const head = l.name.padEnd(62);
  if (l.missing !== undefined || l.figure === undefined || l.reference === undefined || !Number.isFinite(l.figure / l.reference))
    return `${head} missing: ${l.missing ?? 'no figure'}`;
  const ratio = l.figure / l.reference;
  const as = l.target?.as ?? l.as ?? 'times';
  const verdict =
    l.target === undefined
      ? 'target: none'
      : `target ${l.target.op} ${ratioText(l.target.ratio, as)}: ${(l.target.op === '>=' ? ratio >= l.target.ratio : ratio <= l.target.ratio) ? 'met' : 'NOT MET'}`;
  return `${head} ${num(l.figure, l.unit).padStart(12)}   ref ${num(l.reference, l.unit).padStart(12)} (${l.referenceName})   ratio ${ratioText(ratio, as)}   ${verdict}${l.note === undefined ? '' : `   [${l.note}]`}`;
}

export function missingLine(name: string, why: string): Line {
  return { name, unit: '', referenceName: '', missing: why };
}

export const runs = (full: number) => (QUICK ? Math.max(3, Math.ceil(full / 10)) : full);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function once(c: BenchCase, i: number): Promise<number> {
  const start = performance.now();
  const own = await c.run(i);
  return typeof own === 'number' ? own : performance.now() - start;
}

/** Median ms of `c` alone. */
export async function measure(c: BenchCase, { warmup = 5, count = 30 } = {}): Promise<number> {
  for (let i = 0; i < Math.min(warmup, runs(warmup)); i++) await once(c, i);
  const times: number[] = [];
  for (let i = 0; i < runs(count); i++) times.push(await once(c, warmup + i));
  return median(times);
}

/** Medians of a case and its reference, run alternately so that machine noise hits both alike. */
export async function interleaved(a: BenchCase, b: BenchCase, { warmup = 5, count = 30 } = {}): Promise<[number, number]> {
  for (let i = 0; i < runs(warmup); i++) {
    await once(a, i);
    await once(b, i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs(count); i++) {
    ta.push(await once(a, warmup + i));
    tb.push(await once(b, warmup + i));
  }
  return [median(ta), median(tb)];
}

/** A line of medians: case against reference, lower is better. */
export async function timedLine(
  name: string,
  c: BenchCase,
  ref: BenchCase,
  target?: Target,
  options?: { warmup?: number; count?: number },
): Promise<Line> {
  try {
    const [figure, reference] = await interleaved(c, ref, options);
    return { name, unit: 'ms', figure, reference, referenceName: ref.name, ...(target === undefined ? {} : { target }) };
  } catch (error) {
    return missingLine(name, (error as Error).message.split('\n')[0] ?? 'failed');
  }
}

export const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? (QUICK ? 1 : 4));

export interface Load {
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
  /**
   * This thread's busy time per request, in µs. autocannon runs on a worker thread, so when the loaded
   * server is the only one serving on this thread, this is what one of its replies cost.
   */
  busyMicros: number;
}

/**
 * autocannon against one URL, from a worker thread so that the load generator does not share the
 * event loop of the servers it measures.
 */
export async function load(
  url: string,
  { connections = 20, seconds = LOAD_SECONDS, headers = {} as Record<string, string> } = {},
): Promise<Load> {
  const before = performance.eventLoopUtilization();
  const result = await autocannon({ url, connections, duration: seconds, headers, workers: 1 });
  const { active } = performance.eventLoopUtilization(before);
  const load = {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    busyMicros: (1000 * active) / result.requests.total,
  };
  if (load.non2xx > 0 || load.errors > 0 || result.requests.total === 0)
    throw new Error(`${url}: ${load.non2xx} non-2xx replies, ${load.errors} errors, ${result.requests.total} requests`);
  return load;
}
