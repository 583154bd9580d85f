// Builds old-style protocols as Word files with the docx package, written the ways other
// secretaries write them: headings, Word's own list numbers, bracketed owners, `pl:` times.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

export interface OldProtocol {
  number: number;
  /** As the title block writes it: `2026. gada 2. martā`. */
  writtenDate: string;
  startLine: string;
}

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, bold: true })] });
const numbered = (text: string, instance: number) =>
  new Paragraph({ numbering: { reference: 'items', level: 0, instance }, children: [new TextRun(text)] });

function signatureTable(rows: Array<[string, string]>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([role, name]) => new TableRow({ children: [new TableCell({ children: [p(role)] }), new TableCell({ children: [p(name)] })] }),
    ),
  });
}

/** A protocol with every variant: Word-numbered agenda and decisions, per-item decisions, brackets, `pl:`, a signature table. */
export async function variantProtocolDocx(
  input: OldProtocol = { number: 12, writtenDate: '2026. gada 2. martā', startLine: 'Sēde sākās: 02.03.2026. plkst. 15:00' },
): Promise<Buffer> {
  const doc = new Document({
    numbering: {
      config: [{ reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }],
    },
    sections: [
      {
        children: [
          p('Valmieras novada Bērnu tiesību aizsardzības sadarbības grupa'),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`PROTOKOLS Nr. ${input.number}`)] }),
          p('Valmierā'),
          p(input.writtenDate),
          p(input.startLine),
          p('Sēdi vada: Anna Ozola (Sociālā dienesta vadītāja)'),
          p('Piedalās: Anna Ozola (Sociālā dienesta vadītāja), Jānis Bērziņš (Valsts policija), Kārlis Kalnis ( Bāriņtiesa )'),
          p('Pieaicinātie: Marta Zariņa (skolas psiholoģe)'),
          p('Nepiedalās: Līga Liepiņa (Izglītības pārvalde) – atvaļinājumā'),
          heading('DARBA KĀRTĪBA:'),
          numbered('Par iepriekšējā gada darba rezultātiem (ziņo A.Ozola)', 1),
          numbered('Par sadarbību ar skolām', 1),
          heading('Darba gaita:'),
          p('1. Par iepriekšējā gada darba rezultātiem'),
          p('A.Ozola informē par paveikto 2025. gadā.'),
          heading('PIEŅEMTIE LĒMUMI:'),
          numbered('Informāciju pieņemt zināšanai.', 2),
          numbered('Sagatavot gada pārskatu ( atbildīgie A.Ozola, J.Bērziņš) līdz 31.03.2026.', 2),
          numbered('K.Kalnim un M.Zariņai līdz š.g. 15.aprīlim organizēt nodarbības skolās.', 2),
          p('2. Par sadarbību ar skolām'),
          p('Ziņo: M.Zariņa'),
          p('Skolās pieaug konfliktu skaits.'),
          heading('Nolemj:'),
          p('Turpināt sarunas ar skolu direktoriem ( turpināt sarunu par šo tēmu 14.09.2026.)'),
          p('R.Vītolam sagatavot vēstuli skolām 2026.gada 20.marts plkst. 12.00.'),
          p('Sēde noslēdzās: pl: 17.00'),
          signatureTable([['Sēdes vadītāja', 'A.Ozola']]),
          p('Sēdi protokolēja: K.Kalnis'),
          p('02.03.2026.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A Word file that is no protocol at all. */
export async function notAProtocolDocx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [p('Ielūgums uz Ziemassvētku balli'), p('Nāciet visi!')] }] }));
}

/** A protocol of plain paragraphs, as typed. */
export async function plainProtocolDocx(paragraphs: readonly string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map(p) }] }));
}
