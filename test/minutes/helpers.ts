// Small factories and readers for the minutes tests: a MinutesSource around Nr. 7 (written as an
// interchange document, read as the sitting model), the text of a rendered DOCX (mammoth) and its
// raw parts (a minimal zip reader).
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { expect } from 'vitest';
import { DEFAULT_GROUP_PROFILE } from '../../server/domain/group-settings.ts';
import type { GroupProfile, MinutesSettings } from '../../server/domain/group-settings.ts';
import type { MinutesSource } from '../../server/minutes/minutes-source.ts';
import type { SittingDocument } from '../../server/interchange/sitting-document.ts';
import { sittingModel, type FollowUp } from '../support/sitting-model.ts';
import { nr7 } from '../support/reference.ts';

export { nr7, sittingModel };
export type { FollowUp };

export function group(settings: Partial<MinutesSettings> = {}): GroupProfile {
  return { ...DEFAULT_GROUP_PROFILE, minutes: { ...DEFAULT_GROUP_PROFILE.minutes, ...settings } };
}

export function source(
  sitting: SittingDocument = nr7(),
  followUps: FollowUp[] = [],
  settings: Partial<MinutesSettings> = {},
): MinutesSource {
  const profile = group(settings);
  return { group: profile, sitting: sittingModel(sitting, followUps, profile.defaultPlace) };
}

/** Nr. 7 with item 3 (Cēsu klīnika, Rotary) confidential; decision 4 belongs to it. */
export function nr7WithConfidentialItem(): SittingDocument {
  const sitting = nr7();
  const item = sitting.agenda[2];
  if (item === undefined) throw new Error('Nr. 7 has no item 3');
  item.confidential = true;
  return sitting;
}

/** Non-breaking spaces as plain ones, for comparing printed text with expectations. */
export function plainSpaces(text: string): string {
  return text.replace(/\u00a0/gu, ' ');
}

export async function docxText(docx: Buffer): Promise<string> {
  return plainSpaces((await mammoth.extractRawText({ buffer: docx })).value);
}

export async function docxHtml(docx: Buffer): Promise<string> {
  return plainSpaces((await mammoth.convertToHtml({ buffer: docx })).value);
}

/** The visible text of an HTML page: tags dropped, entities decoded. */
export function htmlText(html: string): string {
  const body = html.replace(/^[\s\S]*<body>/u, '').replace(/<\/body>[\s\S]*$/u, '');
  return plainSpaces(
    body
      .replace(/<br>/gu, '\n')
      .replace(/<[^>]+>/gu, ' ')
      .replace(/&lt;/gu, '<')
      .replace(/&gt;/gu, '>')
      .replace(/&quot;/gu, '"')
      .replace(/&#39;/gu, "'")
      .replace(/&amp;/gu, '&'),
  );
}

/** Asserts that `parts` occur in `text` in this order, naming the first one that does not. */
export function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

/** The files of a zip archive (stored or deflated entries), by path. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

export function documentXml(docx: Buffer): string {
  const xml = unzip(docx).get('word/document.xml');
  if (xml === undefined) throw new Error('no word/document.xml');
  return xml.toString('utf8');
}

/** The paragraphs (<w:p>) of document.xml whose text contains `text`. */
export function paragraphsWith(xml: string, text: string): string[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/gu) ?? []).filter((p) => plainSpaces(p.replace(/<[^>]+>/gu, '')).includes(text));
}
