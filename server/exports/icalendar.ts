// iCalendar (RFC 5545): a person's actions as a feed, one all-day event per decision with a
// deadline, which Outlook and Google Calendar can subscribe to; and a sitting's invitation
// (iTIP, RFC 5546: REQUEST, its updates and CANCEL) in Riga time with its VTIMEZONE.
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

/** Europe/Riga as a VTIMEZONE (EET/EEST with the EU's rule since 2000), the one zone invitations use. */
export const RIGA_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Riga',
  'X-LIC-LOCATION:Europe/Riga',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
] as const;

export interface SittingEvent {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  date: string;
  /** HH:MM in Riga; without a start the event is the whole day. */
  startTime: string | null;
  endTime: string | null;
  place: string;
  summary: string;
  description: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

const stampOf = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}/u, '');

/** A sitting's invitation, its update (same UID, higher SEQUENCE) or its cancellation. */
export function sittingInvitation(event: SittingEvent, stamp: Date): string {
  const when =
    event.startTime === null
      ? [`DTSTART;VALUE=DATE:${compactDate(event.date)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(event.date))}`]
      : [
          `DTSTART;TZID=Europe/Riga:${compactDate(event.date)}T${event.startTime.replace(':', '')}00`,
          `DTEND;TZID=Europe/Riga:${compactDate(event.date)}T${(event.endTime ?? laterBy2h(event.startTime)).replace(':', '')}00`,
        ];
  const cn = (name: string) => `"${name.replace(/["\\]/gu, '')}"`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//protokols//Sadarbibas grupas sedes//LV',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    ...RIGA_TIMEZONE,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${stampOf(stamp)}`,
    ...when,
    `SUMMARY:${text(event.summary)}`,
    `LOCATION:${text(event.place)}`,
    `DESCRIPTION:${text(event.description)}`,
    `ORGANIZER;CN=${cn(event.organizer.name)}:mailto:${event.organizer.email}`,
    `ATTENDEE;CN=${cn(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${event.attendee.email}`,
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}

/** A sitting without an end time is booked for two hours (capped at midnight). */
function laterBy2h(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const minutes = Math.min(h * 60 + m + 120, 23 * 60 + 59);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
