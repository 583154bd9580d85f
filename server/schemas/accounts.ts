// The accounts an admin manages, and the logged-in user as the front end learns it (GET /api/me).
import { Type, type Static } from '@sinclair/typebox';
import { GROUP_ROLES, ROLES } from '../domain/permissions.ts';
import { Id, literalUnion, NameText, Nullable, PlainText, Version } from './common.ts';

export const Role = literalUnion(ROLES);
/** The roles a group's admin may give: never `host_admin`, which only the command line makes. */
export const GroupRole = literalUnion(GROUP_ROLES);

/** What an account is, listed or logged in. */
const Account = { login: Type.String(), role: Role, personId: Nullable(Id) };

export const User = Type.Object({
  id: Id,
  ...Account,
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean({ description: 'Holds a one-time password not yet changed' }),
  lastLoginAt: Nullable(Type.String({ description: 'ISO time of the last successful login' })),
  version: Version,
});
export type User = Static<typeof User>;

/** An account handed over, with its one-time password: shown this once, stored nowhere. */
export const HandedOverUser = Type.Object({ ...User.properties, oneTimePassword: Type.String() });
export type HandedOverUser = Static<typeof HandedOverUser>;

export const Password = PlainText({ minLength: 1, maxLength: 1000 });
export const Login = NameText({ minLength: 2, maxLength: 100 });

/** A setup link's secret, as issued (base64url). */
export const SetupParams = Type.Object({ token: PlainText({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) });

export const SetupScreen = Type.Object({
  people: Type.Array(Type.Object({ id: Id, fullName: Type.String() }), { description: 'The directory, to link the admin to a person' }),
});
export type SetupScreen = Static<typeof SetupScreen>;

export const FirstAdminBody = Type.Object(
  {
    login: Login,
    password: Password,
    passwordRepeat: Password,
    personId: Type.Optional(Nullable(Id)),
    newPersonName: Type.Optional(Nullable(NameText({ minLength: 1, maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type FirstAdminBody = Static<typeof FirstAdminBody>;

export const Me = Type.Object({
  userId: Id,
  ...Account,
  csrfToken: Type.String(),
  mustChangePassword: Type.Boolean({ description: 'Until the one-time password is changed, nothing else is allowed' }),
  permissions: Type.Array(Type.String(), { description: 'What this role may do, so the front end offers only that' }),
});
export type Me = Static<typeof Me>;
