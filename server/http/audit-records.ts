// What the audit trail reads of each kind of record: API shapes and chosen columns only, so no
// credential (a password hash, a calendar token's hash) can reach it. Routes name these.
import { getAgendaItem } from '../repositories/agenda-items.ts';
import { getAttendee } from '../repositories/attendance.ts';
import { latestSignature } from '../repositories/audit-reads.ts';
import { getDecision } from '../repositories/decisions.ts';
import { getPerson } from '../repositories/people.ts';
import { getReview } from '../repositories/reviews.ts';
import { sittingRow } from '../repositories/sittings.ts';
import { toUser, userRow } from '../repositories/users.ts';
import type { AuditedRecord } from './audited.ts';

export const ATTENDANCE: AuditedRecord = { recordType: 'attendance', load: getAttendee };
export const AGENDA_ITEM: AuditedRecord = { recordType: 'agenda_item', load: getAgendaItem };
export const DECISION: AuditedRecord = { recordType: 'decision', load: getDecision };
export const REVIEW: AuditedRecord = { recordType: 'review', load: getReview };

/** A sitting's header (not its parts, which have records of their own). */
export const sittingRecord = (groupId: number): AuditedRecord => ({ recordType: 'sitting', load: (db, id) => sittingRow(db, groupId, id) });
export const personRecord = (groupId: number): AuditedRecord => ({ recordType: 'person', load: (db, id) => getPerson(db, groupId, id) });
/** An account as the API shows it: never its password hash. */
export const userRecord = (groupId: number): AuditedRecord => ({
  recordType: 'user',
  load: async (db, id) => toUser(await userRow(db, groupId, id)),
});
/** A sitting by the state of its latest signed version: who signed it and when. */
export const signedSittingRecord = (groupId: number): AuditedRecord => ({
  recordType: 'sitting',
  load: (db, id) => latestSignature(db, groupId, id),
});
