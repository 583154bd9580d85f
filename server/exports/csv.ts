// The decision register as CSV for Latvian Excel: UTF-8 with a BOM, `;` between fields, CRLF,
// dates as dd.MM.yyyy., and no cell Excel would run as a formula.
import { stringify } from 'csv-stringify/sync';

export function latvianDate(iso: string | null): string {
  if (iso === null) return '';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}.`;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return stringify([header, ...rows] as string[][], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    // A line break inside a decision text stays inside its cell.
    quote_record_delimiter: true,
    // A text starting with = + - @ tab or CR gets a leading ' so Excel shows it instead of running it.
    escape_formulas: true,
  });
}
