// The link that creates the first admin: valid for an hour, once.
export const SETUP_TOKEN_TTL_MS = 60 * 60 * 1000;

export interface SetupTokenState {
  expiresAt: string;
  usedAt: string | null;
}

export function setupTokenExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + SETUP_TOKEN_TTL_MS);
}

export function setupTokenUsable(token: SetupTokenState, now: Date): boolean {
  return token.usedAt === null && Date.parse(token.expiresAt) > now.getTime();
}

/** The address that opens the setup screen for `secret`, under the app's base URL. */
export function setupLinkOf(baseUrl: string, secret: string): string {
  return `${baseUrl}/#/setup/${secret}`;
}
