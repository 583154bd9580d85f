// The accounts an admin manages, and the logged-in user as the front end learns it (GET /api/me).
import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../domain/permissions.ts';
import { Id, literalUnion, Nullable, Version } from './common.ts';

export const Role = literalUnion(ROLES);

/** What an account is, listed or logged in. */
const Account = { login: Type.String(), role: Role, personId: Nullable(Id) };

export const User = Type.Object({ id: Id, ...Account, active: Type.Boolean(), version: Version });
export type User = Static<typeof User>;

export const Me = Type.Object({
  userId: Id,
  ...Account,
  csrfToken: Type.String(),
  permissions: Type.Array(Type.String(), { description: 'What this role may do, so the front end offers only that' }),
});
export type Me = Static<typeof Me>;
