// The two signatures minutes carry: the chair's and the recorder's. Which a user gives follows
// from their role; an admin may give either, or both at once.
import type { Role } from '../db/database.ts';

export type SignerRole = 'chair' | 'recorder';

export const SIGNER_ROLES: readonly SignerRole[] = ['recorder', 'chair'];

/** The signatures a user of `role` gives when signing (`asked` narrows an admin's); empty when none. */
export function signaturesGiven(role: Role, asked?: SignerRole): SignerRole[] {
  const mine: SignerRole[] =
    role === 'admin' ? ['recorder', 'chair'] : role === 'secretary' ? ['recorder'] : role === 'chair' ? ['chair'] : [];
  return asked === undefined ? mine : mine.filter((r) => r === asked);
}
