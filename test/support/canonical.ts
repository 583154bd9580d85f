// A sitting document with the schema's defaults spelled out, so that two documents that say
// the same thing compare equal.
import type { SittingDocument } from '../../server/interchange/sitting-document.ts';

export function canonical(doc: SittingDocument): SittingDocument {
  return {
    ...doc,
    absent: doc.absent ?? [],
    invited: doc.invited ?? [],
    agenda: doc.agenda.map((item) => ({ ...item, proceedings: item.proceedings ?? '', confidential: item.confidential ?? false })),
    decisions: doc.decisions.map((d) => ({ ...d, status: d.status ?? 'open' })),
    reviews: doc.reviews ?? [],
    signed: doc.signed ?? false,
  };
}
