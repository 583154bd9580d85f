import { describe, expect, it } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { opaquePng } from '../../server/plans/png.ts';

/** The chunks of a PNG, each checked against its CRC. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const found: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), 'CRC').toBe(crc32(typed));
    found.push({ type: typed.subarray(0, 4).toString('latin1'), data: typed.subarray(4) });
    at += 12 + length;
  }
  return found;
}

describe('a PNG of opaque pixels', () => {
  // 3 × 2: red, green, blue / white, black, grey; every alpha 255.
  const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255]);

  it('holds the same colours as RGB rows, each unfiltered, in a well-formed file', async () => {
    const png = await opaquePng(rgba, 3, 2);
    expect(png).not.toBeNull();
    const parts = chunks(png as Buffer);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = parts[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), ...header.subarray(8)]).toEqual([3, 2, 8, 2, 0, 0, 0]);
    expect([...inflateSync(parts[1]!.data)]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
  });

  it('is not made when a pixel is not fully opaque (its colour comes premultiplied)', async () => {
    const seeThrough = Uint8Array.from(rgba);
    seeThrough[23] = 254;
    expect(await opaquePng(seeThrough, 3, 2)).toBeNull();
  });

  it('refuses pixels that do not fill the size given', async () => {
    await expect(opaquePng(rgba, 4, 2)).rejects.toThrow(/not 4 × 2 RGBA pixels/u);
  });
});
