import { describe, expect, it } from 'vitest';
import { removesLastAdmin } from '../../server/domain/last-admin.ts';
import { oneTimePassword } from '../../server/domain/passwords.ts';
import { setupTokenExpiry, setupTokenUsable } from '../../server/domain/setup-token.ts';

describe('the last active admin', () => {
  const admin = { role: 'admin', active: true } as const;
  it('may not be deactivated or given another role when no other active admin exists', () => {
    expect(removesLastAdmin(admin, { role: 'admin', active: false }, 0)).toBe(true);
    expect(removesLastAdmin(admin, { role: 'secretary', active: true }, 0)).toBe(true);
  });
  it('may step down while another active admin exists; other accounts are never held', () => {
    expect(removesLastAdmin(admin, { role: 'chair', active: false }, 1)).toBe(false);
    expect(removesLastAdmin({ role: 'admin', active: false }, { role: 'member', active: false }, 0)).toBe(false);
    expect(removesLastAdmin({ role: 'member', active: true }, { role: 'member', active: false }, 0)).toBe(false);
    expect(removesLastAdmin(admin, admin, 0)).toBe(false);
  });
});

describe('the setup link', () => {
  const issued = new Date('2026-11-27T08:00:00Z');
  const token = { expiresAt: setupTokenExpiry(issued).toISOString(), usedAt: null };
  it('works for an hour, once', () => {
    expect(setupTokenUsable(token, new Date('2026-11-27T08:59:59Z'))).toBe(true);
    expect(setupTokenUsable(token, new Date('2026-11-27T09:00:00Z'))).toBe(false);
    expect(setupTokenUsable({ ...token, usedAt: '2026-11-27T08:10:00Z' }, new Date('2026-11-27T08:20:00Z'))).toBe(false);
  });
});

describe('a one-time password', () => {
  it('is 16 characters without look-alikes (0/O, 1/l/I), and differs each time', () => {
    const made = Array.from({ length: 200 }, () => oneTimePassword());
    for (const p of made) expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{16}$/);
    expect(new Set(made).size).toBe(made.length);
  });
});
