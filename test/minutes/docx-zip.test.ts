// The DOCX zip written from docx's parts: what goes in comes out, in order, dated the sitting's day.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipPackage } from '../../server/minutes/docx-zip.ts';

describe('the DOCX zip', () => {
  const parts: Array<[string, string | Uint8Array]> = [
    ['[Content_Types].xml', '<Types/>'],
    ['word/document.xml', `<w:t>Sēdes protokols — ${'ģimene '.repeat(2000)}</w:t>`],
    ['word/media/zīmogs.bin', Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256)],
    ['docProps/app.xml', ''],
  ];

  it('holds every part as given, in the order given, under its name (UTF-8 too)', () => {
    const files = unzipSync(zipPackage(parts, '2025-07-08'));
    expect(Object.keys(files)).toEqual(parts.map(([name]) => name));
    for (const [name, content] of parts) {
      const given = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      expect(Buffer.from(files[name]!).equals(given), name).toBe(true);
    }
  });

  it('dates every entry midnight of the day given, and gives the same bytes for the same parts', () => {
    const zip = zipPackage(parts, '2025-07-08');
    expect(zipPackage(parts, '2025-07-08').equals(zip)).toBe(true);
    const dosDate = ((2025 - 1980) << 9) | (7 << 5) | 8;
    let at = 0;
    for (let i = 0; i < parts.length; i += 1) {
      expect(zip.readUInt32LE(at)).toBe(0x04034b50);
      expect([zip.readUInt16LE(at + 10), zip.readUInt16LE(at + 12)]).toEqual([0, dosDate]);
      at += 30 + zip.readUInt16LE(at + 26) + zip.readUInt32LE(at + 18);
    }
    expect(zipPackage(parts, '2026-01-02').equals(zip)).toBe(false);
  });
});
