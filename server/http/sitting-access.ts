// What a reader may see of a sitting: guests only the sittings they attended, and only the
// public version; everyone else everything, with reading a confidential item on the record.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../domain/errors.ts';
import { seesConfidential } from '../domain/permissions.ts';
import { loadMinutesTemplates } from '../minutes/templates.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { SittingDetail, SittingSummary } from '../schemas/sittings.ts';
import { currentUser } from '../plugins/auth.ts';

export function isGuest(request: FastifyRequest): boolean {
  return !seesConfidential(currentUser(request).role);
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
  if (!isGuest(request)) return { publicOnly: false };
  return { sittingIds: [...(await attended(app, currentUser(request).personId))], publicOnly: true };
}

export async function visibleSittings(app: FastifyInstance, request: FastifyRequest, all: SittingSummary[]): Promise<SittingSummary[]> {
  if (!isGuest(request)) return all;
  const mine = await attended(app, currentUser(request).personId);
  return all.filter((s) => mine.has(s.id));
}

/** The sitting as this reader may see it; a member's reading of confidential items is audited. */
export async function sittingForReader(app: FastifyInstance, request: FastifyRequest, s: SittingDetail): Promise<SittingDetail> {
  const confidential = new Set(s.agendaItems.filter((i) => i.confidential).map((i) => i.id));
  if (confidential.size === 0) return s;
  if (!isGuest(request)) {
    await logConfidentialRead(app, request, s.id);
    return s;
  }
  const hidden = loadMinutesTemplates().phrase('restrictedContent');
  return {
    ...s,
    agendaItems: s.agendaItems.map((i) => (i.confidential ? { ...i, title: hidden, rapporteur: null, proceedings: '' } : i)),
    decisions: s.decisions.map((d) =>
      d.agendaItemId !== null && confidential.has(d.agendaItemId) ? { ...d, text: hidden, owners: [] } : d,
    ),
    carryOver: s.carryOver.map((c) => (c.confidential ? { ...c, text: hidden, owners: [], notes: [] } : c)),
  };
}

export async function logConfidentialRead(app: FastifyInstance, request: FastifyRequest, sittingId: number): Promise<void> {
  const user = currentUser(request);
  await appendAudit(
    app.db,
    app.groupId,
    { userId: user.userId, personId: user.personId },
    { action: 'read_confidential', recordType: 'sitting', recordId: sittingId },
  );
}
