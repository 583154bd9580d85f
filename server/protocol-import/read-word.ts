// A Word file's paragraphs as the secretary sees them: .docx read with mammoth (list numbers
// that Word draws itself are written back in), .doc and .odt converted first with LibreOffice.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInput, UnsupportedMediaType } from '../domain/errors.ts';
import { wordKind, type WordKind } from '../domain/word-file.ts';
import { convertWithLibreOffice, hasCommand } from '../minutes/libreoffice.ts';

/** The file's paragraphs in order, list items with their numbers, table rows with cells apart by tabs. */
export async function wordParagraphs(bytes: Buffer): Promise<string[]> {
  const kind = wordKind(bytes);
  const docx = kind === 'docx' ? bytes : await convertToDocx(bytes, kind);
  // Loaded with the first Word file, not at every start: mammoth and its zip and XML readers are large.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: docx })).value;
  } catch {
    throw new InvalidInput('file', 'Word failu nevar nolasīt: tas ir bojāts vai nav .docx dokuments.');
  }
  return htmlParagraphs(html);
}

async function convertToDocx(bytes: Buffer, kind: Exclude<WordKind, 'docx'>): Promise<Buffer> {
  if (!(await hasCommand('soffice')))
    throw new UnsupportedMediaType(
      `.${kind} failu var ielasīt tikai tad, ja serverī ir uzstādīts LibreOffice (soffice). Saglabājiet to Word programmā kā .docx un ielādējiet vēlreiz.`,
    );
  const dir = await mkdtemp(join(tmpdir(), 'protokols-word-'));
  try {
    const source = join(dir, `protokols.${kind}`);
    await writeFile(source, bytes);
    const out = await convertWithLibreOffice(source, dir, 'docx');
    return await readFile(out);
  } catch {
    throw new InvalidInput('file', `.${kind} failu LibreOffice nevarēja pārveidot: tas ir bojāts vai nav teksta dokuments.`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/**
 * mammoth's HTML as paragraphs: `<p>`, headings and list items each one; an `<ol>` item gets its
 * number (1., 2. …; nested 1.1.) since Word draws it and the text lacks it; a table row is one
 * paragraph, its cells apart by tabs (a signature table reads "Sēdes vadītājs<TAB>G.Norbuts").
 */
export function htmlParagraphs(html: string): string[] {
  const out: string[] = [];
  const lists: Array<{ ordered: boolean; count: number }> = [];
  let text = '';
  let cells: string[] | undefined;
  const flush = () => {
    const t = decode(text)
      .replace(/[ \t\u00a0]+/gu, ' ')
      .trim();
    text = '';
    if (cells !== undefined) {
      cells.push(t);
      return;
    }
    if (t !== '') out.push(t);
  };
  for (const token of html.split(/(<[^>]+>)/u)) {
    if (!token.startsWith('<')) {
      text += token;
      continue;
    }
    const tag = /^<\/?\s*([a-z0-9]+)/iu.exec(token)?.[1]?.toLowerCase() ?? '';
    const closing = token.startsWith('</');
    switch (tag) {
      case 'ol':
      case 'ul':
        flush();
        if (closing) lists.pop();
        else lists.push({ ordered: tag === 'ol', count: 0 });
        break;
      case 'li':
        flush();
        if (!closing) {
          const list = lists[lists.length - 1];
          if (list !== undefined) {
            list.count += 1;
            text = list.ordered
              ? `${lists
                  .filter((l) => l.ordered)
                  .map((l) => l.count)
                  .join('.')}. `
              : '- ';
          }
        }
        break;
      case 'tr':
        flush();
        if (closing) {
          const row = (cells ?? []).filter((c) => c !== '').join('\t');
          cells = undefined;
          if (row !== '') out.push(row);
        } else cells = [];
        break;
      case 'td':
      case 'th':
        if (closing) flush();
        break;
      case 'br':
        text += '\n';
        break;
      case 'p':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        if (cells !== undefined && !closing) break;
        if (cells !== undefined) text += ' ';
        else flush();
        break;
      default:
        break;
    }
  }
  flush();
  return out.flatMap((p) => p.split('\n')).filter((p) => p.trim() !== '');
}
