// The JSON API's records as the front end sees them (README "The JSON API").

export type Status = 'open' | 'in_progress' | 'done' | 'cancelled';
export type Role = 'member' | 'absent' | 'invited';

export interface Person {
  id: number;
  fullName: string;
  shortName: string;
  shortNameOverride: string | null;
  position: string | null;
  email: string | null;
  isMember: boolean;
  active: boolean;
  version: number;
}

export interface SignerRef {
  personId: number;
  name: string;
  shortName: string;
  position: string | null;
}

export interface Attendee {
  id: number;
  personId: number;
  name: string;
  role: Role;
  position: string | null;
  reason: string | null;
  version: number;
}

export interface AgendaItem {
  id: number;
  position: number;
  title: string;
  rapporteur: string | null;
  proceedings: string;
  confidential: boolean;
  /** The item under which the minutes print the follow-up of earlier decisions. */
  followUp?: boolean;
  version: number;
}

export interface Owner {
  personId: number | null;
  name: string;
}

export type OwnerInput = { personId: number } | { name: string };

export interface Decision {
  id: number;
  number: number;
  text: string;
  owners: Owner[];
  due: string | null;
  agendaItemId: number | null;
  status: Status;
  planActivity: string | null;
  version: number;
}

export interface Review {
  id: number;
  decisionId: number;
  sittingNumber: number;
  decisionNumber: number;
  status: Status;
  note: string | null;
  due: string | null;
  notDiscussed?: boolean;
  version: number;
}

/** An earlier decision to follow up at this sitting (the server part is being built). */
export interface CarryOver {
  decisionId: number;
  reference: string;
  sittingId?: number;
  sittingNumber?: number;
  sittingDate?: string;
  text: string;
  owners: string[];
  due: string | null;
  overdue: boolean;
  statusBefore?: Status;
  confidential?: boolean;
  notes?: ActionNote[];
  review: null | { id: number; status: Status; note: string | null; due: string | null; notDiscussed?: boolean; version: number };
}

export interface SittingSummary {
  id: number;
  number: number;
  date: string;
  place: string;
  state: 'draft' | 'signed';
  decisionCount: number;
  openFollowUps: number;
  version: number;
}

export interface SittingDetail {
  id: number;
  number: number;
  date: string;
  place: string;
  startTime: string | null;
  endTime: string | null;
  state: 'draft' | 'signed';
  chair: SignerRef | null;
  recorder: SignerRef | null;
  attendance: Attendee[];
  agendaItems: AgendaItem[];
  decisions: Decision[];
  reviews: Review[];
  carryOver?: CarryOver[];
  version: number;
}

export interface Signature {
  version: number;
  signedAt: string;
  fileName: string;
  sha256Full: string;
  sha256Public: string;
  amendmentReason: string | null;
  recorderSignedAt: string | null;
  chairSignedAt: string | null;
}

export interface MinutesSettings {
  signatureMode: 'paper' | 'esignature';
  esignatureNotice: string;
  fontFamily: string;
  fontSizePt: number;
  marginsMm: { left: number; right: number; top: number; bottom: number };
}

export interface Group {
  id: number;
  name: string;
  nameGenitive: string;
  municipality: string;
  defaultPlace: string;
  minutes: MinutesSettings;
  version: number;
}

export interface ActionNote {
  note: string;
  status: Status | null;
  date: string;
}

export interface ActionItem {
  decisionId: number;
  reference: string;
  sittingId: number;
  sittingNumber: number;
  sittingDate: string;
  text: string;
  owners: string[];
  due: string | null;
  overdue: boolean;
  status: Status;
  notes: ActionNote[];
  /** Taken under a confidential agenda item; a guest gets the restricted-access phrase instead of its text. */
  confidential: boolean;
}

export interface Actions {
  open: ActionItem[];
  recentlyFinished: ActionItem[];
}

/** GET /api/search: an agenda item or a decision holding every word of the query. */
export interface SearchHit {
  sittingId: number;
  sittingNumber: number;
  sittingDate: string;
  kind: 'agendaItem' | 'decision';
  position: number;
  title: string | null;
  text: string;
  owners: string[];
  confidential: boolean;
}
