// Which group the running request acts in, for PostgreSQL's row-level security: each connection the
// request's queries take is told the group (`app.group_id`) before use (db/postgres.ts), so a query
// that forgot its `where group_id` still sees only that group. Outside a request's group (no session
// yet, a host admin, the CLI, start-up) the scope is the host, and the policies let every row through.
import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  groupId: number | null;
}

const storage = new AsyncLocalStorage<Scope>();

/** Runs `fn` (and all it awaits) in a scope a later step may narrow to a group (a request's hooks). */
export function inRequestScope(fn: () => void): void {
  storage.run({ groupId: null }, fn);
}

/** Runs `fn` in the host's scope, which a later step may narrow to a group (a CLI command, once it knows its group). */
export function inHostScope<T>(fn: () => Promise<T>): Promise<T> {
  return storage.run({ groupId: null }, fn);
}

/** Narrows the running request's scope to its session's group. */
export function scopeToGroup(groupId: number): void {
  const scope = storage.getStore();
  if (scope !== undefined) scope.groupId = groupId;
}

/** Runs `fn` in one group's scope (the CLI's `--group`, tests). */
export function withGroupScope<T>(groupId: number, fn: () => Promise<T>): Promise<T> {
  return storage.run({ groupId }, fn);
}

/** The group in scope, or null for the host. */
export function scopedGroup(): number | null {
  return storage.getStore()?.groupId ?? null;
}
