// The installation always keeps an active admin: nobody else can add users or undo a mistake.
import type { Role } from './permissions.ts';

export interface AccountState {
  role: Role;
  active: boolean;
}

const isActiveAdmin = (a: AccountState) => a.active && a.role === 'admin';

/** Whether changing an account from `before` to `after` leaves the group with no active admin. */
export function removesLastAdmin(before: AccountState, after: AccountState, otherActiveAdmins: number): boolean {
  return isActiveAdmin(before) && !isActiveAdmin(after) && otherActiveAdmins === 0;
}
