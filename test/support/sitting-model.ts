// A sitting model (as loadSitting returns it) from an interchange document, for rendering the
// minutes of fixtures like Nr. 7 without a database (minutes tests, benchmarks, the preview script).
import type { DecisionStatus } from '../../server/domain/decision-state.ts';
import type { DocumentPerson, SittingDocument } from '../../server/interchange/sitting-document.ts';
import type { Attendee, CarriedDecision, SittingDetail } from '../../server/schemas/sittings.ts';

/** A row of the follow-up table as a test writes it: an earlier decision and its outcome at this sitting. */
export interface FollowUp {
  sittingNumber: number;
  decisionNumber: number;
  text: string;
  owners: string[];
  /** Due date before this review. */
  due?: string;
  /** Outcome recorded at this sitting; absent when the item was not discussed. */
  status?: DecisionStatus;
  note?: string;
  newDue?: string;
  confidential?: boolean;
}

/** The sitting model of a document, with `followUps` as its carry-over list; ids are positions. */
export function sittingModel(doc: SittingDocument, followUps: FollowUp[] = [], defaultPlace = 'Cēsīs'): SittingDetail {
  const signer = (p: DocumentPerson | undefined, personId: number) =>
    p === undefined ? null : { personId, name: p.name, shortName: p.name, position: p.position ?? null };
  const attendee =
    (role: Attendee['role']) =>
    (p: DocumentPerson & { reason?: string }, i: number): Attendee => ({
      id: i + 1,
      personId: i + 1,
      name: p.name,
      role,
      position: p.position ?? null,
      reason: p.reason ?? null,
      version: 1,
    });
  return {
    id: 1,
    number: doc.number,
    date: doc.date,
    place: doc.place ?? defaultPlace,
    startTime: doc.startTime,
    endTime: doc.endTime ?? null,
    state: doc.signed === true ? 'signed' : 'draft',
    chair: signer(doc.chair, 901),
    recorder: signer(doc.recorder, 902),
    attendance: [
      ...doc.members.map(attendee('member')),
      ...(doc.absent ?? []).map(attendee('absent')),
      ...(doc.invited ?? []).map(attendee('invited')),
    ],
    agendaItems: doc.agenda.map((item, i) => ({
      id: i + 1,
      position: i + 1,
      title: item.title,
      rapporteur: item.rapporteur ?? null,
      proceedings: item.proceedings ?? '',
      confidential: item.confidential === true,
      followUp: false,
      version: 1,
    })),
    decisions: doc.decisions.map((d, i) => ({
      id: i + 1,
      number: i + 1,
      text: d.text,
      owners: (d.owners ?? []).map((name) => ({ personId: null, name })),
      due: d.due ?? null,
      agendaItemId: d.agendaItem ?? null,
      status: d.status ?? 'open',
      planActivity: d.planActivity ?? null,
      version: 1,
    })),
    reviews: [],
    carryOver: followUps.map((f, i): CarriedDecision => ({
      decisionId: 100 + i,
      reference: `Nr. ${f.sittingNumber}, ${f.decisionNumber}.`,
      sittingId: 50,
      sittingNumber: f.sittingNumber,
      sittingDate: '2025-01-01',
      number: f.decisionNumber,
      text: f.text,
      owners: f.owners,
      due: f.due ?? null,
      overdue: false,
      statusBefore: 'open',
      confidential: f.confidential === true,
      notes: [],
      review:
        f.status === undefined
          ? null
          : { id: 200 + i, status: f.status, note: f.note ?? null, due: f.newDue ?? null, notDiscussed: false, version: 1 },
    })),
    version: 1,
  };
}
