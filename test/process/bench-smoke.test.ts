// The bench runs (BENCH_QUICK=1, tiny load durations): not timed, it proves only that `npm run
// bench` prints every expected line, each with a figure, its reference, the ratio and the target,
// or as missing with the reason; never a line that claims a target without a measurement.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/reference.ts';

const EXPECTED = [
  'GET /api/sittings/:id with its carry-over (-c 20)',
  'GET /api/decisions?status=open&limit=100 (-c 20)',
  'GET /api/search?q=… (-c 20)',
  'GET /api/me/actions (-c 20)',
  'GET /api/me, the floor of a signed-in read (-c 20)',
  'the reference after 20 µs of work per request, for scale (-c 20)',
  'GET /api/sittings/:id with its carry-over, READ_CACHE=off (-c 20)',
  'GET /api/decisions?status=open&limit=100, READ_CACHE=off (-c 20)',
  'GET /api/search?q=…, READ_CACHE=off (-c 20)',
  'GET /api/me/actions, READ_CACHE=off (-c 20)',
  'scaling, READ_CACHE=off: my actions',
  'scaling, READ_CACHE=off: a register page',
  'scaling, READ_CACHE=off: search',
  'scaling, READ_CACHE=off: open the newest sitting',
  'carry-over, READ_CACHE=off: open a new sitting, 3× vs 1× history',
  'carry-over, READ_CACHE=off: open a new sitting, 10× vs 1× history',
  'PostgreSQL, READ_CACHE=off: my actions',
  'PostgreSQL, READ_CACHE=off: a register page',
  'PostgreSQL, READ_CACHE=off: search',
  'PostgreSQL, READ_CACHE=off: open the newest sitting',
  'render DOCX of Nr. 7 (view model + layout), in process',
  'render DOCX of a 40-item sitting',
  'GET /api/sittings/:id/minutes.docx of Nr. 7 (unsigned), over HTTP',
  '2026 report DOCX of the 3-year plan',
  'p99 of GET /api/me while the 40-item DOCX renders',
  'cold start to first response',
  'RSS after start',
  'import Nr. 7',
  'export Nr. 7',
  'open a new sitting with its carry-over (1×, in process)',
  'actions of one person',
  'filter the register',
  'drafting screen of a 40-item sitting: usable',
  'the same, as Playwright sees it',
  'the same, until all 40 items are on the page',
];

/** A measured line: figure, reference (named), ratio, and a target verdict or none. */
const MEASURED =
  /\d[\d.]* (ms|req\/s|MiB) +ref +\d[\d.]* \1 \(.+\) +ratio (\d[\d.]*(×| %)|1\/\d+) +(target: none|target (>=|<=) \S+ ?\S*: (met|NOT MET))/;
const MISSING = / missing: \S/;

function runBench(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_QUICK: '1', BENCH_LOAD_SECONDS: '0.4' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('npm run bench (BENCH_QUICK=1)', () => {
  it('prints every expected line with figure, reference, ratio and target, or as missing with why', { timeout: 600_000 }, async () => {
    const { code, stdout, stderr } = await runBench();
    expect(code, stderr).toBe(0);
    const lines = stdout.split('\n');
    for (const name of EXPECTED) {
      const line = lines.find((l) => l.startsWith(name));
      expect(line, `no line for "${name}" in:\n${stdout}`).toBeDefined();
      expect(MEASURED.test(line!) || MISSING.test(line!), `neither measured nor missing: ${line}`).toBe(true);
      // A missing measurement is never reported as met.
      if (MISSING.test(line!)) expect(line).not.toMatch(/: met\b/);
      // Under load, what a reply costs this event loop, the app's and the reference's, beside the ratio.
      else if (name.endsWith('(-c 20)')) expect(line).toMatch(/; event loop \d+ µs a request, reference \d+ µs\]$/);
    }
  });
});
