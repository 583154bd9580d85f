// The register's exports worded from templates/: calendar events and CSV rows.
import { actionFor, publicView } from '../domain/reader-view.ts';
import type { DecisionStatus } from '../domain/decision-state.ts';
import { loadMinutesTemplates, type MinutesTemplates, type PhraseKey } from '../wording/templates.ts';
import type { ActionItem, RegisterEntry } from '../schemas/decisions.ts';
import { latvianDate, toCsv } from './csv.ts';
import { actionsCalendar } from './icalendar.ts';

const STATUS: Record<DecisionStatus, PhraseKey> = {
  open: 'exports.statusOpen',
  in_progress: 'exports.statusInProgress',
  done: 'exports.statusDone',
  cancelled: 'exports.statusCancelled',
};

const SUMMARY_TEXT_LENGTH = 80;

/**
 * The feed is synced to outside calendar services, so every subscriber gets the public view: a
 * confidential decision shows its reference, its due date and the restricted-access phrase only.
 */
export function calendarOf(
  actions: readonly ActionItem[],
  groupName: string,
  host: string,
  stamp = new Date(),
  t: MinutesTemplates = loadMinutesTemplates(),
): string {
  const view = publicView(t.phrase('restrictedContent'));
  return actionsCalendar(
    actions.map((a) => actionFor(view, a)),
    {
      calendarName: t.phrase('exports.calendarName', { groupName }),
      summary: (a) =>
        t.phrase('exports.eventSummary', {
          reference: a.reference,
          text: a.text.length > SUMMARY_TEXT_LENGTH ? `${a.text.slice(0, SUMMARY_TEXT_LENGTH - 1)}…` : a.text,
        }),
      description: (a) =>
        t.phrase('exports.eventDescription', {
          reference: a.reference,
          sittingDate: latvianDate(a.sittingDate),
          confidential: a.confidential,
          text: a.text,
          owners: a.owners.join(', '),
        }),
    },
    host,
    stamp,
  );
}

/** The register's rows as given: the caller has already shaped them for its reader. */
export function registerCsv(entries: readonly RegisterEntry[], t: MinutesTemplates = loadMinutesTemplates()): string {
  return toCsv(
    t.phrase('exports.csvHeader').split(';'),
    entries.map((e) => [
      e.reference,
      latvianDate(e.sittingDate),
      e.text,
      e.owners.map((o) => o.name).join(', '),
      latvianDate(e.currentDue),
      e.planActivity ?? '',
      t.phrase(STATUS[e.currentStatus]),
      e.overdue ? t.phrase('exports.overdue') : '',
    ]),
  );
}
