// The last step of packing the DOCX: one entry of the zip docx wrote is rewritten (the document's
// body goes into it), the others are copied as compressed, and every entry is stamped with the
// sitting's date instead of the packing time, so the same minutes always give the same bytes.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DEFLATE = 8;
const STORED = 0;

interface Entry {
  name: string;
  central: Buffer;
  local: Buffer;
  data: Buffer;
}

/**
 * `zip` with the text of entry `name` replaced by `rewrite(text)` (deflated by zlib) and every
 * entry's time set to midnight of `isoDate`. Throws on a zip laid out otherwise than docx writes it
 * (data descriptors, ZIP64, a comment), which the DOCX tests would show after a docx upgrade.
 */
export function rewriteZipEntry(zip: Buffer, name: string, rewrite: (text: string) => string, isoDate: string): Buffer {
  const entries = readEntries(zip);
  const dosDate = dosDateOf(isoDate);
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    let { local, data } = entry;
    const central = Buffer.from(entry.central);
    if (entry.name === name) {
      const method = central.readUInt16LE(10);
      const text = (method === STORED ? data : inflateRawSync(data)).toString('utf8');
      const plain = Buffer.from(rewrite(text), 'utf8');
      data = deflateRawSync(plain);
      local = Buffer.from(local);
      for (const [header, at] of [
        [local, 14],
        [central, 16],
      ] as const) {
        header.writeUInt16LE(DEFLATE, at - 6);
        header.writeUInt32LE(crc32(plain), at);
        header.writeUInt32LE(data.length, at + 4);
        header.writeUInt32LE(plain.length, at + 8);
      }
    } else {
      local = Buffer.from(local);
    }
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(dosDate, 12);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(offset, 42);
    parts.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

function readEntries(zip: Buffer): Entry[] {
  const end = zip.length - 22;
  if (end < 0 || zip.readUInt32LE(end) !== END) throw new Error('DOCX zip: no end record where docx writes it');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('DOCX zip: broken central directory');
    const flags = zip.readUInt16LE(at + 8);
    if ((flags & 0x8) !== 0) throw new Error('DOCX zip: data descriptors are not expected');
    const compressed = zip.readUInt32LE(at + 20);
    const centralLength = 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(localAt) !== LOCAL) throw new Error('DOCX zip: broken local header');
    const localLength = 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)),
      central: zip.subarray(at, at + centralLength),
      local: zip.subarray(localAt, localAt + localLength),
      data: zip.subarray(localAt + localLength, localAt + localLength + compressed),
    });
    at += centralLength;
  }
  return entries;
}

/** MS-DOS date of `isoDate` (1980 at the earliest, which the format cannot go below). */
function dosDateOf(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | day;
}
