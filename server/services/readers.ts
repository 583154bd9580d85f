// Who is reading, and what they may see of sittings: guests only the sittings they attended, and
// only the public version; everyone else everything, with each reading of confidential text on the
// record. Routes build a Reader from the session (http/caller.ts); jobs and the CLI from an account.
import type { Executor } from '../db/database.ts';
import { notFound } from '../domain/errors.ts';
import type { Role } from '../domain/permissions.ts';
import { readerView, sittingFor, sittingRevealsConfidential, type ReaderView } from '../domain/reader-view.ts';
import { attendedSittingIds } from '../repositories/attendance.ts';
import { appendAudit, type Actor } from '../repositories/audit.ts';
import type { SittingDetail, SittingSummary } from '../schemas/sittings.ts';
import { loadMinutesTemplates } from '../wording/templates.ts';

export type ConfidentialRecordType = 'sitting' | 'decision' | 'register' | 'search' | 'actions' | 'plan';

/** One reading of confidential text, as the audit trail records it. */
export interface ConfidentialReading {
  recordType: ConfidentialRecordType;
  recordId: number | null;
}

export interface Reader {
  actor: Actor;
  personId: number | null;
  /** What the reader may do beyond seeing (another person's actions, notes on any decision). */
  role: Role;
  view: ReaderView;
  /** Where a read cache collects the readings a view it keeps made, to record them again at each hit. */
  readings?: ConfidentialReading[];
  /**
   * The group's data version when the request began (read with the session, saving the read cache
   * a query). Never newer than the data the request then reads, so a view kept under it is never stale.
   */
  asOf?: { groupId: number; version: number };
}

export function readerFor(user: {
  userId: number | null;
  personId: number | null;
  role: Role;
  groupId?: number;
  dataVersion?: number;
}): Reader {
  return {
    actor: { userId: user.userId, personId: user.personId },
    personId: user.personId,
    role: user.role,
    view: readerView(user.role, loadMinutesTemplates().phrase('restrictedContent')),
    asOf: user.dataVersion === undefined || user.groupId === undefined ? undefined : { groupId: user.groupId, version: user.dataVersion },
  };
}

const isGuest = (reader: Reader) => !reader.view.seesConfidential;

async function attended(db: Executor, groupId: number, reader: Reader): Promise<Set<number>> {
  return reader.personId === null ? new Set() : attendedSittingIds(db, groupId, reader.personId);
}

/** A guest asking for a sitting they did not attend learns nothing, not even that it exists. */
export async function assertMaySee(db: Executor, groupId: number, reader: Reader, sittingId: number): Promise<void> {
  if (!isGuest(reader)) return;
  if (!(await attended(db, groupId, reader)).has(sittingId)) throw notFound('sēde', sittingId);
}

/** What a search may look through: a guest's own sittings in the public version, or everything. */
export async function searchScope(db: Executor, groupId: number, reader: Reader): Promise<{ sittingIds?: number[]; publicOnly: boolean }> {
  if (!isGuest(reader)) return { publicOnly: false };
  return { sittingIds: [...(await attended(db, groupId, reader))], publicOnly: true };
}

export async function visibleSittings(db: Executor, groupId: number, reader: Reader, all: SittingSummary[]): Promise<SittingSummary[]> {
  if (!isGuest(reader)) return all;
  const mine = await attended(db, groupId, reader);
  return all.filter((s) => mine.has(s.id));
}

/** The sitting as this reader may see it, carried decisions included; a member's reading of confidential text is audited. */
export async function sittingForReader(db: Executor, groupId: number, reader: Reader, s: SittingDetail): Promise<SittingDetail> {
  if (sittingRevealsConfidential(reader.view, s)) await auditConfidentialRead(db, groupId, reader, 'sitting', s.id);
  return sittingFor(reader.view, s);
}

/**
 * One record per request that showed confidential text: who read what kind of record, when. Never
 * the text itself nor the search words, so the audit trail holds no more personal data than needed.
 */
export async function auditConfidentialRead(
  db: Executor,
  groupId: number,
  reader: Reader,
  recordType: ConfidentialRecordType,
  recordId: number | null,
): Promise<void> {
  await appendAudit(db, groupId, reader.actor, { action: 'read_confidential', recordType, recordId });
  reader.readings?.push({ recordType, recordId });
}
