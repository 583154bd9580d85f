// Who may do what: each role's permissions, and the rule that decides a request.

/** The roles of a group's own accounts: what a group's admin may give. */
export const GROUP_ROLES = ['admin', 'secretary', 'chair', 'member', 'guest'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
/**
 * Every role an account can have: a group's roles, and the host administrator, who creates and
 * lists groups but reads none of their minutes (given only from the command line).
 */
export const ROLES = [...GROUP_ROLES, 'host_admin'] as const;
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
  | 'audit:read'
  | 'groups:manage';

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
  host_admin: new Set<Permission>(['groups:manage']),
};

// Sorted once: every page of the front end asks for its role's list (GET /api/me).
const SORTED = (() => {
  const sorted = {} as Record<Role, readonly Permission[]>;
  for (const role of ROLES) sorted[role] = [...GRANTS[role]].sort();
  return sorted;
})();

export function permissionsOf(role: Role): Permission[] {
  return [...SORTED[role]];
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
