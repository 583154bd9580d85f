// The JSON API's records as the front end sees them: the server's own TypeBox payload types,
// imported type-only so esbuild erases them and no server code reaches the bundle.
export type { DecisionStatus } from '../../server/domain/decision-state.ts';
export type { Permission, Role } from '../../server/domain/permissions.ts';
export type { AttendanceRole } from '../../server/domain/vocabulary.ts';
export type { HandedOverUser, Me, SetupScreen, User } from '../../server/schemas/accounts.ts';
export type { Actions, ActionItem, RegisterEntry } from '../../server/schemas/decisions.ts';
export type { CreatedGroup, Group, GroupSummary, SetupLink } from '../../server/schemas/group.ts';
export type { MailSettingsView, OutboxEntryView, OutboxMessageView, OutsidePageView } from '../../server/schemas/mail.ts';
export type { Signature } from '../../server/schemas/minutes.ts';
export type { Person } from '../../server/schemas/people.ts';
export type { WordImportInfo } from '../../server/schemas/word-import.ts';
export type {
  AgendaItem,
  Attendee,
  CarriedDecision,
  Decision,
  MoveBody,
  NewAttendeeBody,
  Owner,
  OwnerInput,
  Review,
  SearchHit,
  SignerRef,
  SittingDetail,
  SittingSummary,
} from '../../server/schemas/sittings.ts';
export type { ActivityStatus } from '../../server/domain/vocabulary.ts';
export type {
  ActivityEvent,
  ActivityHit,
  ActivityPage,
  PlanActivity,
  PlanOverview,
  PlanSummary,
  YearStatus,
  YearStatusPage,
} from '../../server/schemas/plans.ts';
