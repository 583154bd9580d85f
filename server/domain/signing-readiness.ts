// What minutes must have before the chair and recorder may sign them, and the refusal that names
// all of it at once, so the secretary fixes everything in one pass.
import type { SittingDetail } from '../schemas/sittings.ts';

/** The references of carried decisions with no follow-up recorded (nor marked not discussed). */
export function unreviewedCarried(carried: ReadonlyArray<{ reference: string; review: unknown }>): string[] {
  return carried.filter((c) => c.review === null).map((c) => c.reference);
}

/** A missing part: the field the API names it by, and its Latvian name for the message. */
interface Gap {
  field: string;
  missing: string;
}

function signingGaps(s: SittingDetail): Gap[] {
  const gaps: Gap[] = [];
  if (s.chair === null) gaps.push({ field: 'chairId', missing: 'sēdes vadītājs' });
  if (s.recorder === null) gaps.push({ field: 'recorderId', missing: 'protokolētājs' });
  if (s.startTime === null) gaps.push({ field: 'startTime', missing: 'sēdes sākuma laiks' });
  if (s.endTime === null) gaps.push({ field: 'endTime', missing: 'sēdes beigu laiks' });
  if (!s.attendance.some((a) => a.role === 'member')) gaps.push({ field: 'attendance', missing: 'vismaz viens klātesošs grupas loceklis' });
  if (s.agendaItems.length === 0) gaps.push({ field: 'agendaItems', missing: 'vismaz viens darba kārtības punkts' });
  return gaps;
}

/** The missing parts, in Latvian, for the refusal message; empty when the minutes can be signed. */
export function missingForSigning(s: SittingDetail): string[] {
  return signingGaps(s).map((g) => g.missing);
}

const FOLLOW_UP_HINT = 'Atzīmējiet izpildi vai "nav izskatīts".';

/**
 * Why these minutes may not be signed yet, naming every missing part and every carried decision
 * without its follow-up, with the first field at fault; null when they may be signed.
 */
export function signingRefusal(s: SittingDetail): { message: string; field: string } | null {
  const gaps = signingGaps(s);
  const unreviewed = unreviewedCarried(s.carryOver);
  // References end with their own dot (Nr. 7, 2.), which then ends the sentence too.
  const refs = unreviewed.join('; ');
  const followUps = refs.endsWith('.') ? refs : `${refs}.`;
  if (gaps.length > 0) {
    const missing = `Protokolu nevar parakstīt: trūkst ${gaps.map((g) => g.missing).join(', ')}.`;
    const message =
      unreviewed.length === 0 ? missing : `${missing} Nav ierakstīta arī izpilde iepriekšējo sēžu lēmumiem ${followUps} ${FOLLOW_UP_HINT}`;
    return { message, field: gaps[0]?.field ?? 'carryOver' };
  }
  if (unreviewed.length > 0)
    return { message: `Protokolu nevar parakstīt: nav ierakstīta izpilde lēmumiem ${followUps} ${FOLLOW_UP_HINT}`, field: 'carryOver' };
  return null;
}
