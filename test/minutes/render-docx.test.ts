import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FollowUp } from './helpers.ts';
import type { FileChild } from 'docx';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { packDocument, renderMinutesDocx, StyledParagraph } from '../../server/minutes/render-docx.ts';
import { renderMinutes } from '../../server/minutes/render-minutes.ts';
import { buildMinutesViewModel } from '../../server/minutes/view-model.ts';
import { docxHtml, docxText, documentXml, expectInOrder, nr7, nr7WithConfidentialItem, paragraphsWith, source, unzip } from './helpers.ts';

const nr7Lines = [
  'Bērnu tiesību aizsardzības Sadarbības grupas',
  'SĒDES PROTOKOLS',
  'Cēsīs, Cēsu novadā',
  '2025. gada 8. jūlijā',
  'Nr. 7',
  'Sēde sākās plkst. 14.00',
  'Sēdē piedalās Sadarbības grupas locekļi: Kristīne Berga (Bāriņtiesas priekšsēdētājas vietniece), Elita Rancāne (Sociālā dienesta ĢBAN nodaļas vadītāja), Inga Kārkliņa (Sociālā dienesta vadītāja), Guntars Norbuts (PP priekšnieks), Dina Dombrovska (Izglītības pārvalde)',
  'Sēdi vada: Guntars Norbuts (PP priekšnieks)',
  'Sēdi protokolē: Elita Rancāne (Sociālā dienesta ĢBAN nodaļas vadītāja)',
  'Darba kārtība:',
  'Par vēstules sagatavošanu Labklājības un Veselības ministrijām par bērnu un jauniešu psihiskās veselības atbalsta sistēmu Cēsu novadā',
  'Par Bērnu seksuālās izmantošanas prevences plāna izpildi',
  'Par Cēsu klīnikas un Cēsu Rotary kluba sadarbību',
  'Par informācijas apkopošanu par pieejamo atbalstu bērniem Cēsu novadā',
  'Darba gaita:',
  'Par vēstules sagatavošanu Labklājības un Veselības ministrijām',
  'Konstatēts, ka speciālisti ikdienā darbā',
  'Tāpēc ir būtiski steidzami rīkoties, lai Cēsu novadā būtu pieejams:',
  'valsts nodrošināts bērnu psihiatrs, narkologs un atkarību speciālists.',
  'normatīvajos aktos paredzēta iespējamība',
  'pusaudžu resursa centra filiāles izveidi',
  'Par Bērnu seksuālās izmantošanas prevences plāna izpildi',
  'E.Rancāne informē',
  'Par Cēsu klīnikas un Cēsu Rotary kluba sadarbību',
  'I.Kārkliņa informē, ka piedalījusies',
  'Par informācijas apkopošanu par pieejamo atbalstu bērniem Cēsu novadā',
  'I.Kārkliņa informē, ka ir izveidots',
  'Sadarbības grupa nolemj:',
  'Nākamās BTA sadarbības grupas sēdes sasaukt š.g. 8.septembrī.',
  'E.Rancānei līdz 09.07.2025. sagatavot vēstules projektu ministrijām',
  'Neuzsākt sadarbību ar Centrs “Dardedze”, jo nav finanšu līdzekļi.',
  'I.Kārkliņai un E.Rancānei 09.07.2025. plkst. 17.00 piedalīties sarunās',
  'I.Kārkliņai kopīgot izveidoto dokumentu',
  'Uz 08.09.2025. sadarbības grupas sēdi uzaicināt Valsts policijas pārstāvjus',
  'Sēde slēgta plkst. 16.00',
  'Sēdes vadītājs',
  '(paraksts)',
  'G. Norbuts',
  'Protokolētājs',
  '(paraksts)',
  'E. Rancāne',
];

async function nr7Docx(version: 'full' | 'public' = 'full', sitting = nr7()): Promise<Buffer> {
  return renderMinutesDocx(buildMinutesViewModel(source(sitting), version));
}

describe('the DOCX minutes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('carry Nr. 7 in the official order, from the title block to the signatures', async () => {
    const text = await docxText(await nr7Docx());
    expectInOrder(text, nr7Lines);
    // Every decision of Nr. 7 names its owners and dates itself, so no owner line is added.
    expect(text).not.toMatch(/Atbildīg|Termiņš/u);
    expect(text).not.toContain('Ierobežotas pieejamības informācija');
  });

  it('put the date and Nr. on one line, apart by a right tab stop at the text edge', async () => {
    const xml = documentXml(await nr7Docx());
    const [line] = paragraphsWith(xml, '2025. gada 8. jūlijā');
    expect(line).toMatch(/2025\.\u00a0gada 8\.\u00a0jūlijā<\/w:t>\s*<w:tab\/>\s*<w:t[^>]*>Nr\.\u00a07</u);
    // 210 mm less 30 + 15 mm of margins is 165 mm = 9354 twips.
    expect(xml).toContain('<w:pStyle w:val="MinutesDateLine"/>');
  });

  it('make the agenda, the decisions and the list inside item 1 real Word lists, each from 1', async () => {
    const docx = await nr7Docx();
    const xml = documentXml(docx);
    const numId = (text: string) => {
      const [p] = paragraphsWith(xml, text);
      expect(p, text).toBeDefined();
      return /<w:numPr><w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/u.exec(p ?? '')?.[2];
    };
    const listItems = ['valsts nodrošināts bērnu psihiatrs', 'normatīvajos aktos paredzēta', 'pusaudžu resursa centra filiāles'].map(numId);
    expect(new Set(listItems).size).toBe(1);
    expect(listItems[0]).toBeDefined();
    const decisions = ['Nākamās BTA sadarbības', 'Neuzsākt sadarbību', 'Uz 08.09.2025.'].map(numId);
    expect(new Set(decisions).size).toBe(1);
    expect(decisions[0]).not.toBe(listItems[0]);
    // A list of its own restarts at 1 whatever came before in the same definition.
    const numbering = unzip(docx).get('word/numbering.xml')?.toString('utf8') ?? '';
    for (const id of [listItems[0], decisions[0]]) {
      expect(numbering).toMatch(
        new RegExp(`<w:num w:numId="${id}"><w:abstractNumId w:val="\\d+"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`, 'u'),
      );
    }
    // No number is typed into the text.
    expect(paragraphsWith(xml, 'valsts nodrošināts')[0]).not.toMatch(/<w:t[^>]*>1\./u);

    // mammoth joins adjacent lists, so the next item title may follow in the same <ol>.
    const html = await docxHtml(docx);
    expect(html).toMatch(
      /<ol><li>valsts nodrošināts bērnu psihiatrs[^<]*<\/li><li>normatīvajos aktos[^<]*<\/li><li>pusaudžu resursa[^<]*<\/li>/u,
    );
  });

  it('use named styles, A4 with the group’s margins and font, and page numbers from page 2', async () => {
    const docx = await renderMinutesDocx(
      buildMinutesViewModel(source(nr7(), [], { marginsMm: { left: 25, right: 10, top: 15, bottom: 15 }, fontSizePt: 11 }), 'full'),
    );
    const xml = documentXml(docx);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    expect(xml).toMatch(/<w:pgMar w:top="850" w:right="567" w:bottom="850" w:left="1417"/u);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toContain('<w:pStyle w:val="MinutesTitle"/>');
    expect(xml).toContain('<w:pStyle w:val="MinutesItemTitle"/>');
    const parts = unzip(docx);
    const styles = parts.get('word/styles.xml')?.toString('utf8') ?? '';
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"/u);
    expect(styles).toMatch(/<w:sz w:val="22"\/>/u);
    const headers = [...parts.entries()].filter(([name]) => /word\/header\d*\.xml/u.test(name)).map(([, b]) => b.toString('utf8'));
    expect(headers.filter((h) => h.includes('PAGE'))).toHaveLength(1);
  });

  it('leave a confidential item’s text and its decisions out of the public version', async () => {
    const full = await docxText(await nr7Docx('full', nr7WithConfidentialItem()));
    const publicText = await docxText(await nr7Docx('public', nr7WithConfidentialItem()));
    expect(full.indexOf('Ierobežotas pieejamības informācija')).toBeLessThan(full.indexOf('SĒDES PROTOKOLS'));
    for (const secret of ['Rotary', 'piedalījusies sarunās', 'piedzīvojumu terapijas', '17.00 piedalīties']) {
      expect(full).toContain(secret);
      expect(publicText).not.toContain(secret);
    }
    expectInOrder(publicText, [
      'SĒDES PROTOKOLS',
      'Darba kārtība:',
      'Par Bērnu seksuālās izmantošanas prevences plāna izpildi',
      'Ierobežotas pieejamības informācija',
      'Par informācijas apkopošanu',
      'Darba gaita:',
      'Ierobežotas pieejamības informācija',
      'Sadarbības grupa nolemj:',
      'Neuzsākt sadarbību',
      'Ierobežotas pieejamības informācija',
      'I.Kārkliņai kopīgot',
    ]);
    // The marking at the top belongs to the full version only.
    expect(publicText.indexOf('Ierobežotas pieejamības informācija')).toBeGreaterThan(publicText.indexOf('Darba kārtība:'));
  });

  it('print hostile markup in proceedings as plain text', async () => {
    const sitting = nr7();
    const item = sitting.agenda[1];
    if (item === undefined) throw new Error('no item 2');
    item.proceedings = '<script>alert(1)</script>\n\n[saite](javascript:alert(1))\n\n# Virsraksts\n\n<w:p>x</w:p> & ]]>';
    const docx = await nr7Docx('full', sitting);
    const text = await docxText(docx);
    expectInOrder(text, ['<script>alert(1)</script>', '[saite](javascript:alert(1))', '# Virsraksts', '<w:p>x</w:p> & ]]>']);
    const xml = documentXml(docx);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toMatch(/<w:hyperlink|<script/u);
  });

  it('drop "(paraksts)" and end with the group’s notice when signed electronically', async () => {
    const notice = 'DOKUMENTS IR PARAKSTĪTS AR DROŠU ELEKTRONISKO PARAKSTU UN SATUR LAIKA ZĪMOGU';
    const docx = await renderMinutesDocx(buildMinutesViewModel(source(nr7(), [], { signatureMode: 'esignature' }), 'full'));
    const text = await docxText(docx);
    expect(text).not.toContain('(paraksts)');
    expectInOrder(text, ['Sēdes vadītājs', 'G. Norbuts', 'Protokolētājs', 'E. Rancāne', notice]);
    expect(text.trimEnd().endsWith(notice)).toBe(true);
  });

  it('sign in a borderless two-column table', async () => {
    const xml = documentXml(await nr7Docx());
    const table = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*Sēdes vadītājs[\s\S]*?<\/w:tbl>/u.exec(xml)?.[0] ?? '';
    expect(table).toMatch(/<w:gridCol w:w="\d+"\/><w:gridCol w:w="\d+"\/><\/w:tblGrid>/u);
    expect(table).toMatch(/<w:tblBorders>(?:<w:\w+ w:val="none"[^>]*\/>)+<\/w:tblBorders>/u);
  });

  it('render the follow-up table with its header and status words', async () => {
    const sitting = nr7();
    sitting.agenda.unshift({ title: 'Par iepriekšējo sēžu lēmumu izpildi' });
    const followUps: FollowUp[] = [
      { sittingNumber: 6, decisionNumber: 2, text: 'Sagatavot pārskatu.', owners: ['I. Kārkliņa'], due: '2025-06-30', status: 'done' },
      { sittingNumber: 6, decisionNumber: 3, text: 'Izvērtēt situāciju.', owners: [], status: 'in_progress', newDue: '2025-09-01' },
      { sittingNumber: 6, decisionNumber: 4, text: 'Rīkot semināru.', owners: [], status: 'cancelled' },
      { sittingNumber: 6, decisionNumber: 5, text: 'Atjaunot sarakstu.', owners: [], status: 'open' },
    ];
    const docx = await renderMinutesDocx(buildMinutesViewModel(source(sitting, followUps), 'full'));
    const text = await docxText(docx);
    expectInOrder(text, [
      'Darba gaita:',
      'Par iepriekšējo sēžu lēmumu izpildi',
      'Lēmums',
      'Lēmuma teksts',
      'Atbildīgie',
      'Termiņš',
      'Izpilde',
      'Nr. 6, 2.',
      'Sagatavot pārskatu.',
      'I. Kārkliņa',
      '30.06.2025.',
      'izpildīts',
      'Nr. 6, 3.',
      'izpilde turpinās',
      'Jauns termiņš: 01.09.2025.',
      'atcelts',
      'nav izpildīts',
      'Par vēstules sagatavošanu',
    ]);
    expect(documentXml(docx)).toContain('<w:tblHeader/>');
  });

  it('give the same bytes for the same minutes, whenever they are rendered', async () => {
    const vm = buildMinutesViewModel(source(), 'full');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-03-04T05:06:07Z'));
    const first = await renderMinutesDocx(vm);
    vi.setSystemTime(new Date('2031-12-30T23:59:58Z'));
    const second = await renderMinutesDocx(vm);
    expect(second.equals(first)).toBe(true);
    expect(unzip(first).get('docProps/core.xml')?.toString('utf8')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2025-07-08T00:00:00Z</dcterms:created>',
    );
  });

  it('write a layout’s styles and theme as docx writes them the first time, however many layouts come between', async () => {
    // Font sizes no other test uses: the first rendering of each is docx's own writing of every part.
    const vm = (fontSizePt: number) => buildMinutesViewModel(source(nr7(), [], { fontSizePt }), 'full');
    const first = { 13: await renderMinutesDocx(vm(13)), 9: await renderMinutesDocx(vm(9)) };
    const again = { 13: await renderMinutesDocx(vm(13)), 9: await renderMinutesDocx(vm(9)) };
    for (const size of [13, 9] as const) {
      const [was, is] = [unzip(first[size]), unzip(again[size])];
      expect([...is.keys()]).toEqual([...was.keys()]);
      for (const [name, bytes] of was) expect(is.get(name)?.toString('utf8'), name).toBe(bytes.toString('utf8'));
      expect(again[size].equals(first[size])).toBe(true);
    }
    // The font size of the document's defaults, the layout's own.
    const defaults = (docx: Buffer) =>
      /<w:rPrDefault>.*?<\/w:rPrDefault>/su.exec(unzip(docx).get('word/styles.xml')?.toString('utf8') ?? '')?.[0];
    expect(defaults(again[13])).toContain('<w:sz w:val="26"/>');
    expect(defaults(again[9])).toContain('<w:sz w:val="18"/>');
  });

  it('come from renderMinutes with the protocol’s file name and the Word content type', async () => {
    const rendered = await renderMinutes(source(), 'full', 'docx');
    expect(rendered.fileName).toBe('Protokols_Nr_7_2025-07-08.docx');
    expect(rendered.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expectInOrder(await docxText(rendered.body), ['SĒDES PROTOKOLS', 'E. Rancāne']);
  });
});

describe('a styled paragraph (the minutes’ common paragraph, written without docx’s Paragraph)', () => {
  const runs = [
    { text: "Parasts <teksts> & “pēdiņas” 'x' \u0007" },
    { text: 'trekns\nar rindas pārnesumu', bold: true },
    { text: 'slīpraksts', italic: true },
    { text: 'abi\n', bold: true, italic: true },
    { text: '' },
  ];
  const docxRuns = runs.flatMap((run) =>
    run.text.split('\n').map(
      (text, i) =>
        new TextRun({
          text,
          ...(i > 0 ? { break: 1 } : {}),
          ...(run.bold ? { bold: true } : {}),
          ...(run.italic ? { italics: true } : {}),
        }),
    ),
  );
  const document = (children: FileChild[]) =>
    new Document({
      sections: [{ children }],
      numbering: {
        config: [
          {
            reference: 'saraksts',
            levels: [
              { level: 0, text: '%1.' },
              { level: 1, text: '%2.' },
            ],
          },
        ],
      },
    });
  const packed = async (zip: Promise<Buffer>) => {
    const files = unzip(await zip);
    return { document: files.get('word/document.xml')?.toString('utf8'), numbering: files.get('word/numbering.xml')?.toString('utf8') };
  };

  it.each([
    ['a style alone', {}, {}],
    [
      'a list item',
      { list: { reference: 'saraksts', level: 1, instance: 3 } },
      { numbering: { reference: 'saraksts', level: 1, instance: 3 } },
    ],
    ['an indented paragraph', { indentLeft: 1080 }, { indent: { left: 1080 } }],
  ])('writes, as %s, the XML docx’s Paragraph writes and makes the same list', async (_, place, options) => {
    // Between docx's own paragraphs, so the slots are seen to keep the body's order.
    const around = (text: string) => new Paragraph({ style: 'MinutesBody', children: [new TextRun(text)] });
    const ours = await packed(
      packDocument(
        document,
        [around('pirms'), new StyledParagraph('MinutesBody', runs, place), new StyledParagraph('MinutesBody', runs, place), around('pēc')],
        { date: '2025-07-08' },
      ),
    );
    const theirs = await packed(
      Packer.toBuffer(
        document([
          around('pirms'),
          new Paragraph({ style: 'MinutesBody', ...options, children: docxRuns }),
          new Paragraph({ style: 'MinutesBody', ...options, children: docxRuns }),
          around('pēc'),
        ]),
      ),
    );
    expect(ours.document).toBe(theirs.document);
    expect(ours.numbering).toBe(theirs.numbering);
  });

  it('with no runs is an empty paragraph of the style, as docx writes it', async () => {
    const ours = await packed(packDocument(document, [new StyledParagraph('MinutesBody', [])], { date: '2025-07-08' }));
    const theirs = await packed(Packer.toBuffer(document([new Paragraph({ style: 'MinutesBody', children: [] })])));
    expect(ours.document).toBe(theirs.document);
  });
});
