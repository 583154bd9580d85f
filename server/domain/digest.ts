// SHA-256, the app's one digest: secrets (sessions, setup links, calendar feeds) are stored as
// theirs, signed and imported files are recognised by theirs, and a style is allowed by its own.
import { hash } from 'node:crypto';

/** The SHA-256 of `data` (a string taken as UTF-8), in hex unless asked otherwise. */
export function sha256(data: string | Uint8Array, encoding: 'hex' | 'base64' | 'base64url' = 'hex'): string {
  return hash('sha256', data, encoding);
}
