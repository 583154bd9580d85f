// The event loop under a heavy render: p99 of GET /api/me while the 40-item sitting's DOCX is
// requested in a loop (4 concurrent requests), against its p99 on the idle server, same run.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { tempDir } from './fixtures/databases.ts';
import { generateLargeSitting } from './fixtures/large-sitting.ts';
import { benchApp } from './fixtures/servers.ts';
import { LOAD_SECONDS, load, missingLine, times, type Line } from './harness.ts';

export async function eventLoopLines(): Promise<Line[]> {
  const name = 'p99 of GET /api/me while the 40-item DOCX renders (4 concurrent)';
  const app = await benchApp(path.join(tempDir(), 'event-loop.db'));
  try {
    const imported = await app.send('POST', '/api/sittings/import', generateLargeSitting());
    if (imported.status !== 201) return [missingLine(name, `import: ${imported.status} ${imported.body.slice(0, 200)}`)];
    const base = await app.listen();
    const docx = `${base}/api/sittings/${(JSON.parse(imported.body) as { id: number }).id}/minutes.docx`;
    const me = `${base}/api/me`;
    const seconds = Math.max(1, LOAD_SECONDS);
    await probe(me, app.headers, 0.5);
    const idle = p99(await probe(me, app.headers, seconds));
    const [busy, renders] = await Promise.all([
      probe(me, app.headers, seconds).then(p99),
      load(docx, { connections: 4, seconds: seconds + 0.5, headers: app.headers }),
    ]);
    return [
      {
        name,
        unit: 'ms',
        figure: busy,
        reference: idle,
        referenceName: 'idle p99, same server',
        target: times('<=', 3),
        note: `${renders.requestsPerSecond.toFixed(1)} DOCX/s meanwhile`,
      },
    ];
  } catch (error) {
    return [missingLine(name, (error as Error).message.split('\n')[0] ?? 'failed')];
  } finally {
    await app.close();
  }
}

/** Latencies of back-to-back GETs of `url` from a worker thread. */
function probe(url: string, headers: Record<string, string>, seconds: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fixtures/probe.mjs', import.meta.url), { workerData: { url, headers, seconds } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function p99(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('the probe made no request');
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!;
}
