import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/domain/digest.ts';

describe('sha256', () => {
  it('gives the FIPS 180-2 digest of "abc", in hex by default and in the other encodings asked for', () => {
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256('abc')).toBe(hex);
    expect(sha256(Buffer.from('abc'))).toBe(hex);
    expect(sha256('abc', 'base64')).toBe(Buffer.from(hex, 'hex').toString('base64'));
    expect(sha256('abc', 'base64url')).toBe(Buffer.from(hex, 'hex').toString('base64url'));
  });

  it('takes a string as UTF-8', () => {
    expect(sha256('ā')).toBe(sha256(Buffer.from([0xc4, 0x81])));
  });
});
