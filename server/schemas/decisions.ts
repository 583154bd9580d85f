// The decision register across all sittings, each decision's history, and people's actions.
import { Type, type Static } from '@sinclair/typebox';
import { PLAN_ACTIVITY_MAX_LENGTH, PLAN_ACTIVITY_PATTERN } from '../domain/plan-activity.ts';
import { DecisionOrigin, Id, Int, IsoDate, Nullable, PlainText, ProgressNote, SittingNumber, Status } from './common.ts';

export const RegisterEntry = Type.Object({
  id: Id,
  ...DecisionOrigin,
  owners: Type.Array(Type.Object({ personId: Nullable(Id), name: Type.String() })),
  due: Nullable(IsoDate),
  currentStatus: Status,
  currentDue: Nullable(IsoDate),
  planActivity: Nullable(Type.String({ description: 'The prevention-plan activity, as 5.3.1.' })),
  followedUp: Type.Boolean(),
  overdue: Type.Boolean(),
  confidential: Type.Boolean(),
});
export type RegisterEntry = Static<typeof RegisterEntry>;

export const HistoryEvent = Type.Object({
  kind: Type.Union([Type.Literal('decision'), Type.Literal('review'), Type.Literal('note')]),
  date: IsoDate,
  status: Nullable(Status),
  due: Nullable(IsoDate),
  note: Nullable(Type.String()),
  sittingNumber: Nullable(Type.Integer()),
  notDiscussed: Type.Boolean(),
  external: Type.Optional(Type.Boolean({ description: 'A note an outside owner left through a mailed link (shown as "ārējs")' })),
});

export const DecisionDetail = Type.Intersect([RegisterEntry, Type.Object({ history: Type.Array(HistoryEvent) })]);
export type DecisionDetail = Static<typeof DecisionDetail>;

export const REGISTER_PAGE_DEFAULT = 100;
export const REGISTER_PAGE_MAX = 1000;

const Bool = Type.Boolean();
export const RegisterQuery = Type.Object(
  {
    status: Type.Optional(Status),
    owner: Type.Optional(Id),
    overdue: Type.Optional(Bool),
    followedUp: Type.Optional(Bool),
    dueFrom: Type.Optional(IsoDate),
    dueTo: Type.Optional(IsoDate),
    sitting: Type.Optional(SittingNumber),
    planActivity: Type.Optional(
      PlainText({
        pattern: PLAN_ACTIVITY_PATTERN,
        maxLength: PLAN_ACTIVITY_MAX_LENGTH,
        description: 'A prevention-plan activity (5.3 or 5.3.): finds it and the activities under it (5.3.1.)',
      }),
    ),
    q: Type.Optional(PlainText({ maxLength: 200 })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: REGISTER_PAGE_MAX, description: `Decisions per page (${REGISTER_PAGE_DEFAULT} unless told)` }),
    ),
    after: Type.Optional(Int({ minimum: 1, description: 'The id of the last decision of the previous page (from the Link header)' })),
  },
  { additionalProperties: false },
);
export type RegisterQuery = Static<typeof RegisterQuery>;

export const NewNoteBody = Type.Object(
  {
    note: PlainText({ minLength: 1, maxLength: 10000 }),
    status: Type.Optional(Status),
    date: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type NewNoteBody = Static<typeof NewNoteBody>;

export const ActionItem = Type.Object({
  decisionId: Id,
  reference: Type.String(),
  sittingId: Id,
  sittingNumber: Type.Integer(),
  sittingDate: IsoDate,
  number: Type.Integer({ description: 'The decision’s number within its sitting' }),
  text: Type.String(),
  owners: Type.Array(Type.String()),
  coOwners: Type.Array(Type.String(), { description: 'The other owners: all but the person whose actions these are' }),
  due: Nullable(IsoDate),
  overdue: Type.Boolean(),
  status: Status,
  notes: Type.Array(ProgressNote),
  confidential: Type.Boolean({ description: 'Taken under a confidential agenda item' }),
});
export type ActionItem = Static<typeof ActionItem>;

export const Actions = Type.Object({ open: Type.Array(ActionItem), recentlyFinished: Type.Array(ActionItem) });
export type Actions = Static<typeof Actions>;
