// The audit trail's query (filters and a keyset page) and its records.
import { Type, type Static } from '@sinclair/typebox';
import { MAX_INTEGER } from '../domain/numbering.ts';
import { Id, Nullable, PlainText } from './common.ts';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 1000;

export const AuditQuery = Type.Object(
  {
    recordType: Type.Optional(PlainText({ maxLength: 40 })),
    recordId: Type.Optional(Id),
    userId: Type.Optional(Id),
    from: Type.Optional(PlainText({ maxLength: 40 })),
    to: Type.Optional(PlainText({ maxLength: 40 })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, description: `Records per page (${AUDIT_PAGE_DEFAULT} unless told)` }),
    ),
    after: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_INTEGER,
        description: 'The id of the last record of the previous page (from the Link header)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Id,
  at: Type.String({ description: 'When the (first) change happened' }),
  lastAt: Type.String({ description: 'When the last change folded into this record happened' }),
  changes: Type.Integer({ minimum: 1, description: 'How many edits this record stands for' }),
  userId: Nullable(Type.Integer()),
  personId: Nullable(Type.Integer()),
  action: Type.String(),
  recordType: Type.String(),
  recordId: Nullable(Type.Integer()),
  before: Type.Unknown({ description: 'The changed fields before (the whole record for a deletion), or null' }),
  after: Type.Unknown({ description: 'The changed fields after (the whole record for a creation), or null' }),
});
