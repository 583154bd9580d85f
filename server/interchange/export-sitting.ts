// One sitting as a document of the interchange format (the export itself is services/interchange.ts).
import { Conflict } from '../domain/errors.ts';
import type { SittingDetail } from '../schemas/sittings.ts';
import { SITTING_FORMAT, type DocumentPerson, type SittingDocument } from './sitting-document.ts';

const person = (name: string, position: string | null): DocumentPerson => (position === null ? { name } : { name, position });

export function sittingToDocument(s: SittingDetail): SittingDocument {
  if (s.startTime === null) throw new Conflict(`Sēdei Nr. ${s.number} nav norādīts sākuma laiks, bez tā to nevar eksportēt.`, 'startTime');
  return draftDocument(s);
}

/** The document of a sitting still being drafted: a missing start time stays empty. */
export function draftDocument(s: SittingDetail): SittingDocument {
  const agendaIndex = new Map(s.agendaItems.map((item, i) => [item.id, i + 1]));
  const attendees = (role: string) => s.attendance.filter((a) => a.role === role);
  const doc: SittingDocument = {
    format: SITTING_FORMAT,
    number: s.number,
    date: s.date,
    place: s.place,
    startTime: s.startTime ?? '',
    ...(s.endTime === null ? {} : { endTime: s.endTime }),
    ...(s.chair === null ? {} : { chair: person(s.chair.name, s.chair.position) }),
    ...(s.recorder === null ? {} : { recorder: person(s.recorder.name, s.recorder.position) }),
    members: attendees('member').map((a) => person(a.name, a.position)),
    absent: attendees('absent').map((a) => ({ ...person(a.name, a.position), ...(a.reason === null ? {} : { reason: a.reason }) })),
    invited: attendees('invited').map((a) => person(a.name, a.position)),
    agenda: s.agendaItems.map((item) => ({
      title: item.title,
      ...(item.rapporteur === null ? {} : { rapporteur: item.rapporteur }),
      proceedings: item.proceedings,
      confidential: item.confidential,
    })),
    decisions: s.decisions.map((d) => {
      const agendaItem = d.agendaItemId === null ? undefined : agendaIndex.get(d.agendaItemId);
      return {
        text: d.text,
        ...(d.owners.length === 0 ? {} : { owners: d.owners.map((o) => o.name) }),
        ...(d.due === null ? {} : { due: d.due }),
        ...(agendaItem === undefined ? {} : { agendaItem }),
        status: d.status,
        ...(d.planActivity === null ? {} : { planActivity: d.planActivity }),
      };
    }),
    reviews: s.reviews.map((r) => ({
      sitting: r.sittingNumber,
      decision: r.decisionNumber,
      status: r.status,
      ...(r.note === null ? {} : { note: r.note }),
      ...(r.due === null ? {} : { due: r.due }),
      ...(r.notDiscussed ? { notDiscussed: true } : {}),
    })),
    signed: s.state === 'signed',
  };
  return doc;
}
