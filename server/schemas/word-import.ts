// Importing old Word protocols: the doubts, what an import answers, its record, the bulk "done before".
import { Type, type Static } from '@sinclair/typebox';
import { Int, IsoDate, NameText, Version } from './common.ts';

export const Doubt = Type.Object({
  paragraph: Type.Integer({ description: 'The paragraph of the file (1-based, counting non-empty ones) the doubt is about' }),
  excerpt: Type.String({ description: 'The start of that paragraph' }),
  message: Type.String({ description: 'What to check, in Latvian' }),
});

export const WordImportQuery = Type.Object({ fileName: Type.Optional(NameText({ maxLength: 255 })) });

export const WordImported = Type.Object({ id: Type.Integer(), number: Type.Integer(), doubts: Type.Array(Doubt) });

export const WordImportInfo = Type.Object({
  label: Type.String({ description: '"importēts no Word" until confirmed, then "parakstīts papīra formā"' }),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String({ description: 'SHA-256 of the original file, hex' }),
  importedAt: Type.String(),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  doubts: Type.Array(Doubt),
});

export const ConfirmImportBody = Type.Object({ version: Version });

export const MarkDoneBody = Type.Object({
  before: IsoDate,
  importedOnly: Type.Optional(Type.Boolean({ default: true, description: 'Only decisions of sittings imported from Word (default)' })),
});
export const MarkDoneResult = Type.Object({ marked: Int({ minimum: 0, description: 'Decisions marked as done' }) });

export type WordImportInfo = Static<typeof WordImportInfo>;
