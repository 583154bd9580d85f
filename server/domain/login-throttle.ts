// Slows down password guessing: an account locks for a while after repeated failures, and an
// address that fails too often in a window is refused for the rest of it.

export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const ADDRESS_FAILURE_LIMIT = 20;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;

/** The time until which an account stays locked after `failures` consecutive failures, if it locks. */
export function accountLockedUntil(failures: number, now: Date): string | null {
  return failures >= ACCOUNT_FAILURE_LIMIT ? new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000).toISOString() : null;
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now.toISOString();
}

/** Failures per address in a sliding window; kept in memory, bounded in size. */
export class AddressThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limit = ADDRESS_FAILURE_LIMIT,
    private readonly windowMs = ADDRESS_WINDOW_MS,
    private readonly maxAddresses = 10_000,
  ) {}

  blocked(address: string, now = Date.now()): boolean {
    return this.#recent(address, now).length >= this.limit;
  }

  fail(address: string, now = Date.now()): void {
    const recent = this.#recent(address, now);
    recent.push(now);
    this.#failures.delete(address);
    this.#failures.set(address, recent);
    if (this.#failures.size > this.maxAddresses) this.#failures.delete(this.#failures.keys().next().value as string);
  }

  #recent(address: string, now: number): number[] {
    return (this.#failures.get(address) ?? []).filter((t) => now - t < this.windowMs);
  }
}
