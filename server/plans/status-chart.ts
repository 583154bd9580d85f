// The report's chart, drawn on the server without a browser: one stacked bar per goal, its
// activities counted by status, as SVG rendered to PNG by resvg (a Rust renderer shipped as a binary).
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

/** The chart as SVG: `alt` is its title, for readers that cannot see it. */
export function statusChartSvg(bars: readonly ChartBar[], legend: Record<SummaryColumn, string>, alt: string): string {
  const most = Math.max(1, ...bars.map((b) => SUMMARY_COLUMNS.reduce((sum, c) => sum + b.counts[c], 0)));
  const scale = (CHART_WIDTH - LABEL_WIDTH - 50) / most;
  const height = chartHeight(bars);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="14">`,
    `<title>${escapeXml(alt)}</title>`,
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
  ];
  bars.forEach((bar, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    parts.push(`<text x="0" y="${y + BAR_HEIGHT * 0.7}">${escapeXml(bar.label)}</text>`);
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
  });
  const legendY = GAP + bars.length * (BAR_HEIGHT + GAP) + 10;
  ORDER.forEach((column, i) => {
    const x = (i % 3) * 260;
    const y = legendY + Math.floor(i / 3) * 24;
    parts.push(`<rect x="${x}" y="${y}" width="16" height="16" fill="${COLOURS[column]}"/>`);
    parts.push(`<text x="${x + 22}" y="${y + 13}">${escapeXml(legend[column])}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * The chart as PNG at twice its size, sharp in print. It is drawn and deflated in libuv's threads
 * (tens of milliseconds), so the calling thread goes on meanwhile (the report's layout waits for it
 * only at packing).
 */
export async function renderStatusChartPng(bars: readonly ChartBar[], legend: Record<SummaryColumn, string>, alt: string): Promise<Buffer> {
  const svg = statusChartSvg(bars, legend, alt);
  // Loaded at the first chart, not at start: the native renderer is needed once a year.
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  // The chart's white ground makes every pixel opaque; resvg's encoder stays for any that is not.
  return (await opaquePng(image.pixels, image.width, image.height)) ?? Buffer.from(image.asPng());
}

/** The report's chart, as both its DOCX and its HTML show it. */
export function chartOf(vm: ReportViewModel): Promise<Buffer> {
  return renderStatusChartPng(vm.chart.bars, vm.chart.legend, vm.chart.alt);
}
