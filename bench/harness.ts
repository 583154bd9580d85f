// A tiny benchmark harness: warm up, run a case many times, report the median.
export interface BenchCase {
  name: string;
  /** Target median in milliseconds, printed beside the result. */
  targetMs?: number;
  /** One run; a run that measures itself (in the browser, say) returns its own duration in ms. */
  run: (iteration: number) => Promise<unknown> | unknown;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  p90Ms: number;
  runs: number;
  targetMs?: number;
}

export async function measure(c: BenchCase, { warmup = 5, runs = 30 } = {}): Promise<BenchResult> {
  let i = 0;
  for (; i < warmup; i++) await c.run(i);
  const times: number[] = [];
  for (let n = 0; n < runs; n++, i++) {
    const start = performance.now();
    const own = await c.run(i);
    times.push(typeof own === 'number' ? own : performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { name: c.name, medianMs: at(0.5), p90Ms: at(0.9), runs, ...(c.targetMs === undefined ? {} : { targetMs: c.targetMs }) };
}

export function report(r: BenchResult): string {
  const target = r.targetMs === undefined ? '' : `  (target < ${r.targetMs} ms: ${r.medianMs < r.targetMs ? 'met' : 'MISSED'})`;
  return `${r.name.padEnd(58)} median ${r.medianMs.toFixed(2).padStart(8)} ms   p90 ${r.p90Ms.toFixed(2).padStart(8)} ms   n=${r.runs}${target}`;
}
