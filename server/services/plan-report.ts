// The annual monitoring report of a prevention plan (DOCX or HTML, full or public), and its
// reminder: the agenda item suggested at the first sitting after 1 October.
import type { Executor, SittingRow } from '../db/database.ts';
import { plannedIn, reportSeasonStarts } from '../domain/activity-status.ts';
import { inheritsConfidentiality } from '../domain/reader-view.ts';
import { foldForSearch } from '../domain/search-text.ts';
import { renderDocxOffThread } from '../minutes/docx-pool.ts';
import { renderReportHtmlPage } from '../plans/render-report-html.ts';
import type { ReportSource, ReportVersion } from '../plans/report-source.ts';
import { buildReportViewModel, reportFileName } from '../plans/report-view-model.ts';
import { agendaItemsOf, insertAgendaItem } from '../repositories/agenda-items.ts';
import { getGroup } from '../repositories/group.ts';
import {
  activityRows,
  goalRows,
  linkedDecisionRows,
  planForYear,
  planRow,
  sittingBetween,
  sittingsInYear,
  statusRows,
} from '../repositories/plans.ts';
import { refreshAgendaItemSearch } from '../repositories/search-index.ts';
import { decisionReference } from './decision-origin.ts';
import { auditConfidentialRead, type Reader } from './readers.ts';
import { groupWording } from './wording.ts';

export interface ReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
}

const yearsOf = (json: string | null): number[] => (json === null ? [] : (JSON.parse(json) as number[]));

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Everything the report of `year` shows, read in a handful of queries. */
export async function reportSource(db: Executor, groupId: number, planId: number, year: number): Promise<ReportSource> {
  const plan = await planRow(db, groupId, planId);
  const [group, goals, activities, statuses, sittings] = await Promise.all([
    getGroup(db, groupId),
    goalRows(db, planId),
    activityRows(db, planId),
    statusRows(db, planId, year),
    sittingsInYear(db, groupId, year),
  ]);
  const decisions = await linkedDecisionRows(
    db,
    groupId,
    activities.map((a) => a.number),
    { from: year, to: year },
  );
  const statusOf = new Map(statuses.map((s) => [s.activity_id, s]));
  const decisionsOf = new Map<string, typeof decisions>();
  for (const d of decisions) decisionsOf.set(d.plan_activity as string, [...(decisionsOf.get(d.plan_activity as string) ?? []), d]);
  return {
    group,
    plan: { title: plan.title, adoption: plan.adoption, periodFrom: plan.period_from, periodTo: plan.period_to },
    year,
    sittings: sittings.map((s) => ({ number: s.number, date: s.date })),
    goals: goals.map((g) => ({
      number: g.number,
      title: g.title,
      activities: activities
        .filter((a) => a.goal_id === g.id && plannedIn(yearsOf(a.years), year))
        .map((a) => {
          const s = statusOf.get(a.id);
          return {
            number: a.number,
            text: a.text,
            status: s === undefined ? null : { status: s.status, reason: s.reason, done: s.done },
            decisions: (decisionsOf.get(a.number) ?? []).map((d) => ({
              reference: decisionReference(d.sitting_number, d.number),
              text: d.text,
              confidential: inheritsConfidentiality(d.confidential),
            })),
          };
        }),
    })),
  };
}

/**
 * The report as a file for this reader: the public version hides confidential decisions; the
 * group's own (full) version showing them is a confidential reading on the record.
 */
export async function planReportFile(
  db: Executor,
  groupId: number,
  reader: Reader,
  planId: number,
  asked: { year: number; version: ReportVersion; format: 'docx' | 'html' },
): Promise<ReportFile> {
  const version: ReportVersion = reader.view.seesConfidential ? asked.version : 'public';
  const [source, wording] = await Promise.all([reportSource(db, groupId, planId, asked.year), groupWording(db, groupId)]);
  const vm = buildReportViewModel(source, version, wording.report, wording.minutes.phrase('restrictedContent'));
  if (vm.restrictedMarking !== undefined) await auditConfidentialRead(db, groupId, reader, 'plan', planId);
  const fileName = reportFileName(asked.year, version, asked.format, wording.report);
  if (asked.format === 'docx') {
    // Laid out on the DOCX pool's thread, as the minutes are: a year of decisions is a long document,
    // and drawing its chart takes tens of milliseconds.
    const body = await renderDocxOffThread({ report: vm });
    return { fileName, contentType: DOCX_TYPE, body, headers: {} };
  }
  const { html, csp } = await renderReportHtmlPage(vm);
  return {
    fileName,
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(html, 'utf8'),
    headers: { 'content-security-policy': csp },
  };
}

/**
 * At the first sitting of a year on or after 1 October, while a plan covers the year, the agenda
 * ends with the monitoring report's item, listing the activities with no status for the year yet.
 */
export async function suggestReportItem(db: Executor, groupId: number, sitting: SittingRow): Promise<void> {
  const year = Number(sitting.date.slice(0, 4));
  const seasonStarts = reportSeasonStarts(year);
  if (sitting.date < seasonStarts) return;
  const plan = await planForYear(db, groupId, year);
  if (plan === undefined) return;
  if (await sittingBetween(db, groupId, seasonStarts, sitting.date, sitting.id)) return;
  const t = (await groupWording(db, groupId)).report;
  const title = t.phrase('agendaItemTitle');
  const items = await agendaItemsOf(db, sitting.id);
  if (items.some((i) => foldForSearch(i.title) === foldForSearch(title))) return;
  const withStatus = new Set((await statusRows(db, plan.id, year)).map((s) => s.activity_id));
  const missing = (await activityRows(db, plan.id))
    .filter((a) => plannedIn(yearsOf(a.years), year) && !withStatus.has(a.id))
    .map((a) => a.number);
  const id = await insertAgendaItem(db, {
    sitting_id: sitting.id,
    position: items.length + 1,
    title,
    rapporteur: null,
    proceedings: missing.length === 0 ? '' : t.phrase('agendaItemMissing', { year, numbers: missing.join(', ') }),
    confidential: 0,
  });
  await refreshAgendaItemSearch(db, id);
}
