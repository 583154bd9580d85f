// Latvian typography for the minutes: dates, clock times, names and clean plain text.
// Wording lives in templates/; this module only shapes the values the templates receive.
import { format } from 'date-fns/format';
import { lv } from 'date-fns/locale/lv';
import { NBSP, tieInitials } from '../domain/typography.ts';

export { NBSP };

function calendarDate(iso: string): Date {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(year ?? NaN, (month ?? NaN) - 1, day ?? NaN);
}

/**
 * The parts of a long date. The month is the locative (8. jūlijā): date-fns `lv` gives the
 * locative in formatting context (`MMMM`) and the nominative only stand-alone (`LLLL`).
 */
export function longDateParts(iso: string): { year: string; day: string; month: string } {
  const date = calendarDate(iso);
  return { year: format(date, 'y'), day: format(date, 'd'), month: format(date, 'MMMM', { locale: lv }) };
}

/** A date in running text: 08.07.2025. (with the trailing dot). */
export function shortDate(iso: string): string {
  return `${format(calendarDate(iso), 'dd.MM.yyyy')}.`;
}

/** A clock time as the language authority writes it: 14.00. */
export function clockTime(hhmm: string): string {
  return hhmm.replace(':', '.');
}

/** A name as typed, with the initials tied to what follows (M.Šteins → M. Šteins, non-breaking). */
export function printedName(name: string): string {
  return tieInitials(plainText(name).replace(/\s+/gu, ' ').trim());
}

/**
 * Text safe for every output: no control characters (invalid in XML), no lone surrogates,
 * tabs as spaces and Windows line ends as \n.
 */
export function plainText(text: string): string {
  const clean = text
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .replace(/\t/gu, ' ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/gu, '');
  // With the u flag a surrogate pair is one code point, so this removes lone halves only. That
  // search is slow, and most text has no surrogate at all: the quick test without u skips it.
  return /[\ud800-\udfff]/.test(clean) ? clean.replace(/[\ud800-\udfff]/gu, '') : clean;
}
