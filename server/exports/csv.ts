// The decision register as CSV for Latvian Excel: UTF-8 with a BOM, `;` between fields, dates
// as dd.MM.yyyy.

const BOM = '\ufeff';

function field(value: string): string {
  return /[";\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function latvianDate(iso: string | null): string {
  if (iso === null) return '';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}.`;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return BOM + [header, ...rows].map((row) => row.map(field).join(';')).join('\r\n') + '\r\n';
}
