// A sitting and its parts: attendance, agenda items, decisions with owners, reviews.
import { Type, type Static } from '@sinclair/typebox';
import { PLAN_ACTIVITY_MAX_LENGTH, PLAN_ACTIVITY_PATTERN } from '../domain/plan-activity.ts';
import { SIGNER_ROLES } from '../domain/signers.ts';
import { ATTENDANCE_ROLES, SITTING_STATES } from '../domain/vocabulary.ts';
import {
  ClockTime,
  DecisionOrigin,
  Id,
  Int,
  IsoDate,
  literalUnion,
  NameText,
  Nullable,
  Ordinal,
  PlainText,
  ProgressNote,
  SittingNumber,
  Status,
  Version,
} from './common.ts';

const Title = PlainText({ minLength: 1, maxLength: 2000 });
const LongText = PlainText({ maxLength: 200000 });
const Position = NameText({ maxLength: 500 });
const Place = PlainText({ minLength: 1, maxLength: 200 });
const Reason = PlainText({ maxLength: 500 });
const Rapporteur = PlainText({ maxLength: 500 });
const DecisionText = PlainText({ minLength: 1, maxLength: 10000 });
const AttendanceRole = literalUnion(ATTENDANCE_ROLES);
const PlanActivity = PlainText({
  pattern: PLAN_ACTIVITY_PATTERN,
  maxLength: PLAN_ACTIVITY_MAX_LENGTH,
  description: 'The prevention-plan activity, as 5.3.1. (the trailing dot is added when missing)',
});

export const SignerRef = Type.Object({
  personId: Id,
  name: Type.String(),
  shortName: Type.String(),
  position: Nullable(Type.String()),
});
export type SignerRef = Static<typeof SignerRef>;

export const Attendee = Type.Object({
  id: Id,
  personId: Id,
  name: Type.String(),
  role: AttendanceRole,
  position: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  version: Version,
});
export type Attendee = Static<typeof Attendee>;

export const AgendaItem = Type.Object({
  id: Id,
  position: Type.Integer(),
  title: Type.String(),
  rapporteur: Nullable(Type.String()),
  proceedings: Type.String(),
  confidential: Type.Boolean(),
  followUp: Type.Boolean({ description: 'The item that lists the follow-up of earlier decisions' }),
  version: Version,
});
export type AgendaItem = Static<typeof AgendaItem>;

export const CarriedDecision = Type.Object({
  decisionId: Id,
  ...DecisionOrigin,
  owners: Type.Array(Type.String()),
  /** The deadline as it stood before this sitting. */
  due: Nullable(IsoDate),
  overdue: Type.Boolean(),
  /** The status as it stood before this sitting. */
  statusBefore: Status,
  confidential: Type.Boolean(),
  /** Progress notes since the decision was last reviewed. */
  notes: Type.Array(ProgressNote),
  /** The follow-up recorded at this sitting, if any yet. */
  review: Nullable(
    Type.Object({
      id: Id,
      status: Status,
      note: Nullable(Type.String()),
      due: Nullable(IsoDate),
      notDiscussed: Type.Boolean(),
      version: Version,
    }),
  ),
});
export type CarriedDecision = Static<typeof CarriedDecision>;

export const Owner = Type.Object({ personId: Nullable(Id), name: Type.String() });
export type Owner = Static<typeof Owner>;

export const Decision = Type.Object({
  id: Id,
  number: Type.Integer(),
  text: Type.String(),
  owners: Type.Array(Owner),
  due: Nullable(IsoDate),
  agendaItemId: Nullable(Id),
  status: Status,
  planActivity: Nullable(Type.String({ description: 'The prevention-plan activity, as 5.3.1.' })),
  ownerLineInText: Type.Optional(
    Type.Boolean({ description: 'The text already names the owners and deadline, so the minutes print no "Atbildīgie … Termiņš" line' }),
  ),
  version: Version,
});
export type Decision = Static<typeof Decision>;

export const Review = Type.Object({
  id: Id,
  decisionId: Id,
  sittingNumber: Type.Integer({ description: 'The sitting that took the decision' }),
  decisionNumber: Type.Integer(),
  status: Status,
  note: Nullable(Type.String()),
  due: Nullable(IsoDate),
  notDiscussed: Type.Boolean({ description: 'Not discussed: no change, carried over again' }),
  version: Version,
});
export type Review = Static<typeof Review>;

export const SearchHit = Type.Object({
  sittingId: Id,
  sittingNumber: Type.Integer(),
  sittingDate: IsoDate,
  kind: Type.Union([Type.Literal('agendaItem'), Type.Literal('decision')]),
  position: Type.Integer({ description: 'Agenda position or decision number' }),
  title: Nullable(Type.String({ description: 'The agenda item title' })),
  text: Type.String({ description: 'The proceedings, or the decision text' }),
  owners: Type.Array(Type.String()),
  confidential: Type.Boolean(),
});
export type SearchHit = Static<typeof SearchHit>;

export const SittingState = literalUnion(SITTING_STATES);

export const SittingSummary = Type.Object({
  id: Id,
  number: Type.Integer(),
  date: IsoDate,
  place: Type.String(),
  state: SittingState,
  decisionCount: Type.Integer(),
  openFollowUps: Type.Integer({ description: 'Decisions of this sitting with owners or a deadline still open or in progress' }),
  awaitingSignatures: Type.Array(literalUnion(SIGNER_ROLES), {
    description: 'Signed minutes: the signatures their latest version still waits for (empty once both have signed, and for a draft)',
  }),
  version: Version,
});
export type SittingSummary = Static<typeof SittingSummary>;

export const SittingDetail = Type.Object({
  id: Id,
  number: Type.Integer(),
  date: IsoDate,
  place: Type.String(),
  startTime: Nullable(ClockTime),
  endTime: Nullable(ClockTime),
  state: SittingState,
  chair: Nullable(SignerRef),
  recorder: Nullable(SignerRef),
  attendance: Type.Array(Attendee),
  agendaItems: Type.Array(AgendaItem),
  decisions: Type.Array(Decision),
  reviews: Type.Array(Review),
  carryOver: Type.Array(CarriedDecision, {
    description: 'Earlier decisions followed up at this sitting: live for a draft, frozen once signed',
  }),
  version: Version,
});
export type SittingDetail = Static<typeof SittingDetail>;

export const NewSittingBody = Type.Object(
  {
    date: IsoDate,
    number: Type.Optional(SittingNumber),
    place: Type.Optional(Place),
    startTime: Type.Optional(Nullable(ClockTime)),
    endTime: Type.Optional(Nullable(ClockTime)),
    chairId: Type.Optional(Nullable(Id)),
    recorderId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type NewSittingBody = Static<typeof NewSittingBody>;

export const SittingPatchBody = Type.Object(
  {
    version: Version,
    number: Type.Optional(SittingNumber),
    date: Type.Optional(IsoDate),
    place: Type.Optional(Place),
    startTime: Type.Optional(Nullable(ClockTime)),
    endTime: Type.Optional(Nullable(ClockTime)),
    chairId: Type.Optional(Nullable(Id)),
    chairPosition: Type.Optional(Nullable(Position)),
    recorderId: Type.Optional(Nullable(Id)),
    recorderPosition: Type.Optional(Nullable(Position)),
  },
  { additionalProperties: false },
);
export type SittingPatchBody = Static<typeof SittingPatchBody>;

export const NewAttendeeBody = Type.Object(
  {
    personId: Type.Optional(Id),
    name: Type.Optional(NameText({ minLength: 1, maxLength: 200 })),
    role: AttendanceRole,
    position: Type.Optional(Nullable(Position)),
    reason: Type.Optional(Nullable(Reason)),
  },
  { additionalProperties: false },
);
export type NewAttendeeBody = Static<typeof NewAttendeeBody>;

export const AttendeePatchBody = Type.Object(
  {
    version: Version,
    role: Type.Optional(AttendanceRole),
    position: Type.Optional(Nullable(Position)),
    reason: Type.Optional(Nullable(Reason)),
  },
  { additionalProperties: false },
);
export type AttendeePatchBody = Static<typeof AttendeePatchBody>;

export const NewAgendaItemBody = Type.Object(
  {
    title: Title,
    rapporteur: Type.Optional(Nullable(Rapporteur)),
    proceedings: Type.Optional(LongText),
    confidential: Type.Optional(Type.Boolean()),
    position: Type.Optional(Ordinal),
  },
  { additionalProperties: false },
);
export type NewAgendaItemBody = Static<typeof NewAgendaItemBody>;

export const AgendaItemPatchBody = Type.Object(
  {
    version: Version,
    title: Type.Optional(Title),
    rapporteur: Type.Optional(Nullable(Rapporteur)),
    proceedings: Type.Optional(LongText),
    confidential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AgendaItemPatchBody = Static<typeof AgendaItemPatchBody>;

export const MoveBody = Type.Object(
  { version: Version, to: Int({ minimum: 1, description: 'New 1-based position or number' }) },
  { additionalProperties: false },
);
export type MoveBody = Static<typeof MoveBody>;

export const OwnerInput = Type.Union([
  Type.Object({ personId: Id }, { additionalProperties: false }),
  Type.Object({ name: NameText({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
]);
export type OwnerInput = Static<typeof OwnerInput>;

export const NewDecisionBody = Type.Object(
  {
    text: DecisionText,
    owners: Type.Optional(Type.Array(OwnerInput, { maxItems: 50 })),
    due: Type.Optional(Nullable(IsoDate)),
    agendaItemId: Type.Optional(Nullable(Id)),
    status: Type.Optional(Status),
    planActivity: Type.Optional(Nullable(PlanActivity)),
    number: Type.Optional(Ordinal),
  },
  { additionalProperties: false },
);
export type NewDecisionBody = Static<typeof NewDecisionBody>;

export const DecisionPatchBody = Type.Object(
  {
    version: Version,
    text: Type.Optional(DecisionText),
    owners: Type.Optional(Type.Array(OwnerInput, { maxItems: 50 })),
    due: Type.Optional(Nullable(IsoDate)),
    agendaItemId: Type.Optional(Nullable(Id)),
    status: Type.Optional(Status),
    planActivity: Type.Optional(Nullable(PlanActivity)),
  },
  { additionalProperties: false },
);
export type DecisionPatchBody = Static<typeof DecisionPatchBody>;

export const NewReviewBody = Type.Object(
  {
    decisionId: Id,
    status: Status,
    note: Type.Optional(Nullable(LongText)),
    due: Type.Optional(Nullable(IsoDate)),
    notDiscussed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewReviewBody = Static<typeof NewReviewBody>;

export const ReviewPatchBody = Type.Object(
  {
    version: Version,
    status: Type.Optional(Status),
    note: Type.Optional(Nullable(LongText)),
    due: Type.Optional(Nullable(IsoDate)),
    notDiscussed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReviewPatchBody = Static<typeof ReviewPatchBody>;
