// The prevention plan's monitoring report: building the 2026 report (its data read, worded, laid
// out as DOCX on the pool's thread, which draws the chart) of the 3-year Cēsu plan with 500 decisions linked to its
// activities, against the minutes renderer on the large sitting (40 items, 150 decisions).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_GROUP_PROFILE } from '../server/domain/group-settings.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { openSqlite } from '../server/db/sqlite.ts';
import type { SittingDocument } from '../server/interchange/sitting-document.ts';
import { renderMinutes } from '../server/minutes/render-minutes.ts';
import { renderDocxOffThread } from '../server/minutes/docx-pool.ts';
import { buildReportViewModel } from '../server/plans/report-view-model.ts';
import { ACTIVITY_STATUSES } from '../server/domain/vocabulary.ts';
import { ensureGroup } from '../server/repositories/group.ts';
import { SYSTEM } from '../server/services/audit.ts';
import { importSitting } from '../server/services/interchange.ts';
import { reportSource } from '../server/services/plan-report.ts';
import { importPlan, planOverview, setActivityStatus } from '../server/services/plans.ts';
import { nr7 } from '../test/support/reference.ts';
import { sittingModel } from '../test/support/sitting-model.ts';
import { generateLargeSitting } from './fixtures/large-sitting.ts';
import { timedLine, times, type Line } from './harness.ts';

const SAMPLE = path.resolve(import.meta.dirname, '../docs/samples/prevention-plan-cesu-2025-2027.json');
const SITTINGS = 25;
const DECISIONS_PER_SITTING = 20;

/** The sample plan, 25 sittings of 2026 with 20 decisions each naming an activity in turn, a status for every activity. */
async function planDatabase() {
  const db = openSqlite(':memory:');
  await migrateToLatest(db);
  const groupId = (await ensureGroup(db)).id;
  const { id: planId } = await importPlan(db, groupId, SYSTEM, JSON.parse(readFileSync(SAMPLE, 'utf8')));
  const activities = (await planOverview(db, groupId, planId)).goals.flatMap((g) => g.activities);
  let n = 0;
  for (let s = 0; s < SITTINGS; s++) {
    const base = nr7();
    const doc: SittingDocument = {
      ...base,
      number: 100 + s,
      date: `2026-${String(1 + Math.floor(s / 2.2)).padStart(2, '0')}-${String(5 + (s % 2) * 14).padStart(2, '0')}`,
      agenda: base.agenda.slice(0, 2),
      decisions: Array.from({ length: DECISIONS_PER_SITTING }, (_, i) => ({
        text: `Lēmums par prevencijas plāna aktivitātes īstenošanu, ${i + 1}. punkts: atbildīgajām iestādēm sagatavot informāciju un ziņot nākamajā sēdē.`,
        agendaItem: 1 + (i % 2),
        planActivity: activities[n++ % activities.length]!.number,
      })),
    };
    await importSitting(db, groupId, SYSTEM, doc);
  }
  for (const [i, a] of activities.entries()) {
    const status = ACTIVITY_STATUSES[i % ACTIVITY_STATUSES.length]!;
    await setActivityStatus(db, groupId, SYSTEM, a.id, 2026, {
      status,
      reason: status === 'postponed' ? 'nav finansējuma' : null,
      done: 'Paveikts saskaņā ar plānu.',
    });
  }
  return { db, groupId, planId };
}

export async function planReportLines(): Promise<Line[]> {
  const { db, groupId, planId } = await planDatabase();
  try {
    const large = { group: DEFAULT_GROUP_PROFILE, sitting: sittingModel(generateLargeSitting()) };
    // As the API makes it: read and worded here, the chart drawn and the report laid out on the DOCX pool's thread.
    const report = async () => {
      const vm = buildReportViewModel(await reportSource(db, groupId, planId, 2026), 'full');
      return renderDocxOffThread({ report: vm });
    };
    return [
      await timedLine(
        `2026 report DOCX of the 3-year plan (66 activities, ${SITTINGS * DECISIONS_PER_SITTING} linked decisions), in process`,
        { name: 'report', run: report },
        { name: 'minutes DOCX of the 40-item sitting', run: () => renderMinutes(large, 'full', 'docx') },
        times('<=', 3),
        { warmup: 3, count: 15 },
      ),
    ];
  } finally {
    await db.destroy();
  }
}
