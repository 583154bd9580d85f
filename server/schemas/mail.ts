// The mail's API shapes: the outbox as the admin sees it, a mail's preview, the group's mail
// settings, an announcement's result and the page behind an outside owner's link.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Int, Nullable, PlainText, Version } from './common.ts';

export const OutboxEntry = Type.Object({
  id: Id,
  kind: Type.String({ description: 'invitation, update, cancellation, reminder or signed' }),
  recipient: Type.String(),
  subject: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  createdAt: Type.String(),
  nextAttemptAt: Type.String(),
  sentAt: Nullable(Type.String()),
  lastError: Nullable(Type.String({ description: 'Why it waits or failed (the SMTP answer, or no SMTP_URL)' })),
  messageId: Type.String(),
  sittingId: Nullable(Type.Integer()),
});

export const OutboxMessage = Type.Intersect([
  OutboxEntry,
  Type.Object({
    text: Type.String(),
    html: Type.String(),
    headers: Type.Record(Type.String(), Type.String()),
    attachments: Type.Array(Type.Object({ fileName: Type.String(), contentType: Type.String(), size: Type.Integer() })),
  }),
]);

export const MailSettings = Type.Object({
  replyTo: Nullable(Type.String()),
  reminderDaysBefore: Type.Integer(),
  attachDocx: Type.Boolean(),
  version: Version,
});

export const MailSettingsPatch = Type.Object(
  {
    version: Version,
    replyTo: Type.Optional(Nullable(PlainText({ maxLength: 320, pattern: '^[^\\s@<>,;"]+@[^\\s@<>,;"]+\\.[^\\s@<>,;"]+$' }))),
    reminderDaysBefore: Type.Optional(Int({ minimum: 0, maximum: 60 })),
    attachDocx: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MailSettingsPatch = Static<typeof MailSettingsPatch>;

export const Announcement = Type.Object({
  recipients: Type.Integer({ description: 'How many invitations were written to the outbox' }),
  sequence: Type.Integer({ description: 'The calendar SEQUENCE of this invitation' }),
});

export const LinkParams = Type.Object({
  token: PlainText({ minLength: 10, maxLength: 600, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' }),
});

export const OutsidePage = Type.Object({
  name: Type.String(),
  groupName: Type.String(),
  expires: Type.String(),
  decisions: Type.Array(
    Type.Object({
      decisionId: Id,
      reference: Type.String(),
      text: Type.String(),
      due: Nullable(Type.String()),
      overdue: Type.Boolean(),
      status: Type.String(),
    }),
  ),
});

export const OutsideNoteBody = Type.Object(
  {
    decisionId: Id,
    note: PlainText({ minLength: 1, maxLength: 4000 }),
    done: Type.Optional(Type.Boolean({ description: 'Marks the decision done' })),
  },
  { additionalProperties: false },
);

export type OutboxEntryView = Static<typeof OutboxEntry>;
export type OutboxMessageView = Static<typeof OutboxMessage>;
export type OutsidePageView = Static<typeof OutsidePage>;
export type MailSettingsView = Static<typeof MailSettings>;
