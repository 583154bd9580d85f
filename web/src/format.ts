// Latvian formatting of dates and statuses, and the folding that makes search ignore case and
// diacritics (so `ranca` finds `Rancāne`).
import type { AttendanceRole, DecisionStatus, Role, SittingSummary } from './types.ts';

/** 2025-07-08 → 08.07.2025. (with the trailing dot, as Latvian dates are written). */
export function dateLv(iso: string | null | undefined): string {
  if (iso == null || iso === '') return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}.`;
}

/** 14:00 → 14.00 */
export function timeLv(time: string | null | undefined): string {
  return time == null ? '' : time.replace(':', '.');
}

/**
 * A date as Latvian secretaries type it — 09.07.2025., 9.7.2025, 09.07.2025 — or ISO 2025-07-09,
 * as ISO; null when it is not a real calendar date with a four-digit year. A comma counts as a
 * dot: a phone's number pad in Latvian has only the comma.
 */
export function parseDateLv(text: string): string | null {
  const t = text.trim();
  const lv = /^(\d{1,2})[.,]\s*(\d{1,2})[.,]\s*(\d{4})[.,]?$/u.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(t);
  const [y, m, d] = lv !== null ? [lv[3], lv[2], lv[1]] : iso !== null ? [iso[1], iso[2], iso[3]] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < 1900 || year > 2999) return null;
  // Date.UTC rolls 31.02 over into March; a real date survives the round trip.
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** A time typed as 14.00, 14:00, 14 or 9.30 (or 14,00), as HH:MM; null when it is not a time of day. */
export function parseTimeLv(text: string): string | null {
  const match = /^(\d{1,2})(?:[.:,](\d{2}))?$/u.exec(text.trim());
  if (match === null) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2] ?? '0')];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function dateTimeLv(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}. ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}

export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const STATUS_LABEL: Record<DecisionStatus, string> = {
  open: 'nav izpildīts',
  in_progress: 'izpilde turpinās',
  done: 'izpildīts',
  cancelled: 'atcelts',
};

export const ROLE_LABEL: Record<AttendanceRole, string> = {
  member: 'piedalās',
  absent: 'nepiedalās',
  invited: 'pieaicināts',
};

export const STATE_LABEL = { draft: 'melnraksts', signed: 'parakstīts' } as const;

const SIGNER_GENITIVE = { chair: 'vadītāja', recorder: 'protokolētāja' } as const;

/** "gaida vadītāja parakstu": the signatures signed minutes still wait for. */
export function awaitingLabel(roles: ReadonlyArray<keyof typeof SIGNER_GENITIVE>): string {
  return `gaida ${roles.map((r) => SIGNER_GENITIVE[r]).join(' un ')} parakstu`;
}

/** Signed minutes count as signed only once both have signed; until then they wait for the missing one. */
export function minutesState(s: Pick<SittingSummary, 'state' | 'awaitingSignatures'>): { label: string; kind: string } {
  if (s.state === 'signed' && s.awaitingSignatures.length > 0) return { label: awaitingLabel(s.awaitingSignatures), kind: 'awaiting' };
  return { label: STATE_LABEL[s.state], kind: s.state };
}

/** Lower case without diacritics: Ā→a, Ķ→k, ß stays. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Where `query` occurs in `text`, ignoring case and diacritics, as [start, end) in `text`. */
export function findFolded(text: string, query: string): [number, number] | null {
  const q = fold(query.trim());
  if (q === '') return null;
  // Fold character by character so positions map back to the original text.
  let folded = '';
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = fold(text[i] as string);
    for (let k = 0; k < f.length; k++) starts.push(i);
    folded += f;
  }
  const at = folded.indexOf(q);
  if (at < 0) return null;
  const start = starts[at] ?? 0;
  const end = (starts[at + q.length - 1] ?? start) + 1;
  return [start, end];
}

/** An account's role, as the users screen names it. */
export const ACCOUNT_ROLE_LABEL: Record<Role, string> = {
  admin: 'administrators',
  secretary: 'sekretārs',
  chair: 'sēdes vadītājs',
  member: 'grupas loceklis',
  guest: 'pieaicinātais speciālists',
  host_admin: 'servera administrators',
};
