// The database schema as Kysely sees it: one interface per table, gathered in `Database`.
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DecisionStatus } from '../domain/decision-state.ts';
import type { Role } from '../domain/permissions.ts';
import type { SignerRole } from '../domain/signers.ts';
import type { ActivityStatus, AttendanceRole, SittingState } from '../domain/vocabulary.ts';

// The vocabularies are defined in domain/; re-exported for the code that reads them with the rows.
export type { AttendanceRole, DecisionStatus, Role, SittingState };

/** 0 or 1: booleans are stored as integers so that SQLite and PostgreSQL read them alike. */
export type Flag = number;

type CreatedAt = ColumnType<string, string, never>;

export interface GroupTable {
  id: Generated<number>;
  name: string;
  name_genitive: string;
  municipality: string;
  default_place: string;
  /** JSON of MinutesSettings */
  minutes_settings: string;
  /** Lowercase ASCII, unique on the host: what follows `@` in `login@slug` (domain/group-slug.ts). */
  slug: string;
  version: Generated<number>;
  /** Bumped by every write of the group's data (repositories/data-version.ts); keys the read cache. */
  data_version: Generated<number>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  group_id: number;
  full_name: string;
  /** Overrides the derived short form (E. Rancāne) when set. */
  short_name: string | null;
  position: string | null;
  email: string | null;
  /** A member of the group (as opposed to a specialist invited now and then). */
  is_member: Flag;
  active: Flag;
  /** SHA-256 of the secret in the person's calendar feed URL. */
  calendar_token_hash: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface SittingTable {
  id: Generated<number>;
  group_id: number;
  number: number;
  date: string;
  place: string;
  start_time: string | null;
  end_time: string | null;
  chair_id: number | null;
  chair_position: string | null;
  recorder_id: number | null;
  recorder_position: string | null;
  state: SittingState;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface AttendanceTable {
  id: Generated<number>;
  sitting_id: number;
  person_id: number;
  role: AttendanceRole;
  /** The position as it was at this sitting. */
  position: string | null;
  reason: string | null;
  ordinal: number;
  version: Generated<number>;
}

export interface AgendaItemTable {
  id: Generated<number>;
  sitting_id: number;
  position: number;
  title: string;
  rapporteur: string | null;
  proceedings: string;
  confidential: Flag;
  /** The item that lists the follow-up of earlier decisions. */
  follow_up: Generated<Flag>;
  /** Title, rapporteur and proceedings folded for search. */
  search_text: Generated<string>;
  version: Generated<number>;
}

export interface DecisionTable {
  id: Generated<number>;
  sitting_id: number;
  number: number;
  text: string;
  due: string | null;
  agenda_item_id: number | null;
  /** The status as decided at its own sitting. */
  status: DecisionStatus;
  /** The status now, after reviews and progress notes (kept by decision-state). */
  current_status: Generated<DecisionStatus>;
  /** The deadline now, after any extension. */
  current_due: string | null;
  /** The prevention-plan activity the decision serves, as `5.3.1.`. */
  plan_activity: string | null;
  /** The text and the owners folded for search (lower case, no diacritics). */
  search_text: Generated<string>;
  /** 1 when the decision has a deadline or an owner (kept by decision-predicates' refreshFollowedUp). */
  followed_up: Generated<Flag>;
  /** Its owners in order as JSON, `[{"person_id":…,"name":…}]`, kept by decisions' writeOwners from decision_owners. */
  owners: Generated<string>;
  version: Generated<number>;
}

export interface DecisionOwnerTable {
  id: Generated<number>;
  decision_id: number;
  ordinal: number;
  /** Null for an outside owner, known only by name. */
  person_id: number | null;
  /** The owner as written in the minutes. */
  name: string;
}

export interface DecisionReviewTable {
  id: Generated<number>;
  decision_id: number;
  /** The sitting at which the follow-up was recorded. */
  sitting_id: number;
  status: DecisionStatus;
  note: string | null;
  new_due: string | null;
  /** The group did not get to it: no change, and it carries over again. */
  not_discussed: Generated<Flag>;
  ordinal: number;
  version: Generated<number>;
}

export interface SignedMinutesTable {
  id: Generated<number>;
  sitting_id: number;
  /** 1 for the first signature, 2 after an amendment, … */
  version: number;
  docx_full: Buffer;
  docx_public: Buffer;
  html_full: string;
  html_public: string;
  /** The Content-Security-Policy the stored HTML pages are served with. */
  html_csp: string;
  sha256_full: string;
  sha256_public: string;
  file_name: string;
  signed_at: string;
  signed_by: number | null;
  /** The sitting as signed (SittingDetail JSON); null for minutes signed before it was kept. */
  sitting_json: string | null;
}

export interface AmendmentTable {
  id: Generated<number>;
  sitting_id: number;
  amends_version: number;
  reason: string;
  opened_at: string;
}

export interface SignedCopyTable {
  id: Generated<number>;
  sitting_id: number;
  signed_version: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_at: string;
}

/** A sitting imported from an old Word protocol: the original file and the parser's doubts (JSON). */
export interface WordImportTable {
  id: Generated<number>;
  group_id: number;
  sitting_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  doubts: string;
  imported_at: Generated<string>;
  /** When the secretary confirmed it as a historical record signed on paper. */
  confirmed_at: string | null;
}

export interface DecisionNoteTable {
  id: Generated<number>;
  decision_id: number;
  note: string;
  /** A status change reported with the note, if any. */
  status: DecisionStatus | null;
  author_id: number | null;
  /** The day the note counts from, for the state of a decision as of a date. */
  effective_date: string;
  created_at: string;
  /** 1 when an outside owner left it through a mailed link (shown as "ārējs"). */
  external: Generated<Flag>;
}

export interface CarriedDecisionTable {
  sitting_id: number;
  decision_id: number;
  ordinal: number;
}

export interface UserTable {
  id: Generated<number>;
  group_id: number;
  /** The directory person this account belongs to. */
  person_id: number | null;
  login: string;
  /** scrypt, in the self-describing form of domain/passwords.ts */
  password_hash: string;
  role: Role;
  active: Generated<Flag>;
  /** Set when an admin hands over a one-time password; every request but the change is refused. */
  must_change_password: Generated<Flag>;
  last_login_at: string | null;
  version: Generated<number>;
  created_at: string;
}

/** A single-use link that creates the first admin; only the SHA-256 of its secret is kept. */
export interface SetupTokenTable {
  id: Generated<number>;
  /** The group whose first admin the link creates. */
  group_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie's secret: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export type LoginFailureScope = 'pair' | 'account' | 'address';

/** Failed logins counted per (login, address) pair, per login or per address (domain/login-throttle.ts). */
export interface LoginFailureTable {
  id: Generated<number>;
  scope: LoginFailureScope;
  /** HMAC of the login and/or address: neither is stored in the clear. */
  key: string;
  failures: number;
  first_failed_at: string;
  last_failed_at: string;
  /** After this the counter is forgotten and may be pruned. */
  expires_at: string;
}

/** An address (as an HMAC) an account has logged in from: there, others' failures do not slow it. */
export interface LoginKnownAddressTable {
  id: Generated<number>;
  user_id: number;
  address_key: string;
  last_success_at: string;
  expires_at: string;
}

/** The HMAC key for login_failures and login_known_addresses; one row, made on first use. */
export interface LoginThrottleSecretTable {
  id: number;
  secret: string;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  group_id: number;
  at: string;
  user_id: number | null;
  person_id: number | null;
  action: string;
  record_type: string;
  record_id: number | null;
  /** JSON of the changed fields before the change (null for a creation). */
  before: string | null;
  /** JSON of the changed fields after the change (null for a deletion). */
  after: string | null;
  /** When the last of the edits folded into this record happened (null: only the one at `at`). */
  last_at: string | null;
  /** How many edits this record stands for. */
  changes: Generated<number>;
}

export interface MinutesSignatureTable {
  id: Generated<number>;
  sitting_id: number;
  /** The signed version of the minutes (signed_minutes.version). */
  version: number;
  role: SignerRole;
  user_id: number | null;
  signed_at: string;
}

/** Where a message of the outbox stands (domain/mail.ts). */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

/** One e-mail, written in the transaction of the change that causes it and sent by the worker. */
export interface OutboxTable {
  id: Generated<number>;
  group_id: number;
  kind: string;
  sitting_id: number | null;
  person_id: number | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON of [{fileName, contentType, base64}] */
  attachments: string | null;
  /** JSON of extra headers (List-Unsubscribe) */
  headers: string | null;
  /** Made once when the message is written: a redelivery after a crash carries the same one. */
  message_id: string;
  /** A reminder's `reminder:group:person:date`: the same digest is never written twice. */
  dedupe_key: string | null;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  next_attempt_at: string;
  give_up_at: string;
  /** The worker instance sending it, until lease_expires_at (then another may take it). */
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailSettingsTable {
  group_id: number;
  /** The secretary's address, as Reply-To of the group's mails. */
  reply_to: string | null;
  reminder_days_before: Generated<number>;
  /** Attach the signed DOCX (public version when the sitting has a confidential item) instead of a link only. */
  attach_docx: Generated<Flag>;
  version: Generated<number>;
}

/** The calendar invitation sent for a sitting: what it said, so a change sends an update with a higher SEQUENCE. */
export interface SittingInvitationTable {
  sitting_id: number;
  group_id: number;
  uid: string;
  sequence: Generated<number>;
  date: string;
  start_time: string | null;
  end_time: string | null;
  place: string;
  cancelled: Generated<Flag>;
  announced_at: string;
}

export interface MailOptOutTable {
  id: Generated<number>;
  group_id: number;
  person_id: number;
  created_at: string;
}

/** The day whose reminders a group last computed: one instance claims each day. */
export interface MailScheduleTable {
  group_id: number;
  reminders_date: string;
}

export interface MailSecretTable {
  id: number;
  secret: string;
  created_at: Generated<string>;
}

export interface PlanTable {
  id: Generated<number>;
  group_id: number;
  title: string;
  adoption: string | null;
  period_from: number;
  period_to: number;
  coordinator: string | null;
  /** A mark of change as printed (aktualizēts 2026. gada novembrī). */
  change_note: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface PlanGoalTable {
  id: Generated<number>;
  group_id: number;
  plan_id: number;
  number: number;
  position: number;
  title: string;
  description: string | null;
  change_note: string | null;
  version: Generated<number>;
}

export interface PlanActivityTable {
  id: Generated<number>;
  group_id: number;
  plan_id: number;
  goal_id: number;
  /** As `5.3.1.`, with the trailing dot (domain/plan-activity.ts). */
  number: string;
  position: number;
  text: string;
  /** JSON array of texts the plan gives the same number again, or null. */
  repeated_texts: string | null;
  /** JSON array of institution names, or null. */
  responsible: string | null;
  /** JSON array of years, or null (every year of the plan). */
  years: string | null;
  result: string | null;
  deadline: string | null;
  financing: string | null;
  change_note: string | null;
  version: Generated<number>;
}

export interface AgendaItemActivityTable {
  group_id: number;
  agenda_item_id: number;
  activity_id: number;
}

export interface ActivityStatusTable {
  id: Generated<number>;
  group_id: number;
  activity_id: number;
  year: number;
  status: ActivityStatus;
  /** Why it was postponed; null for any other status. */
  reason: string | null;
  /** What was done in the year, in a few sentences. */
  done: string;
  version: Generated<number>;
  updated_at: string;
}

export interface Database {
  groups: GroupTable;
  people: PersonTable;
  sittings: SittingTable;
  attendance: AttendanceTable;
  agenda_items: AgendaItemTable;
  decisions: DecisionTable;
  decision_owners: DecisionOwnerTable;
  decision_reviews: DecisionReviewTable;
  signed_minutes: SignedMinutesTable;
  amendments: AmendmentTable;
  signed_copies: SignedCopyTable;
  decision_notes: DecisionNoteTable;
  word_imports: WordImportTable;
  carried_decisions: CarriedDecisionTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  login_known_addresses: LoginKnownAddressTable;
  login_throttle_secret: LoginThrottleSecretTable;
  audit_log: AuditLogTable;
  minutes_signatures: MinutesSignatureTable;
  setup_tokens: SetupTokenTable;
  outbox: OutboxTable;
  mail_settings: MailSettingsTable;
  sitting_invitations: SittingInvitationTable;
  mail_opt_outs: MailOptOutTable;
  mail_schedule: MailScheduleTable;
  mail_secret: MailSecretTable;
  plans: PlanTable;
  plan_goals: PlanGoalTable;
  plan_activities: PlanActivityTable;
  agenda_item_activities: AgendaItemActivityTable;
  activity_statuses: ActivityStatusTable;
}

export type Db = Kysely<Database>;
/** A connection or an open transaction: every repository function takes one of these first. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type GroupRow = Selectable<GroupTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type SittingRow = Selectable<SittingTable>;
export type AttendanceRow = Selectable<AttendanceTable>;
export type AgendaItemRow = Selectable<AgendaItemTable>;
export type DecisionRow = Selectable<DecisionTable>;
export type DecisionOwnerRow = Selectable<DecisionOwnerTable>;
export type DecisionReviewRow = Selectable<DecisionReviewTable>;
export type SignedMinutesRow = Selectable<SignedMinutesTable>;
export type SignedCopyRow = Selectable<SignedCopyTable>;
export type UserRow = Selectable<UserTable>;
export type OutboxRow = Selectable<OutboxTable>;
