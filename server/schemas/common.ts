// Pieces shared by the API's schemas.
import {
  Type,
  type IntegerOptions,
  type SchemaOptions,
  type StringOptions,
  type TLiteral,
  type Static,
  type TSchema,
  type TUnion,
  type TUnsafe,
} from '@sinclair/typebox';
import { DECISION_STATUSES } from '../domain/decision-state.ts';
import { MAX_INTEGER, MAX_SITTING_NUMBER } from '../domain/numbering.ts';

/** Free text, checked for what no document may hold (domain/text-safety.ts); every request string is one of these two. */
export const PlainText = (options: StringOptions = {}) => Type.String({ ...options, textSafety: 'text' });
/** A name, a position, a login or a file name: checked like text, and one reading direction only. */
export const NameText = (options: StringOptions = {}) => Type.String({ ...options, textSafety: 'name' });
/** An integer that fits PostgreSQL's `integer`. */
export const Int = (options: IntegerOptions = {}) => Type.Integer({ maximum: MAX_INTEGER, ...options });

export const IsoDate = PlainText({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
export const ClockTime = PlainText({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM' });
export const Id = Int({ minimum: 1 });
export const Version = Int({ minimum: 1, description: 'The version the change is based on' });
/** A 1-based agenda position or decision number. */
export const Ordinal = Int({ minimum: 1 });
export const SittingNumber = Type.Integer({ minimum: 1, maximum: MAX_SITTING_NUMBER, description: 'Sitting number (Nr. 7)' });
/** One of a domain vocabulary's values: the schema is built from the same list the type is derived from. */
export const literalUnion = <const T extends string>(values: readonly T[], options: SchemaOptions = {}): TUnion<TLiteral<T>[]> =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );

export const Status = literalUnion(DECISION_STATUSES);

/** Where a decision was taken and what it says: shared by the register, carry-over and actions. */
export const DecisionOrigin = {
  reference: Type.String({ description: 'Nr. 7, 2.' }),
  sittingId: Type.Integer({ minimum: 1 }),
  sittingNumber: Type.Integer(),
  sittingDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  number: Type.Integer(),
  text: Type.String(),
};

export const IdParams = Type.Object({ id: Id });
export const VersionQuery = Type.Object({ version: Version });

/**
 * `schema` or null. A schema of one plain type is written `type: [type, 'null']` rather than as an
 * anyOf: the response serializer tells those apart by the value's type, where it tries an anyOf
 * branch by branch through the validator (a third of the time of a register page's JSON).
 */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> =>
  typeof schema.type === 'string' && schema.type !== 'null'
    ? Type.Unsafe<Static<T> | null>({ ...Object.fromEntries(Object.entries(schema)), type: [schema.type, 'null'] })
    : Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));

/** A progress note on a decision, as carry-over and actions list it. */
export const ProgressNote = Type.Object({
  note: Type.String(),
  status: Nullable(Status),
  date: IsoDate,
  external: Type.Optional(Type.Boolean({ description: 'Left by an outside owner through a mailed link ("ārējs")' })),
});

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});

export const errorResponses = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
export const deletedResponses = { 204: Type.Null({ description: 'Removed' }), ...errorResponses };
