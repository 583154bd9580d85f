// The interchange format (shared/formats/sitting.schema.json, version 1) as TypeScript types.
// The JSON Schema beside this file is the contract; a test proves it equals the shared copy.
import type { DecisionStatus } from '../domain/decision-state.ts';

export interface DocumentPerson {
  name: string;
  position?: string;
}

export interface DocumentAbsentee {
  name: string;
  position?: string;
  reason?: string;
}

export interface DocumentAgendaItem {
  title: string;
  rapporteur?: string;
  proceedings?: string;
  confidential?: boolean;
}

export interface DocumentDecision {
  text: string;
  owners?: string[];
  /** ISO date, YYYY-MM-DD */
  due?: string;
  /** 1-based index into agenda */
  agendaItem?: number;
  status?: DecisionStatus;
  /** The prevention-plan activity, by its number in the plan (`5.3.1.`). */
  planActivity?: string;
}

export interface DocumentReview {
  /** number of the sitting that took the decision */
  sitting: number;
  /** the decision's number in that sitting */
  decision: number;
  status: DecisionStatus;
  note?: string;
  due?: string;
  /** Not discussed: the status stays as it was and the decision carries over again. */
  notDiscussed?: boolean;
}

export interface SittingDocument {
  format: 'protokols.sitting/1';
  number: number;
  date: string;
  place?: string;
  /** HH:MM */
  startTime: string;
  endTime?: string;
  chair?: DocumentPerson;
  recorder?: DocumentPerson;
  members: DocumentPerson[];
  absent?: DocumentAbsentee[];
  invited?: DocumentPerson[];
  agenda: DocumentAgendaItem[];
  decisions: DocumentDecision[];
  reviews?: DocumentReview[];
  signed?: boolean;
}

export const SITTING_FORMAT = 'protokols.sitting/1';
