// Failures a client can cause, each with its HTTP status and a Latvian message for the UI.

export abstract class DomainError extends Error {
  abstract readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;
  /** The input field at fault, as the API names it (date, decisions[2].due). */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

export class InvalidInput extends DomainError {
  readonly statusCode = 400;
  constructor(field: string, message: string) {
    super(`Lauks "${field}": ${message}`, field);
  }
}

/** Signed in, but this role or person may not do this. */
export class Forbidden extends DomainError {
  readonly statusCode = 403;
}

export class NotFound extends DomainError {
  readonly statusCode = 404;
}

export class Conflict extends DomainError {
  readonly statusCode = 409;
  constructor(message: string, field?: string) {
    super(field === undefined || field === 'version' ? message : `Lauks "${field}": ${message}`, field);
  }
}

export class UnsupportedMediaType extends DomainError {
  readonly statusCode = 415;
}

/** Slow down: answered with a `Retry-After` header of `retryAfterSeconds`. */
export class TooManyRequests extends DomainError {
  readonly statusCode = 429;
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class StaleVersion extends Conflict {
  /** `what` names the record in the nominative: "lēmums", "darba kārtības punkts". */
  constructor(what: string) {
    super(
      `Kāds cits pa to laiku ir mainījis šo ierakstu (${what}). Jūsu izmaiņas nav saglabātas: pārlādējiet datus un mēģiniet vēlreiz.`,
      'version',
    );
  }
}

export function notFound(what: string, id?: number): NotFound {
  return new NotFound(id === undefined ? `Nav atrasts: ${what}.` : `Nav atrasts: ${what} (id ${id}).`);
}

/** Optimistic concurrency: an update must name the version it was based on. */
export function assertVersion(what: string, current: number, given: number): void {
  if (current !== given) throw new StaleVersion(what);
}
