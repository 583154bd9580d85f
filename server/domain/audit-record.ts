// What the audit trail keeps of a change: the fields it altered (before and after), never a
// secret, with a user's run of edits to the same fields of one record folded into one record.

/** Field names whose values are credentials; they never reach the audit trail. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'password_hash',
  'passwordHash',
  'token',
  'calendarToken',
  'calendar_token_hash',
  'calendarTokenHash',
  'secret',
  'sessionId',
  'session_id',
  'csrfToken',
  'csrf_token',
]);

/** Edits by one user to the same fields of one record within this window share one audit record. */
export const COALESCE_WINDOW_MS = 5 * 60_000;

export type Fields = Record<string, unknown>;

/** The changed fields only: `before` is null for a creation, `after` null for a deletion. */
export interface FieldChanges {
  before: Fields | null;
  after: Fields | null;
}

const isPlainObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` with every secret field removed, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (SECRET_FIELDS.has(k) ? [] : [[k, withoutSecrets(v)]])));
}

const asFields = (value: unknown): Fields | null => {
  if (value === null || value === undefined) return null;
  return isPlainObject(value) ? value : { value };
};

/** The fields that differ between two states of a record, secrets left out. */
export function fieldChanges(before: unknown, after: unknown): FieldChanges {
  const b = asFields(withoutSecrets(before));
  const a = asFields(withoutSecrets(after));
  if (b === null || a === null) return { before: b, after: a };
  const changed = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, b[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, a[k] ?? null])),
  };
}

const fieldsOf = (c: FieldChanges): string =>
  Object.keys({ ...c.before, ...c.after })
    .sort()
    .join(',');

export interface AuditedChange {
  action: string;
  changes: FieldChanges;
}

/**
 * True when `next` continues the user's last record of the same record: both updates of the
 * same fields, and the last one began less than the window ago.
 */
export function continues(last: AuditedChange & { at: string }, next: AuditedChange, now: Date): boolean {
  if (last.action !== 'update' || next.action !== 'update') return false;
  if (last.changes.before === null || last.changes.after === null || next.changes.before === null || next.changes.after === null)
    return false;
  const age = now.getTime() - Date.parse(last.at);
  return age >= 0 && age < COALESCE_WINDOW_MS && fieldsOf(last.changes) === fieldsOf(next.changes);
}

/** One record for both: what the fields were before the first edit and after the last. */
export function folded(last: FieldChanges, next: FieldChanges): FieldChanges {
  return { before: last.before, after: next.after };
}
