// A person's actions as an iCalendar feed (RFC 5545): one all-day event per decision with a
// deadline, which Outlook and Google Calendar can subscribe to.
import type { ActionItem } from '../schemas/decisions.ts';

const CRLF = '\r\n';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/gu, '\\\\').replace(/;/gu, '\\;').replace(/,/gu, '\\,').replace(/\r?\n/gu, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (§3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const compactDate = (iso: string) => iso.replaceAll('-', '');

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface CalendarWording {
  calendarName: string;
  /** Event title for one decision: the reference and the start of its text. */
  summary: (action: ActionItem) => string;
  description: (action: ActionItem) => string;
}

export function actionsCalendar(actions: readonly ActionItem[], wording: CalendarWording, host: string, stamp: Date): string {
  const dtstamp = stamp
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}/u, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//protokols//Sadarbibas grupas lemumi//LV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(wording.calendarName)}`,
    'X-WR-TIMEZONE:Europe/Riga',
  ];
  for (const action of actions) {
    if (action.due === null) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:decision-${action.decisionId}@${host}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compactDate(action.due)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDay(action.due))}`,
      `SUMMARY:${text(wording.summary(action))}`,
      `DESCRIPTION:${text(wording.description(action))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
