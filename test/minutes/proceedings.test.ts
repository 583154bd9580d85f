import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarked, parseProceedings } from '../../server/minutes/proceedings.ts';
import { plainText } from '../../server/minutes/typography.ts';

describe('proceedings text', () => {
  it('splits paragraphs on blank lines and keeps a single line end as a line break', () => {
    expect(parseProceedings('Pirmā rinda\notrā rinda\n\nJauna rindkopa')).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Pirmā rinda\notrā rinda' }] },
      { kind: 'paragraph', runs: [{ text: 'Jauna rindkopa' }] },
    ]);
  });

  it('reads **bold** and *italic* runs', () => {
    expect(parseProceedings('Ir **svarīgi** un *steidzami*.')).toEqual([
      {
        kind: 'paragraph',
        runs: [{ text: 'Ir ' }, { text: 'svarīgi', bold: true }, { text: ' un ' }, { text: 'steidzami', italic: true }, { text: '.' }],
      },
    ]);
  });

  it('reads 1. lines as a numbered list and - lines as a bulleted one, nested lists included', () => {
    const blocks = parseProceedings('Pieejams:\n\n1. psihiatrs\n2. narkologs\n   - bērniem\n   - jauniešiem\n\n- cits');
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Pieejams:' }] },
      {
        kind: 'list',
        ordered: true,
        items: [
          { blocks: [{ kind: 'paragraph', runs: [{ text: 'psihiatrs' }] }] },
          {
            blocks: [
              { kind: 'paragraph', runs: [{ text: 'narkologs' }] },
              {
                kind: 'list',
                ordered: false,
                items: [
                  { blocks: [{ kind: 'paragraph', runs: [{ text: 'bērniem' }] }] },
                  { blocks: [{ kind: 'paragraph', runs: [{ text: 'jauniešiem' }] }] },
                ],
              },
            ],
          },
        ],
      },
      { kind: 'list', ordered: false, items: [{ blocks: [{ kind: 'paragraph', runs: [{ text: 'cits' }] }] }] },
    ]);
  });

  it('keeps a paragraph that starts with a year ("2025. gadā …") a paragraph, not a list from 2025', () => {
    expect(parseProceedings('2025. gadā notika divas sēdes.\n\n2024. gada decembrī – viena.')).toEqual([
      { kind: 'paragraph', runs: [{ text: '2025. gadā notika divas sēdes.' }] },
      { kind: 'paragraph', runs: [{ text: '2024. gada decembrī – viena.' }] },
    ]);
  });

  it('keeps a bullet that starts with an ordinal ("- 1. klases skolēni") one bullet with the text typed', () => {
    expect(parseProceedings('- 1. klases skolēni\n- 2. klases skolēni')).toEqual([
      {
        kind: 'list',
        ordered: false,
        items: [
          { blocks: [{ kind: 'paragraph', runs: [{ text: '1. klases skolēni' }] }] },
          { blocks: [{ kind: 'paragraph', runs: [{ text: '2. klases skolēni' }] }] },
        ],
      },
    ]);
  });

  it('leaves raw HTML, links, headings, code and entities as the literal text typed', () => {
    const typed = [
      '<script>alert(1)</script>',
      '[saite](javascript:alert(1))',
      '# Virsraksts',
      '`kods` &amp; <b>x</b>',
      '> citāts',
      '<https://example.com>',
    ];
    const blocks = parseProceedings(typed.join('\n\n'));
    expect(blocks).toEqual(typed.map((text) => ({ kind: 'paragraph', runs: [{ text }] })));
  });

  it('drops control characters that XML cannot carry', () => {
    expect(parseProceedings('a\u0000b\u0007c\u000bd')).toEqual([{ kind: 'paragraph', runs: [{ text: 'abcd' }] }]);
  });

  it('reads paragraphs without markup as markdown-it does, wherever they stand', () => {
    // Pieces that make every kind of line: plain words, spaces of each kind at either end, blank
    // lines, list markers, emphasis, escapes, numbers that are and are not list markers.
    const piece = fc.constantFrom(
      'vārds',
      'Sēde',
      ' ',
      '  ',
      '   ',
      '\u00a0',
      '\t',
      '\n',
      '\n\n',
      '\n \n',
      '- ',
      '+ ',
      '* ',
      '1. ',
      '2) ',
      '10. ',
      '2025. gadā',
      '1.1.',
      '  \n',
      '\u2003',
      'x\n',
      '*',
      '**',
      '_',
      '\\',
      'a-b',
      '12.30',
      '–',
      ')',
      '.',
      '    ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(parseProceedings(text)).toEqual(text.trim() === '' ? [] : parseMarked(plainText(text)));
      }),
      { numRuns: 3000 },
    );
  });
});
