// Who may do what: each role's permissions, and the rule that decides a request.

/** The roles an account can have. */
export const ROLES = ['admin', 'secretary', 'chair', 'member', 'guest'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'sittings:read'
  | 'sittings:write'
  | 'sittings:sign'
  | 'sittings:amend'
  | 'sittings:export'
  | 'signed-copy:upload'
  | 'register:read'
  | 'notes:own'
  | 'notes:any'
  | 'actions:own'
  | 'actions:any'
  | 'people:read'
  | 'people:write'
  | 'users:manage'
  | 'settings:write'
  | 'audit:read';

const MEMBER: Permission[] = ['sittings:read', 'sittings:export', 'register:read', 'notes:own', 'actions:own', 'people:read'];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    ...MEMBER,
    'sittings:write',
    'sittings:sign',
    'sittings:amend',
    'signed-copy:upload',
    'notes:any',
    'actions:any',
    'people:write',
    'users:manage',
    'settings:write',
    'audit:read',
  ]),
  secretary: new Set<Permission>([
    ...MEMBER,
    'sittings:write',
    'sittings:sign',
    'signed-copy:upload',
    'notes:any',
    'actions:any',
    'people:write',
  ]),
  chair: new Set<Permission>([...MEMBER, 'sittings:sign', 'sittings:amend']),
  member: new Set<Permission>(MEMBER),
  // An invited specialist: only the sittings they attended (public version) and their own actions.
  guest: new Set<Permission>(['sittings:read', 'actions:own']),
};

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]].sort();
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
