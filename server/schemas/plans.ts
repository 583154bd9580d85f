// Prevention plans as the API reads and writes them: the plan for its screens (with ids, versions
// and yearly statuses), an activity's page, a yearly status with its suggested evidence, a search hit.
import { Type, type Static } from '@sinclair/typebox';
import { PLAN_ACTIVITY_MAX_LENGTH, PLAN_ACTIVITY_PATTERN } from '../domain/plan-activity.ts';
import { ACTIVITY_STATUSES } from '../domain/vocabulary.ts';
import { Id, Int, IsoDate, literalUnion, Nullable, PlainText, Status, Version } from './common.ts';

export const ActivityStatusValue = literalUnion(ACTIVITY_STATUSES, {
  description: 'not_started (nav uzsākts), in_progress (tiek īstenots), done (īstenots), ongoing (pastāvīgi), postponed (atlikts)',
});
export const Year = Int({ minimum: 2000, maximum: 2100 });
export const ActivityNumber = PlainText({ pattern: PLAN_ACTIVITY_PATTERN, maxLength: PLAN_ACTIVITY_MAX_LENGTH, description: '5.3.1.' });
const ChangeNote = PlainText({ minLength: 1, maxLength: 200, description: 'aktualizēts 2026. gada novembrī' });
const Texts = Type.Array(PlainText({ minLength: 1, maxLength: 10000 }), { maxItems: 20 });
const Names = Type.Array(PlainText({ minLength: 1, maxLength: 300 }), { maxItems: 50 });

export const YearStatus = Type.Object({
  year: Year,
  status: ActivityStatusValue,
  reason: Nullable(Type.String()),
  done: Type.String(),
  version: Type.Integer(),
});
export type YearStatus = Static<typeof YearStatus>;

export const PlanActivity = Type.Object({
  id: Id,
  version: Type.Integer(),
  number: Type.String(),
  text: Type.String(),
  repeatedTexts: Type.Array(Type.String()),
  responsible: Type.Array(Type.String()),
  years: Type.Array(Type.Integer()),
  result: Nullable(Type.String()),
  deadline: Nullable(Type.String()),
  financing: Nullable(Type.String()),
  changeNote: Nullable(Type.String()),
  /** How many decisions name it. */
  decisions: Type.Integer(),
  statuses: Type.Array(YearStatus),
});
export type PlanActivity = Static<typeof PlanActivity>;

export const PlanGoal = Type.Object({
  id: Id,
  number: Type.Integer(),
  title: Type.String(),
  description: Nullable(Type.String()),
  changeNote: Nullable(Type.String()),
  activities: Type.Array(PlanActivity),
});

export const PlanOverview = Type.Object({
  id: Id,
  version: Type.Integer(),
  title: Type.String(),
  adoption: Nullable(Type.String()),
  periodFrom: Type.Integer(),
  periodTo: Type.Integer(),
  coordinator: Nullable(Type.String()),
  changeNote: Nullable(Type.String()),
  goals: Type.Array(PlanGoal),
});
export type PlanOverview = Static<typeof PlanOverview>;

export const PlanSummary = Type.Object({
  id: Id,
  title: Type.String(),
  periodFrom: Type.Integer(),
  periodTo: Type.Integer(),
  changeNote: Nullable(Type.String()),
  activities: Type.Integer(),
});
export type PlanSummary = Static<typeof PlanSummary>;

export const PlanPatch = Type.Object(
  {
    version: Version,
    title: Type.Optional(PlainText({ minLength: 1, maxLength: 500 })),
    adoption: Type.Optional(Nullable(PlainText({ minLength: 1, maxLength: 500 }))),
    coordinator: Type.Optional(Nullable(PlainText({ minLength: 1, maxLength: 500 }))),
    changeNote: Type.Optional(Nullable(ChangeNote)),
  },
  { additionalProperties: false },
);
export type PlanPatch = Static<typeof PlanPatch>;

const ActivityFields = {
  text: PlainText({ minLength: 1, maxLength: 10000 }),
  repeatedTexts: Texts,
  responsible: Names,
  years: Type.Array(Year, { maxItems: 50 }),
  result: Nullable(PlainText({ minLength: 1, maxLength: 5000 })),
  deadline: Nullable(PlainText({ minLength: 1, maxLength: 200 })),
  financing: Nullable(PlainText({ minLength: 1, maxLength: 1000 })),
  changeNote: Nullable(ChangeNote),
};

export const NewActivity = Type.Object(
  {
    number: ActivityNumber,
    text: ActivityFields.text,
    responsible: Type.Optional(ActivityFields.responsible),
    years: Type.Optional(ActivityFields.years),
    result: Type.Optional(ActivityFields.result),
    changeNote: Type.Optional(ActivityFields.changeNote),
  },
  { additionalProperties: false },
);
export type NewActivity = Static<typeof NewActivity>;

export const ActivityPatch = Type.Object(
  {
    version: Version,
    text: Type.Optional(ActivityFields.text),
    repeatedTexts: Type.Optional(ActivityFields.repeatedTexts),
    responsible: Type.Optional(ActivityFields.responsible),
    years: Type.Optional(ActivityFields.years),
    result: Type.Optional(ActivityFields.result),
    deadline: Type.Optional(ActivityFields.deadline),
    financing: Type.Optional(ActivityFields.financing),
    changeNote: Type.Optional(ActivityFields.changeNote),
  },
  { additionalProperties: false },
);
export type ActivityPatch = Static<typeof ActivityPatch>;

export const StatusBody = Type.Object(
  {
    status: ActivityStatusValue,
    reason: Type.Optional(Nullable(PlainText({ maxLength: 2000 }))),
    done: Type.Optional(PlainText({ maxLength: 10000 })),
    /** The version of the year's status being replaced; left out when there is none yet. */
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);
export type StatusBody = Static<typeof StatusBody>;

export const YearParams = Type.Object({ id: Id, year: Year });

/** One thing linked to an activity, on its page: an agenda item, a decision, its follow-up or a progress note. */
export const ActivityEvent = Type.Object({
  kind: Type.Union([Type.Literal('item'), Type.Literal('decision'), Type.Literal('review'), Type.Literal('note')]),
  date: IsoDate,
  /** Nr. 12, 4. for a decision and what follows it; Nr. 12, 3. punkts for an item. */
  reference: Type.String(),
  sittingId: Id,
  decisionId: Nullable(Id),
  text: Type.String(),
  status: Nullable(Status),
  confidential: Type.Boolean(),
});
export type ActivityEvent = Static<typeof ActivityEvent>;

export const ActivityPage = Type.Object({
  activity: PlanActivity,
  plan: Type.Object({ id: Id, title: Type.String(), periodFrom: Type.Integer(), periodTo: Type.Integer() }),
  goal: Type.Object({ number: Type.Integer(), title: Type.String() }),
  events: Type.Array(ActivityEvent),
});
export type ActivityPage = Static<typeof ActivityPage>;

export const YearStatusPage = Type.Object({
  status: Nullable(YearStatus),
  /** The decisions and notes of that year linked to the activity: what the status may point to. */
  evidence: Type.Array(ActivityEvent),
});
export type YearStatusPage = Static<typeof YearStatusPage>;

export const ActivityHit = Type.Object({
  id: Id,
  planId: Id,
  planTitle: Type.String(),
  number: Type.String(),
  text: Type.String(),
});
export type ActivityHit = Static<typeof ActivityHit>;

export const ActivitySearchQuery = Type.Object({
  q: PlainText({ minLength: 1, maxLength: 200, description: 'A number (5.3) or words of the activity' }),
});

export const AgendaItemActivities = Type.Object({ activityIds: Type.Array(Id, { maxItems: 50 }) }, { additionalProperties: false });

export const ReportQuery = Type.Object({
  year: Year,
  version: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('public')])),
});
