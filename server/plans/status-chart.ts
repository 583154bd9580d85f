// The report's chart, drawn on the server without a browser: one stacked bar per goal, its
// activities counted by status, as SVG rendered to PNG by resvg (a Rust renderer shipped as a binary).
import type * as ResvgModule from '@resvg/resvg-js';
import { opaquePng } from './png.ts';
import { SUMMARY_COLUMNS, type ChartBar, type ReportViewModel, type SummaryColumn } from './report-view-model.ts';

/** Colours told apart in greyscale print as well: dark for done, light for nothing known. */
const COLOURS: Record<SummaryColumn, string> = {
  done: '#1b5e20',
  ongoing: '#4c9a2a',
  in_progress: '#f2b134',
  not_started: '#c0392b',
  postponed: '#7f4f9e',
  none: '#d5d5d5',
};
/** Left to right, as the eye reads progress. */
const ORDER: SummaryColumn[] = ['done', 'ongoing', 'in_progress', 'not_started', 'postponed', 'none'];

export const CHART_WIDTH = 800;
const LABEL_WIDTH = 110;
const BAR_HEIGHT = 26;
const GAP = 10;
const LEGEND_HEIGHT = 60;

const escapeXml = (text: string) => text.replace(/[<>&"']/gu, (c) => `&#${c.charCodeAt(0)};`);

export function chartHeight(bars: readonly ChartBar[]): number {
  return GAP + bars.length * (BAR_HEIGHT + GAP) + LEGEND_HEIGHT;
}

/** A stretch of the chart from `top` down to the next row's top: a bar with its label and counts, or the legend. */
interface Row {
  top: number;
  parts: string[];
}

/** Where row `i` starts: halfway through the gap above its bar (the legend's row comes after the last bar). */
const rowTop = (i: number) => (i === 0 ? 0 : GAP + i * (BAR_HEIGHT + GAP) - GAP / 2);

/** The chart's rows, top to bottom; each row's shapes and text lie within it. */
function chartRows(bars: readonly ChartBar[], legend: Record<SummaryColumn, string>): Row[] {
  const most = Math.max(1, ...bars.map((b) => SUMMARY_COLUMNS.reduce((sum, c) => sum + b.counts[c], 0)));
  const scale = (CHART_WIDTH - LABEL_WIDTH - 50) / most;
  const rows: Row[] = bars.map((bar, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    const parts = [`<text x="0" y="${y + BAR_HEIGHT * 0.7}">${escapeXml(bar.label)}</text>`];
    let x = LABEL_WIDTH;
    for (const column of ORDER) {
      const count = bar.counts[column];
      if (count === 0) continue;
      const width = count * scale;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOURS[column]}" stroke="#ffffff"/>`,
      );
      if (width >= 18)
        parts.push(
          `<text x="${(x + width / 2).toFixed(1)}" y="${y + BAR_HEIGHT * 0.7}" text-anchor="middle" fill="${column === 'none' || column === 'in_progress' ? '#000000' : '#ffffff'}">${count}</text>`,
        );
      x += width;
    }
    return { top: rowTop(i), parts };
  });
  const legendY = GAP + bars.length * (BAR_HEIGHT + GAP) + 10;
  const legendParts = ORDER.flatMap((column, i) => {
    const x = (i % 3) * 260;
    const y = legendY + Math.floor(i / 3) * 24;
    return [
      `<rect x="${x}" y="${y}" width="16" height="16" fill="${COLOURS[column]}"/>`,
      `<text x="${x + 22}" y="${y + 13}">${escapeXml(legend[column])}</text>`,
    ];
  });
  rows.push({ top: rowTop(bars.length), parts: legendParts });
  return rows;
}

/** The part of the chart from `top` to `bottom` as an SVG of its own, on the chart's white ground. */
function svgOf(rows: readonly Row[], top: number, bottom: number, alt: string): string {
  const height = bottom - top;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 ${top} ${CHART_WIDTH} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="14">`,
    `<title>${escapeXml(alt)}</title>`,
    `<rect y="${top}" width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...rows.flatMap((row) => row.parts),
    '</svg>',
  ].join('');
}

/** The chart as SVG: `alt` is its title, for readers that cannot see it. */
export function statusChartSvg(bars: readonly ChartBar[], legend: Record<SummaryColumn, string>, alt: string): string {
  return svgOf(chartRows(bars, legend), 0, chartHeight(bars), alt);
}

/**
 * The chart cut between rows into `count` bands (fewer when it has fewer rows), each an SVG of its
 * own: drawn side by side, their pixels one after another are the whole chart's. The bands' edges
 * fall on whole pixels at twice the size, and nothing is drawn across them.
 */
export function statusChartBands(bars: readonly ChartBar[], legend: Record<SummaryColumn, string>, alt: string, count: number): string[] {
  const rows = chartRows(bars, legend);
  const size = Math.ceil(rows.length / Math.max(1, Math.min(count, rows.length)));
  const bands: string[] = [];
  for (let first = 0; first < rows.length; first += size) {
    const last = Math.min(first + size, rows.length);
    bands.push(svgOf(rows.slice(first, last), rows[first]?.top ?? 0, rows[last]?.top ?? chartHeight(bars), alt));
  }
  return bands;
}

type Resvg = typeof ResvgModule;
let resvg: Resvg | undefined;

/**
 * Loads the native renderer, at the first chart rather than at start (it is needed once a year). A
 * caller that lays a document out meanwhile loads it first, so that the drawing starts before the
 * layout takes the thread.
 */
export async function loadChartRenderer(): Promise<Resvg> {
  return (resvg ??= await import('@resvg/resvg-js'));
}

/**
 * The chart as PNG at twice its size, sharp in print. It is drawn and deflated in libuv's threads
 * (tens of milliseconds), so the calling thread goes on meanwhile (the report's layout waits for it
 * only at packing).
 */
export async function renderStatusChartPng(bars: readonly ChartBar[], legend: Record<SummaryColumn, string>, alt: string): Promise<Buffer> {
  // Once resvg is loaded the drawing starts here, before this function first waits.
  const { renderAsync } = resvg ?? (await loadChartRenderer());
  const options = {
    fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  } as const;
  // In two bands, each drawn in a libuv thread of its own: resvg draws one picture on one core.
  const images = await Promise.all(statusChartBands(bars, legend, alt, BANDS).map((svg) => renderAsync(svg, options)));
  const pixels = Buffer.concat(images.map((image) => image.pixels));
  const height = images.reduce((sum, image) => sum + image.height, 0);
  // The chart's white ground makes every pixel opaque; resvg's encoder stays for any that is not.
  return (
    (await opaquePng(pixels, CHART_WIDTH * 2, height)) ??
    Buffer.from((await renderAsync(statusChartSvg(bars, legend, alt), options)).asPng())
  );
}

const BANDS = 2;

/** The report's chart, as both its DOCX and its HTML show it. */
export function chartOf(vm: ReportViewModel): Promise<Buffer> {
  return renderStatusChartPng(vm.chart.bars, vm.chart.legend, vm.chart.alt);
}
