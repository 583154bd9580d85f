import { describe, expect, it } from 'vitest';
import { can, GROUP_ROLES, isRole, permissionsOf, ROLES, type Permission } from '../../server/domain/permissions.ts';

const ALL: Permission[] = [
  'sittings:read',
  'sittings:write',
  'sittings:sign',
  'sittings:amend',
  'sittings:export',
  'signed-copy:upload',
  'register:read',
  'notes:own',
  'notes:any',
  'actions:own',
  'actions:any',
  'people:read',
  'people:write',
  'users:manage',
  'settings:write',
  'audit:read',
];

describe('who may what', () => {
  it('an admin may do everything', () => expect(permissionsOf('admin')).toEqual([...ALL].sort()));
  it("each caller gets a list of its own: changing one changes no role's grants", () => {
    permissionsOf('guest').push('users:manage');
    expect(permissionsOf('guest')).toEqual(['actions:own', 'sittings:read']);
  });
  it('only an admin manages users, changes settings and reads the audit trail', () => {
    for (const p of ['users:manage', 'settings:write', 'audit:read'] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(['admin']);
    }
  });
  it('only the admin and the secretary write sittings, people and anyone’s notes and actions', () => {
    for (const p of ['sittings:write', 'people:write', 'notes:any', 'actions:any', 'signed-copy:upload'] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(['admin', 'secretary']);
    }
  });
  it('the admin, the secretary and the chair sign minutes', () =>
    expect(ROLES.filter((r) => can(r, 'sittings:sign'))).toEqual(['admin', 'secretary', 'chair']));
  it('only the admin and the chair amend signed minutes', () =>
    expect(ROLES.filter((r) => can(r, 'sittings:amend'))).toEqual(['admin', 'chair']));
  it('a member reads sittings, the register and people, exports, and handles only their own notes and actions', () =>
    expect(permissionsOf('member')).toEqual([
      'actions:own',
      'notes:own',
      'people:read',
      'register:read',
      'sittings:export',
      'sittings:read',
    ]));
  it('a guest only reads sittings and their own actions', () => expect(permissionsOf('guest')).toEqual(['actions:own', 'sittings:read']));
  it('a guest may not read the register, people or export', () => {
    for (const p of ['register:read', 'people:read', 'sittings:export', 'notes:own'] as const) expect(can('guest', p)).toBe(false);
  });
  it('every group role may read sittings and handle its own actions', () => {
    for (const r of GROUP_ROLES) {
      expect(can(r, 'sittings:read')).toBe(true);
      expect(can(r, 'actions:own')).toBe(true);
    }
  });
});

describe('the host admin', () => {
  it('manages groups and nothing of their minutes, people, decisions or accounts', () => {
    expect(permissionsOf('host_admin')).toEqual(['groups:manage']);
  });
  it('is the only role that manages groups', () => {
    for (const r of GROUP_ROLES) expect(can(r, 'groups:manage')).toBe(false);
  });
  it('is a role, but not one a group admin gives', () => {
    expect(isRole('host_admin')).toBe(true);
    expect(ROLES).toContain('host_admin');
    expect(GROUP_ROLES as readonly string[]).not.toContain('host_admin');
  });
});

describe('roles', () => {
  it.each(['admin', 'secretary', 'chair', 'member', 'guest'])('%s is a role', (r) => expect(isRole(r)).toBe(true));
  it.each(['Admin', 'owner', '', 'recorder'])('"%s" is not a role', (r) => expect(isRole(r)).toBe(false));
});
