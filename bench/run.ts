// `npm run bench`: every performance figure of the project against a reference measured in the same
// run, as ratio and target (met / NOT MET / missing). BENCH_QUICK=1: a short smoke run (fewer
// runs, 1-second loads, a 12-sitting history). See bench/README.md.
import { coldStartLines } from './cold-start.bench.ts';
import { eventLoopLines } from './event-loop.bench.ts';
import { BASE_SITTINGS, historyDatabase, removeTempDir } from './fixtures/databases.ts';
import { frontendLines } from './frontend.bench.ts';
import { QUICK, formatLine, missingLine, type Line } from './harness.ts';
import { minutesLines } from './minutes.bench.ts';
import { planReportLines } from './plan-report.bench.ts';
import { GROUPS, postgresLines } from './postgres.bench.ts';
import { historyLines, scalingLines } from './scaling.bench.ts';
import { sittingLines } from './sittings.bench.ts';
import { throughputLines } from './throughput.bench.ts';

const SECTIONS: Array<[string, () => Promise<Line[]>]> = [
  ['Throughput against the same bytes precomputed', throughputLines],
  ['Scaling: 10× history against 1×', scalingLines],
  [`Hot reads on PostgreSQL: ${GROUPS} groups against SQLite with one`, postgresLines],
  ['DOCX minutes', minutesLines],
  ['Monitoring report DOCX', planReportLines],
  ['Event loop', eventLoopLines],
  ['Cold start and memory', coldStartLines],
  ['In-process cases', async () => [...(await sittingLines()), ...(await historyLines())]],
  ['Drafting screen in Chromium', frontendLines],
];

const only = process.env.BENCH_ONLY?.split(',');
const began = performance.now();
console.log(
  `protokols bench${QUICK ? ' (BENCH_QUICK)' : ''}: database files with the production settings (WAL, synchronous FULL), history 1× = ${BASE_SITTINGS} sittings`,
);
try {
  for (const scale of [1, 3, 10]) {
    const { generatedMs } = await historyDatabase(scale);
    if (generatedMs !== null)
      console.log(`(generated the ${scale}× history in ${(generatedMs / 1000).toFixed(1)} s; cached in bench/.cache)`);
  }
  for (const [title, lines] of SECTIONS) {
    if (only !== undefined && !only.some((o) => title.toLowerCase().includes(o.toLowerCase()))) continue;
    console.log(`\n## ${title}`);
    let result: Line[];
    try {
      result = await lines();
    } catch (error) {
      result = [missingLine(title, (error as Error).message.split('\n')[0] ?? 'failed')];
    }
    for (const line of result) console.log(formatLine(line));
  }
} finally {
  removeTempDir();
}
console.log(`\nbench finished in ${((performance.now() - began) / 1000).toFixed(0)} s`);
