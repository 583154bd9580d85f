// What minutes must have before the chair and recorder may sign them.
import type { SittingDetail } from '../schemas/sittings.ts';

/** The references of carried decisions with no follow-up recorded (nor marked not discussed). */
export function unreviewedCarried(carried: ReadonlyArray<{ reference: string; review: unknown }>): string[] {
  return carried.filter((c) => c.review === null).map((c) => c.reference);
}

/** The missing parts, in Latvian, for the refusal message; empty when the minutes can be signed. */
export function missingForSigning(s: SittingDetail): string[] {
  const missing: string[] = [];
  if (s.chair === null) missing.push('sēdes vadītājs');
  if (s.recorder === null) missing.push('protokolētājs');
  if (s.startTime === null) missing.push('sēdes sākuma laiks');
  if (s.endTime === null) missing.push('sēdes beigu laiks');
  if (!s.attendance.some((a) => a.role === 'member')) missing.push('vismaz viens klātesošs grupas loceklis');
  if (s.agendaItems.length === 0) missing.push('vismaz viens darba kārtības punkts');
  return missing;
}
