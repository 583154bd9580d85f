// What one reader sees of confidential text, decided once for every channel (sitting JSON, minutes,
// register, CSV, search, decision history, actions, calendar feed, export).
import type { Role } from './permissions.ts';
import type { ActionItem, DecisionDetail, RegisterEntry } from '../schemas/decisions.ts';
import type { CarriedDecision, SearchHit, SittingDetail } from '../schemas/sittings.ts';

export interface ReaderView {
  /** True for group members; false for guests, the public minutes and calendar feeds (they leave the app). */
  readonly seesConfidential: boolean;
  /** What stands where hidden text was: the `restrictedContent` phrase of the templates. */
  readonly hidden: string;
}

/** Guests see the public version only, even of sittings they attended; everyone else sees everything. */
export function seesConfidential(role: Role): boolean {
  return role !== 'guest';
}

export function readerView(role: Role, hidden: string): ReaderView {
  return { seesConfidential: seesConfidential(role), hidden };
}

/** The view of the public minutes and of whatever goes to outside services, whoever asks. */
export function publicView(hidden: string): ReaderView {
  return { seesConfidential: false, hidden };
}

export function fullView(hidden: string): ReaderView {
  return { seesConfidential: true, hidden };
}

/** A decision is as confidential as the agenda item it was taken under (a stored 0/1 flag or a boolean). */
export function inheritsConfidentiality(agendaItemConfidential: number | boolean | null | undefined): boolean {
  return agendaItemConfidential === true || (typeof agendaItemConfidential === 'number' && agendaItemConfidential !== 0);
}

/** Whether this reader is kept from text that carries the flag. */
export function hides(view: ReaderView, confidential: boolean | undefined): boolean {
  return confidential === true && !view.seesConfidential;
}

/** Whether a response made of these parts shows this reader confidential text (then the reading is audited). */
export function revealsConfidential(view: ReaderView, parts: Iterable<{ confidential?: boolean }>): boolean {
  if (!view.seesConfidential) return false;
  for (const part of parts) if (part.confidential === true) return true;
  return false;
}

export function carriedFor(view: ReaderView, c: CarriedDecision): CarriedDecision {
  if (!hides(view, c.confidential)) return c;
  return { ...c, text: view.hidden, owners: [], notes: [], review: c.review === null ? null : { ...c.review, note: null } };
}

export function sittingFor(view: ReaderView, s: SittingDetail): SittingDetail {
  const hiddenItems = new Set(s.agendaItems.filter((i) => hides(view, i.confidential)).map((i) => i.id));
  const hiddenCarried = new Set(s.carryOver.filter((c) => hides(view, c.confidential)).map((c) => c.decisionId));
  if (hiddenItems.size === 0 && hiddenCarried.size === 0) return s;
  return {
    ...s,
    agendaItems: s.agendaItems.map((i) => (hiddenItems.has(i.id) ? { ...i, title: view.hidden, rapporteur: null, proceedings: '' } : i)),
    decisions: s.decisions.map((d) =>
      d.agendaItemId !== null && hiddenItems.has(d.agendaItemId) ? { ...d, text: view.hidden, owners: [], planActivity: null } : d,
    ),
    reviews: s.reviews.map((r) => (hiddenCarried.has(r.decisionId) ? { ...r, note: null } : r)),
    carryOver: s.carryOver.map((c) => carriedFor(view, c)),
  };
}

/**
 * Whether the sitting JSON or its full minutes show confidential text: its own confidential items or
 * carried confidential decisions (then the minutes carry the restricted-access marking).
 */
export function sittingRevealsConfidential(view: ReaderView, s: SittingDetail): boolean {
  return revealsConfidential(view, [...s.agendaItems, ...s.carryOver]);
}

/**
 * Whether the interchange document of a sitting shows confidential text: it holds the sitting's own
 * items and the notes of reviews made at it, but not the texts of the decisions it reviews.
 */
export function documentRevealsConfidential(view: ReaderView, s: SittingDetail): boolean {
  const reviewed = new Set(s.reviews.filter((r) => r.note !== null).map((r) => r.decisionId));
  return revealsConfidential(view, [...s.agendaItems, ...s.carryOver.filter((c) => reviewed.has(c.decisionId))]);
}

/** A hidden entry keeps its reference, dates and status; its text, owners and plan activity go. */
export function registerEntryFor<E extends RegisterEntry>(view: ReaderView, e: E): E {
  return hides(view, e.confidential) ? { ...e, text: view.hidden, owners: [], planActivity: null } : e;
}

/** One decision with its history: review and progress notes may name the child as well. */
export function decisionDetailFor(view: ReaderView, d: DecisionDetail): DecisionDetail {
  if (!hides(view, d.confidential)) return d;
  return { ...registerEntryFor(view, d), history: d.history.map((h) => ({ ...h, note: null })) };
}

export function actionFor(view: ReaderView, a: ActionItem): ActionItem {
  return hides(view, a.confidential) ? { ...a, text: view.hidden, owners: [], coOwners: [], notes: [] } : a;
}

/** A confidential hit is left out for a reader who may not see it: even masked, it would tell that the words are there. */
export function searchHitsFor(view: ReaderView, hits: readonly SearchHit[]): SearchHit[] {
  return hits.filter((h) => !hides(view, h.confidential));
}
