// The two signatures minutes carry: the chair's and the recorder's. Which a user gives follows
// from their role; an admin may give either, or both at once.
import type { Role } from './permissions.ts';

/** The two signatures, in the order they are given. */
export const SIGNER_ROLES = ['recorder', 'chair'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

/** The signatures a user of `role` gives when signing (`asked` narrows an admin's); empty when none. */
export function signaturesGiven(role: Role, asked?: SignerRole): SignerRole[] {
  const mine: SignerRole[] =
    role === 'admin' ? ['recorder', 'chair'] : role === 'secretary' ? ['recorder'] : role === 'chair' ? ['chair'] : [];
  return asked === undefined ? mine : mine.filter((r) => r === asked);
}

/**
 * The signatures minutes still wait for: those of the two the latest signed version lacks. None
 * when nobody has signed that version here (minutes imported as signed were signed outside the tool).
 */
export function awaitedSignatures(given: readonly SignerRole[]): SignerRole[] {
  return given.length === 0 ? [] : SIGNER_ROLES.filter((role) => !given.includes(role));
}
