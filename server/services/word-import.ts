// Bringing the history in: an old Word protocol imported as a draft through the interchange
// import, with its original file and doubts; confirmed later as a record signed on paper, whose
// open decisions then join the carry-over; and the bulk "done before" for old decisions.
import type { Db, Executor } from '../db/database.ts';
import { todayIso, assertDate } from '../domain/calendar.ts';
import { Conflict, InvalidInput } from '../domain/errors.ts';
import { cleanFileName } from '../domain/signed-copy-file.ts';
import { WORD_TYPES, wordKind } from '../domain/word-file.ts';
import { validateSittingDocument } from '../interchange/validate-document.ts';
import type { SittingDocument } from '../interchange/sitting-document.ts';
import { shortDate } from '../minutes/typography.ts';
import { parseProtocol, type Doubt, type ParsedProtocol } from '../protocol-import/parse-protocol.ts';
import { wordParagraphs } from '../protocol-import/read-word.ts';
import type { Actor } from '../repositories/audit.ts';
import { sittingRecord } from '../repositories/audit-records.ts';
import { insertNote } from '../repositories/decision-register.ts';
import { decisionByNumbers } from '../repositories/decisions.ts';
import { refreshDecisionState } from '../repositories/decision-state.ts';
import { sittingIdByNumber, sittingRow } from '../repositories/sittings.ts';
import {
  insertWordImport,
  markConfirmed,
  originalWordFile,
  unfinishedDecisionsBefore,
  wordImportOf,
  type WordImportRow,
} from '../repositories/word-imports.ts';
import { directoryOf } from './attendance.ts';
import { runAudited } from './audit.ts';
import { writeSittingDocument } from './interchange.ts';
import { groupWording } from './wording.ts';
import { assertMaySee, type Reader } from './readers.ts';
import { freezeMinutes } from './signing.ts';

export type { Doubt } from '../protocol-import/parse-protocol.ts';

/** How an imported sitting is labelled: a draft to review, then a record signed on paper. */
export const IMPORTED_LABEL = 'importēts no Word';
export const SIGNED_ON_PAPER_LABEL = 'parakstīts papīra formā';

export interface WordImportResult {
  id: number;
  number: number;
  doubts: Doubt[];
}

/** Reads one Word protocol into a sitting document and its doubts; no database (the CLI's dry run). */
export async function readWordProtocol(bytes: Buffer, directory: readonly string[] = []): Promise<ParsedProtocol> {
  const parsed = parseProtocol(await wordParagraphs(bytes), directory);
  return { ...parsed, document: validateSittingDocument(parsed.document) as SittingDocument };
}

/**
 * Imports one old protocol whole, or nothing: a draft marked as imported, its owners matched to
 * the directory in any case form, the original file kept with its SHA-256. A sitting of the same
 * number is never changed.
 */
export async function importWordProtocol(
  db: Db,
  groupId: number,
  actor: Actor,
  bytes: Buffer,
  fileName?: string,
): Promise<WordImportResult> {
  const kind = wordKind(bytes);
  const directory = await directoryOf(db, groupId);
  const { document, doubts, reviewSources } = await readWordProtocol(
    bytes,
    directory.map((p) => p.fullName),
  );
  const spec = { ...sittingRecord(groupId), action: 'import_word', createdId: (r: { id: number }) => r.id };
  const imported = await runAudited(db, groupId, actor, spec, async (trx) => {
    await assertNotImportedYet(trx, groupId, document.number);
    const reviews = await knownReviews(trx, groupId, document, reviewSources ?? [], doubts);
    const written = await writeSittingDocument(trx, groupId, { ...document, reviews }, { followUp: false });
    await insertWordImport(trx, groupId, written.id, {
      fileName: cleanFileName(fileName, { contentType: WORD_TYPES[kind], extension: kind }, `Protokols_Nr_${document.number}`),
      contentType: WORD_TYPES[kind],
      bytes,
      doubts,
    });
    return written;
  });
  return { ...imported, doubts };
}

/**
 * The follow-up lines that name a decision already in the register, taken before this sitting;
 * any other becomes a doubt (import the earlier protocol first: a folder is imported in date order).
 */
async function knownReviews(
  db: Executor,
  groupId: number,
  doc: SittingDocument,
  sources: ReadonlyArray<Omit<Doubt, 'message'>>,
  doubts: Doubt[],
): Promise<SittingDocument['reviews']> {
  const kept: NonNullable<SittingDocument['reviews']> = [];
  for (const [i, review] of (doc.reviews ?? []).entries()) {
    const row = await decisionByNumbers(db, groupId, review.sitting, review.decision);
    if (row !== undefined && row.date <= doc.date) kept.push(review);
    else
      doubts.push({
        paragraph: sources[i]?.paragraph ?? 1,
        excerpt: sources[i]?.excerpt ?? `Sēdes Nr. ${review.sitting} lēmums Nr. ${review.decision}`,
        message: 'izpildes kontrolē minētais lēmums nav atrasts reģistrā (vispirms importējiet agrāko protokolu); izpilde nav ierakstīta.',
      });
  }
  doubts.sort((a, b) => a.paragraph - b.paragraph);
  return kept;
}

async function assertNotImportedYet(db: Executor, groupId: number, number: number): Promise<void> {
  const existing = await sittingIdByNumber(db, groupId, number);
  if (existing === undefined) return;
  const sitting = await sittingRow(db, groupId, existing);
  throw new Conflict(`Sēde Nr. ${number} jau ir reģistrēta (${shortDate(sitting.date)}); imports esošu sēdi nemaina.`, 'number');
}

/**
 * Confirms a reviewed import as the historical record: signed on paper, the minutes frozen as
 * rendered now, and its unfinished decisions carried over from here on.
 */
export async function confirmWordImport(
  db: Db,
  groupId: number,
  actor: Actor,
  sittingId: number,
  version: number,
): Promise<WordImportInfo> {
  return runAudited(db, groupId, actor, { ...sittingRecord(groupId), action: 'confirm_import', recordId: sittingId }, async (trx) => {
    const row = await sittingRow(trx, groupId, sittingId);
    const imported = await wordImportOf(trx, groupId, sittingId);
    if (imported === undefined) throw new Conflict(`Sēde Nr. ${row.number} nav importēta no Word; to paraksta parastajā kārtībā.`);
    if (row.version !== version)
      throw new Conflict('Sēdi pa to laiku ir mainījis kāds cits; pārskatiet to un apstipriniet vēlreiz.', 'version');
    if (imported.confirmedAt !== null || row.state !== 'draft')
      throw new Conflict(`Sēde Nr. ${row.number} jau ir apstiprināta kā ${SIGNED_ON_PAPER_LABEL}.`);
    await freezeMinutes(trx, groupId, sittingId);
    await markConfirmed(trx, groupId, sittingId);
    return toInfo((await wordImportOf(trx, groupId, sittingId)) as WordImportRow);
  });
}

export interface WordImportInfo {
  label: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  importedAt: string;
  confirmedAt: string | null;
  doubts: Doubt[];
}

function toInfo(row: WordImportRow): WordImportInfo {
  return {
    label: row.confirmedAt === null ? IMPORTED_LABEL : SIGNED_ON_PAPER_LABEL,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    importedAt: row.importedAt,
    confirmedAt: row.confirmedAt,
    doubts: row.doubts,
  };
}

/** What a reader sees of a sitting's import: its label, the original file's name and hash, the doubts; null for a sitting made here. */
export async function wordImportFor(db: Executor, groupId: number, reader: Reader, sittingId: number): Promise<WordImportInfo | null> {
  await sittingRow(db, groupId, sittingId); // of this group, or 404
  await assertMaySee(db, groupId, reader, sittingId);
  const row = await wordImportOf(db, groupId, sittingId);
  return row === undefined ? null : toInfo(row);
}

export async function originalWordFor(db: Executor, groupId: number, reader: Reader, sittingId: number) {
  await assertMaySee(db, groupId, reader, sittingId);
  return originalWordFile(db, groupId, sittingId);
}

/**
 * Marks as done the unfinished decisions of signed sittings held before `before` (of imported
 * ones only, unless told), each with a note dated that day, as most old decisions were carried out.
 */
export async function markDoneBefore(
  db: Db,
  groupId: number,
  actor: Actor,
  input: { before: string; importedOnly?: boolean },
  today = todayIso(),
): Promise<{ marked: number }> {
  assertDate('before', input.before);
  if (input.before > today) throw new InvalidInput('before', 'datums nevar būt nākotnē.');
  const spec = { recordType: 'decision', action: 'mark_done_before' };
  return runAudited(db, groupId, actor, spec, async (trx) => {
    const ids = await unfinishedDecisionsBefore(trx, groupId, input.before, input.importedOnly ?? true);
    const t = (await groupWording(trx, groupId)).minutes;
    for (const id of ids)
      await insertNote(trx, id, {
        note: t.phrase('records.markedDone', {
          imported: input.importedOnly !== false,
          date: shortDate(input.before),
        }),
        status: 'done',
        authorId: null,
        date: input.before,
      });
    await refreshDecisionState(trx, ids);
    return { marked: ids.length };
  });
}
