import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { SUMMARY_COLUMNS, type ChartBar, type SummaryColumn } from '../../server/plans/report-view-model.ts';
import { CHART_WIDTH, renderStatusChartPng, statusChartBands, statusChartSvg } from '../../server/plans/status-chart.ts';

const legend = Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, `${c}: ķēniņš, ūdens`])) as Record<SummaryColumn, string>;
const barsOf = (n: number): ChartBar[] =>
  Array.from({ length: n }, (_, i) => ({
    label: `${i + 1}. mērķis`,
    counts: Object.fromEntries(SUMMARY_COLUMNS.map((c, j) => [c, (i * 3 + j) % 6])) as Record<SummaryColumn, number>,
  }));
const options = {
  fitTo: { mode: 'width' as const, value: CHART_WIDTH * 2 },
  font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
};
const drawn = (svg: string) => new Resvg(svg, options).render();

describe('the status chart', () => {
  it.each([0, 1, 2, 7, 10])('with %i bars, drawn in bands and stacked, has exactly the whole chart’s pixels', (n) => {
    const whole = drawn(statusChartSvg(barsOf(n), legend, 'alt'));
    const bands = statusChartBands(barsOf(n), legend, 'alt', 2);
    expect(bands).toHaveLength(Math.min(2, n + 1));
    const parts = bands.map(drawn);
    expect(parts.reduce((sum, p) => sum + p.height, 0)).toBe(whole.height);
    expect(Buffer.concat(parts.map((p) => p.pixels)).equals(whole.pixels)).toBe(true);
  });

  it('comes as a PNG of twice its size with the drawn pixels', async () => {
    const bars = barsOf(4);
    const png = await renderStatusChartPng(bars, legend, 'alt');
    const whole = drawn(statusChartSvg(bars, legend, 'alt'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([whole.width, whole.height]);
    // One IDAT after IHDR: rows of a filter byte (0) and RGB.
    const idat = png.subarray(8 + 25 + 8, 8 + 25 + 8 + png.readUInt32BE(8 + 25));
    const rows = inflateSync(idat);
    const pixels = whole.pixels; // a copy at each reading
    const stride = whole.width * 3 + 1;
    const rgb = Buffer.alloc(whole.width * whole.height * 3);
    for (let i = 0, o = 0; i < pixels.length; i += 4, o += 3) pixels.copy(rgb, o, i, i + 3);
    const filters = Array.from({ length: whole.height }, (_, y) => rows[y * stride]);
    expect(new Set(filters)).toEqual(new Set([0]));
    const unfiltered = Buffer.concat(Array.from({ length: whole.height }, (_, y) => rows.subarray(y * stride + 1, (y + 1) * stride)));
    expect(unfiltered.equals(rgb)).toBe(true);
  });
});
