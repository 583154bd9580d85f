// `npm run bench`: prints the median time of each performance case of the project.
import { measure, report } from './harness.ts';
import { decisionCases } from './decisions.bench.ts';
import { frontendCases } from './frontend.bench.ts';
import { minutesCases } from './minutes.bench.ts';
import { sittingCases } from './sittings.bench.ts';

const suites = [sittingCases, minutesCases, decisionCases, frontendCases];

for (const suite of suites) {
  const { cases, close } = await suite();
  for (const c of cases) console.log(report(await measure(c, { warmup: 10, runs: 50 })));
  await close();
}
