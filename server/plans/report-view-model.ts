// The monitoring report as plain data: every line worded in Latvian from templates/plan-report.lv.json,
// the full or the public version (confidential decisions hidden by the one reader-view rule), with
// the counts its summary table and chart show. Renderers (DOCX, HTML) only lay it out.
import type { MinutesSettings } from '../domain/group-settings.ts';
import { fullView, hides, publicView } from '../domain/reader-view.ts';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../domain/vocabulary.ts';
import { plainText, shortDate } from '../minutes/typography.ts';
import { loadMinutesTemplates, loadReportTemplates, type ReportTemplates } from '../wording/templates.ts';
import type { ReportSource, ReportVersion } from './report-source.ts';

/** The columns of the summary and the chart: each status, then the activities with none. */
export const SUMMARY_COLUMNS = [...ACTIVITY_STATUSES, 'none'] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

export interface ReportActivityLines {
  title: string;
  /** Status, reason, what was done, the decisions' references: one line each. */
  lines: string[];
  /** Each linked decision with its text (hidden text in the public version). */
  decisions: string[];
}

export interface ReportGoalLines {
  title: string;
  activities: ReportActivityLines[];
}

export interface ChartBar {
  label: string;
  counts: Record<SummaryColumn, number>;
}

export interface ReportViewModel {
  version: ReportVersion;
  layout: Pick<MinutesSettings, 'fontFamily' | 'fontSizePt' | 'marginsMm'>;
  documentTitle: string;
  fileName: string;
  /** The last day of the year, for fixed document timestamps. */
  asOf: string;
  restrictedMarking?: string;
  versionLine?: string;
  titleLines: string[];
  planLine: string;
  periodLine: string;
  sittingsHeading: string;
  sittings: string[];
  goalsHeading: string;
  goals: ReportGoalLines[];
  summaryHeading: string;
  summary: { header: string[]; rows: string[][] };
  chart: { heading: string; alt: string; legend: Record<SummaryColumn, string>; bars: ChartBar[] };
  proposalsHeading: string;
  proposalsIntro: string;
  proposals: string[];
}

const emptyCounts = (): Record<SummaryColumn, number> => ({ not_started: 0, in_progress: 0, done: 0, ongoing: 0, postponed: 0, none: 0 });

export function reportFileName(year: number, version: ReportVersion, format: 'docx' | 'html', t = loadReportTemplates()): string {
  return `${t.phrase('fileName', { year, public: version === 'public' })}.${format}`;
}

export function buildReportViewModel(
  source: ReportSource,
  version: ReportVersion,
  t: ReportTemplates = loadReportTemplates(),
  /** What stands where confidential text was: the minutes' phrase, as the group words it. */
  hidden: string = loadMinutesTemplates().phrase('restrictedContent'),
): ReportViewModel {
  const view = version === 'public' ? publicView(hidden) : fullView(hidden);
  const { year } = source;
  const statusWord = (s: ActivityStatus) => t.phrase(`status.${s}`);
  const revealsConfidential =
    view.seesConfidential && source.goals.some((g) => g.activities.some((a) => a.decisions.some((d) => d.confidential)));

  const sittings = source.sittings.map((s) => t.phrase('sittingLine', { date: shortDate(s.date), number: s.number }));
  const sittingLines =
    sittings.length === 0
      ? [t.phrase('sittingsNone', { year })]
      : [t.phrase('sittingsHeld', { year, count: sittings.length, one: sittings.length === 1, dates: sittings.join(', ') })];
  sittingLines.push(t.phrase(sittings.length >= 2 ? 'sittingsRequirementMet' : 'sittingsRequirementNotMet'));

  const goals: ReportGoalLines[] = source.goals.map((g) => ({
    title: t.phrase('goalTitle', { number: g.number, title: plainText(g.title) }),
    activities: g.activities.map((a) => {
      const lines = [t.phrase('activityStatus', { status: a.status === null ? t.phrase('noStatus') : statusWord(a.status.status) })];
      if (a.status?.reason) lines.push(t.phrase('activityReason', { reason: plainText(a.status.reason) }));
      if (a.status !== null && a.status.done !== '') lines.push(t.phrase('activityDone', { done: plainText(a.status.done) }));
      if (a.decisions.length > 0) lines.push(t.phrase('activityDecisions', { references: a.decisions.map((d) => d.reference).join('; ') }));
      return {
        title: t.phrase('activityTitle', { number: a.number, text: plainText(a.text) }),
        lines,
        decisions: a.decisions.map((d) =>
          t.phrase('decisionLine', { reference: d.reference, text: hides(view, d.confidential) ? view.hidden : plainText(d.text) }),
        ),
      };
    }),
  }));

  const bars: ChartBar[] = source.goals.map((g) => {
    const counts = emptyCounts();
    for (const a of g.activities) counts[a.status?.status ?? 'none'] += 1;
    return { label: t.phrase('chartGoal', { number: g.number }), counts };
  });
  const legend = Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, c === 'none' ? t.phrase('noStatus') : statusWord(c)])) as Record<
    SummaryColumn,
    string
  >;
  const total = (counts: Record<SummaryColumn, number>) => SUMMARY_COLUMNS.reduce((sum, c) => sum + counts[c], 0);
  const all = emptyCounts();
  for (const bar of bars) for (const c of SUMMARY_COLUMNS) all[c] += bar.counts[c];
  const summaryRow = (label: string, counts: Record<SummaryColumn, number>) => [
    label,
    ...SUMMARY_COLUMNS.map((c) => String(counts[c])),
    String(total(counts)),
  ];

  const unknown = source.goals.flatMap((g) => g.activities.filter((a) => a.status === null).map((a) => a.number));
  const proposals = [
    ...source.goals.flatMap((g) =>
      g.activities.flatMap((a) => {
        if (a.status?.status === 'postponed')
          return [t.phrase('proposalPostponed', { number: a.number, year, reason: plainText(a.status.reason ?? '') })];
        if (a.status?.status === 'not_started') return [t.phrase('proposalNotStarted', { number: a.number, year })];
        return [];
      }),
    ),
    ...(unknown.length === 0 ? [] : [t.phrase('proposalNoStatus', { numbers: unknown.join(', '), year })]),
  ];

  return {
    version,
    layout: {
      fontFamily: source.group.minutes.fontFamily,
      fontSizePt: source.group.minutes.fontSizePt,
      marginsMm: source.group.minutes.marginsMm,
    },
    documentTitle: t.phrase('documentTitle', { year }),
    fileName: reportFileName(year, version, 'docx', t),
    asOf: `${year}-12-31`,
    ...(revealsConfidential ? { restrictedMarking: t.phrase('restrictedMarking') } : {}),
    ...(version === 'public' ? { versionLine: t.phrase('publicVersion') } : {}),
    titleLines: [t.phrase('titleGroup', { groupName: source.group.name }), t.phrase('title', { year })],
    planLine: t.phrase('plan', { title: plainText(source.plan.title), adoption: source.plan.adoption ?? '' }),
    periodLine: t.phrase('period', { year, from: source.plan.periodFrom, to: source.plan.periodTo }),
    sittingsHeading: t.phrase('sittingsHeading'),
    sittings: sittingLines,
    goalsHeading: t.phrase('goalsHeading'),
    goals,
    summaryHeading: t.phrase('summaryHeading'),
    summary: {
      header: [t.phrase('summaryGoal'), ...SUMMARY_COLUMNS.map((c) => legend[c]), t.phrase('summaryTotal')],
      rows: [...bars.map((b) => summaryRow(b.label, b.counts)), summaryRow(t.phrase('summaryAll'), all)],
    },
    chart: { heading: t.phrase('chartHeading'), alt: t.phrase('chartAlt', { year }), legend, bars },
    proposalsHeading: t.phrase('proposalsHeading'),
    proposalsIntro: proposals.length === 0 ? t.phrase('proposalsNone', { year }) : t.phrase('proposalsIntro', { next: year + 1 }),
    proposals,
  };
}
