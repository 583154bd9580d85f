// The group's directory of people.
import { Type, type Static } from '@sinclair/typebox';
import { Id, NameText, Nullable, PlainText, Version } from './common.ts';

const Name = NameText({ minLength: 1, maxLength: 200 });
const Position = NameText({ maxLength: 500 });
const Email = PlainText({ maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' });

export const Person = Type.Object({
  id: Id,
  fullName: Type.String(),
  shortName: Type.String({ description: 'As printed: the override, or derived from the full name' }),
  shortNameOverride: Nullable(Type.String()),
  position: Nullable(Type.String()),
  email: Nullable(Type.String()),
  isMember: Type.Boolean(),
  active: Type.Boolean(),
  version: Version,
});
export type Person = Static<typeof Person>;

export const NewPersonBody = Type.Object(
  {
    fullName: Name,
    shortNameOverride: Type.Optional(Nullable(Name)),
    position: Type.Optional(Nullable(Position)),
    email: Type.Optional(Nullable(Email)),
    isMember: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewPersonBody = Static<typeof NewPersonBody>;

export const PersonPatchBody = Type.Object(
  {
    version: Version,
    fullName: Type.Optional(Name),
    shortNameOverride: Type.Optional(Nullable(Name)),
    position: Type.Optional(Nullable(Position)),
    email: Type.Optional(Nullable(Email)),
    isMember: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PersonPatchBody = Static<typeof PersonPatchBody>;

export const PeopleQuery = Type.Object({
  active: Type.Optional(Type.Boolean()),
  member: Type.Optional(Type.Boolean()),
});
