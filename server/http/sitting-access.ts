// What a reader may see of a sitting: guests only the sittings they attended, and only the
// public version; everyone else everything, with reading confidential text on the record.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../domain/errors.ts';
import { readerView, sittingFor, sittingRevealsConfidential, type ReaderView } from '../domain/reader-view.ts';
import { loadMinutesTemplates } from '../minutes/templates.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { SittingDetail, SittingSummary } from '../schemas/sittings.ts';
import { currentUser } from '../plugins/auth.ts';

export function isGuest(request: FastifyRequest): boolean {
  return !readerOf(request).seesConfidential;
}

async function attended(app: FastifyInstance, personId: number | null): Promise<Set<number>> {
  if (personId === null) return new Set();
  const rows = await app.db.selectFrom('attendance').select('sitting_id').where('person_id', '=', personId).execute();
  return new Set(rows.map((r) => r.sitting_id));
}

/** A guest asking for a sitting they did not attend learns nothing, not even that it exists. */
export async function assertMaySee(app: FastifyInstance, request: FastifyRequest, sittingId: number): Promise<void> {
  if (!isGuest(request)) return;
  if (!(await attended(app, currentUser(request).personId)).has(sittingId)) throw notFound('sēde', sittingId);
}

/** What a search may look through: a guest's own sittings in the public version, or everything. */
export async function searchScope(app: FastifyInstance, request: FastifyRequest): Promise<{ sittingIds?: number[]; publicOnly: boolean }> {
  if (readerOf(request).seesConfidential) return { publicOnly: false };
  return { sittingIds: [...(await attended(app, currentUser(request).personId))], publicOnly: true };
}

export async function visibleSittings(app: FastifyInstance, request: FastifyRequest, all: SittingSummary[]): Promise<SittingSummary[]> {
  if (!isGuest(request)) return all;
  const mine = await attended(app, currentUser(request).personId);
  return all.filter((s) => mine.has(s.id));
}

/** What this request's reader sees of confidential text (see domain/reader-view.ts). */
export function readerOf(request: FastifyRequest): ReaderView {
  return readerView(currentUser(request).role, loadMinutesTemplates().phrase('restrictedContent'));
}

/** The sitting as this reader may see it, carried decisions included; a member's reading of confidential text is audited. */
export async function sittingForReader(app: FastifyInstance, request: FastifyRequest, s: SittingDetail): Promise<SittingDetail> {
  const view = readerOf(request);
  if (sittingRevealsConfidential(view, s)) await logConfidentialRead(app, request, s.id);
  return sittingFor(view, s);
}

export async function logConfidentialRead(app: FastifyInstance, request: FastifyRequest, sittingId: number): Promise<void> {
  await auditConfidentialRead(app, request, 'sitting', sittingId);
}

/**
 * One record per request that showed confidential text: who read what kind of record, when. Never
 * the text itself nor the search words, so the audit trail holds no more personal data than needed.
 */
export async function auditConfidentialRead(
  app: FastifyInstance,
  request: FastifyRequest,
  recordType: 'sitting' | 'decision' | 'register' | 'search' | 'actions',
  recordId: number | null,
): Promise<void> {
  const user = currentUser(request);
  await appendAudit(
    app.db,
    app.groupId,
    { userId: user.userId, personId: user.personId },
    { action: 'read_confidential', recordType, recordId },
  );
}
