import { describe, expect, it } from 'vitest';
import { COALESCE_WINDOW_MS, continues, fieldChanges, folded, withoutSecrets } from '../../server/domain/audit-record.ts';

describe('what the audit trail keeps of a change', () => {
  it('only the fields that changed, before and after; a whole record for a creation or a deletion', () => {
    const before = { id: 1, title: 'Par ģimeni', proceedings: 'vecais', owners: [{ name: 'A' }], version: 2 };
    const after = { ...before, proceedings: 'jaunais', owners: [{ name: 'B' }], version: 3 };
    expect(fieldChanges(before, after)).toEqual({
      before: { proceedings: 'vecais', owners: [{ name: 'A' }], version: 2 },
      after: { proceedings: 'jaunais', owners: [{ name: 'B' }], version: 3 },
    });
    expect(fieldChanges(null, after)).toEqual({ before: null, after });
    expect(fieldChanges(before, null)).toEqual({ before, after: null });
    expect(fieldChanges(null, null)).toEqual({ before: null, after: null });
  });

  it('never a secret field, at any depth', () => {
    const record = { login: 'inga', password_hash: 'scrypt$…', nested: [{ token: 't', csrfToken: 'c', keep: 1 }], calendarToken: 'x' };
    expect(withoutSecrets(record)).toEqual({ login: 'inga', nested: [{ keep: 1 }] });
    expect(fieldChanges({ login: 'a', passwordHash: 'h1' }, { login: 'b', passwordHash: 'h2' })).toEqual({
      before: { login: 'a' },
      after: { login: 'b' },
    });
  });
});

describe('folding a user’s edits into one record', () => {
  const edit = (from: string, to: string) => ({ before: { proceedings: from, version: 1 }, after: { proceedings: to, version: 2 } });
  const start = new Date('2026-01-05T10:00:00.000Z');
  const last = { action: 'update', at: start.toISOString(), changes: edit('a', 'b') };
  const later = (ms: number) => new Date(start.getTime() + ms);

  it('an update of the same fields within 5 minutes of the first continues its record', () => {
    expect(continues(last, { action: 'update', changes: edit('b', 'c') }, later(COALESCE_WINDOW_MS - 1))).toBe(true);
    expect(folded(last.changes, edit('b', 'c'))).toEqual({
      before: { proceedings: 'a', version: 1 },
      after: { proceedings: 'c', version: 2 },
    });
  });

  it('a later edit, other fields, or anything but an update starts a new record', () => {
    expect(continues(last, { action: 'update', changes: edit('b', 'c') }, later(COALESCE_WINDOW_MS))).toBe(false);
    const title = { before: { title: 'x', version: 1 }, after: { title: 'y', version: 2 } };
    expect(continues(last, { action: 'update', changes: title }, later(1000))).toBe(false);
    expect(continues(last, { action: 'delete', changes: { before: { proceedings: 'b' }, after: null } }, later(1000))).toBe(false);
    expect(continues({ ...last, action: 'create' }, { action: 'update', changes: edit('b', 'c') }, later(1000))).toBe(false);
  });
});
