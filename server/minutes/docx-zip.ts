// The last step of packing the DOCX: docx writes the package's parts, and they are zipped here, each
// deflated by zlib and stamped with the sitting's date instead of the packing time, so the same
// minutes always give the same bytes. docx's own zipping deflated every part in JavaScript (a fifth
// of a rendering), and the document's part had to be inflated again to fill in its paragraphs.
import { crc32, deflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DEFLATE = 8;
/** PKZIP 2.0: DEFLATE, no ZIP64, as docx's zip library writes it. */
const VERSION = 20;
/** General purpose flag 11: the entry's name is UTF-8. */
const UTF8_NAME = 0x800;

/** The parts, in their order, as a zip: each deflated, every entry's time midnight of `isoDate`. */
export function zipPackage(parts: Iterable<readonly [string, string | Uint8Array]>, isoDate: string): Buffer {
  const dosDate = dosDateOf(isoDate);
  const chunks: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [path, content] of parts) {
    const plain = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const data = deflateRawSync(plain);
    const name = Buffer.from(path, 'utf8');
    const flags = name.length === path.length ? 0 : UTF8_NAME;
    const shared = { flags, dosDate, crc: crc32(plain), compressed: data.length, size: plain.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    writeShared(local, 6, shared);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    writeShared(central, 8, shared);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
    count += 1;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

interface SharedFields {
  flags: number;
  dosDate: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

/** The fields an entry's local header and its central record both hold, in the same order, from `at` (time: midnight). */
function writeShared(header: Buffer, at: number, f: SharedFields): void {
  header.writeUInt16LE(f.flags, at);
  header.writeUInt16LE(DEFLATE, at + 2);
  header.writeUInt16LE(f.dosDate, at + 6);
  header.writeUInt32LE(f.crc, at + 8);
  header.writeUInt32LE(f.compressed, at + 12);
  header.writeUInt32LE(f.size, at + 16);
  header.writeUInt16LE(f.nameLength, at + 20);
}

/** MS-DOS date of `isoDate` (1980 at the earliest, which the format cannot go below). */
function dosDateOf(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | day;
}
