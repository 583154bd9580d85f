import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../server/domain/errors.ts';
import { validateSittingDocument } from '../../server/interchange/validate-document.ts';
import { parseProtocol } from '../../server/protocol-import/parse-protocol.ts';
import { personIndex, readDecision } from '../../server/protocol-import/owners.ts';

const SITTING_DATE = '2025-07-08';
const known = personIndex([
  'Elita Rancāne',
  'Inga Kārkliņa',
  'Guntars Norbuts',
  'Jānis Bērziņš',
  'Anna Ozola',
  'Kārlis Kalnis',
  'Jānis Liepa',
]);
const decision = (text: string, index = known) => readDecision(text, SITTING_DATE, index);
const ownersOf = (text: string, index = known) => decision(text, index).owners.map((o) => o.name);

describe('owners of a decision', () => {
  it.each([
    ['E.Rancānei līdz 09.07.2025. sagatavot vēstules projektu.', ['E.Rancāne']],
    ['I.Kārkliņai un E.Rancānei 09.07.2025. plkst. 17.00 piedalīties sarunās.', ['I.Kārkliņa', 'E.Rancāne']],
    ['G.Norbutam informēt Valsts policiju.', ['G.Norbuts']],
    ['J.Bērziņam sagatavot atskaiti.', ['J.Bērziņš']],
    ['K.Kalnim, A.Ozolai un J.Bērziņam izvērtēt situāciju.', ['K.Kalnis', 'A.Ozola', 'J.Bērziņš']],
    ['Elitai Rancānei sazināties ar skolu.', ['Elita Rancāne']],
    ['E. Rancānei sazināties ar skolu.', ['E.Rancāne']],
  ])('known people in the dative: %s', (text, owners) => {
    expect(ownersOf(text)).toEqual(owners);
  });

  it('a double given name and a hyphenated one have the initials of the short form', () => {
    const index = personIndex(['Anna Marija Ozola', 'Anna-Marija Liepa']);
    expect(ownersOf('A.M.Ozolai un A.-M.Liepai sagatavot informāciju.', index)).toEqual(['A.M.Ozola', 'A.-M.Liepa']);
    expect(decision('A.M.Ozolai sagatavot informāciju.', index).owners[0]?.unknown).toBe(false);
  });

  it('the directory decides where the rules would guess: Jānim Liepam is Jānis Liepa, not Lieps', () => {
    expect(ownersOf('Jānim Liepam nodrošināt telpas.')).toEqual(['Jānis Liepa']);
    expect(ownersOf('Jānim Liepam nodrošināt telpas.', personIndex([]))).toEqual(['Jānis Lieps']);
  });

  it.each([
    ['M.Zariņai sagatavot informāciju.', ['M.Zariņa']],
    ['P.Krūmiņam sagatavot informāciju.', ['P.Krūmiņš']],
    ['R.Lācim sagatavot informāciju.', ['R.Lācis']],
    ['T.Ābelei sagatavot informāciju.', ['T.Ābele']],
    ['Sociālajam dienestam sagatavot informāciju.', ['Sociālais dienests']],
    ['Bāriņtiesai un Izglītības pārvaldei sniegt informāciju.', ['Bāriņtiesa', 'Izglītības pārvalde']],
    ['Sadarbības grupas locekļiem iepazīties ar plānu.', ['Sadarbības grupas locekļi']],
    ['Vispārizglītojošajām skolām organizēt nodarbības.', ['Vispārizglītojošās skolas']],
  ])('people and institutions no one knows, by the declension rules: %s', (text, owners) => {
    expect(ownersOf(text, personIndex([]))).toEqual(owners);
    expect(decision(text, personIndex([])).owners.every((o) => o.unknown)).toBe(true);
  });

  it('owners in a bracket, nominative, leave the text', () => {
    const d = decision('Turpināt darbu ar ģimeni ( atbildīgie A.Ozola, J.Bērziņš).');
    expect(d.owners.map((o) => o.name)).toEqual(['A.Ozola', 'J.Bērziņš']);
    expect(d.text).toBe('Turpināt darbu ar ģimeni.');
    expect(decision('Sagatavot vēstuli (atbildīgā: A. Ozola)').owners.map((o) => o.name)).toEqual(['A.Ozola']);
  });

  it.each([
    'Nākamās BTA sadarbības grupas sēdes sasaukt š.g. 8.septembrī.',
    'Neuzsākt sadarbību ar Centrs “Dardedze”, jo nav finanšu līdzekļi.',
    'Uz 08.09.2025. sadarbības grupas sēdi uzaicināt Valsts policijas pārstāvjus.',
    'Informāciju pieņemt zināšanai.',
    'Pieņemt zināšanai E.Rancānes sniegto informāciju.',
  ])('a decision without a dative before its verb has no owner: %s', (text) => {
    expect(ownersOf(text)).toEqual([]);
  });
});

describe('deadline of a decision', () => {
  it.each([
    ['E.Rancānei līdz 09.07.2025. sagatavot vēstuli.', '2025-07-09'],
    ['I.Kārkliņai 09.07.2025. plkst. 17.00 piedalīties sarunās.', '2025-07-09'],
    ['Uz 08.09.2025. sadarbības grupas sēdi uzaicināt policiju.', '2025-09-08'],
    ['Sagatavot pārskatu līdz 2025. gada 1. oktobrim.', '2025-10-01'],
    ['Sagatavot pārskatu līdz š.g. 15.augustam.', '2025-08-15'],
    ['A.Ozolai š.g. 8.septembrī iesniegt atskaiti.', '2025-09-08'],
    ['Turpināt sarunas ar skolu ( turpināt sarunu par šo tēmu 14.09.2026.)', '2026-09-14'],
    ['Izvērtēt 18.06.2025. pasākuma rezultātus līdz 30.09.2025.', '2025-09-30'],
  ])('%s → %s', (text, due) => {
    expect(decision(text).due).toBe(due);
  });

  it('a decision convening the next sitting names its date, which is no deadline', () => {
    expect(decision('Nākamās BTA sadarbības grupas sēdes sasaukt š.g. 8.septembrī.').due).toBeUndefined();
    expect(decision('Nākamo sadarbības grupas sēdi sasaukt 08.09.2025.').due).toBeUndefined();
  });

  it('a date before the sitting is what happened, not a deadline', () => {
    expect(decision('Pieņemt zināšanai 18.06.2025. notikušā pasākuma rezultātus.').due).toBeUndefined();
  });

  it('a day that does not exist is reported, not guessed', () => {
    const d = decision('A.Ozolai līdz 31.09.2025. sagatavot atskaiti.');
    expect(d.due).toBeUndefined();
    expect(d.unreadable).toEqual(['31.09.2025.']);
  });
});

/** A protocol of another group and year, written the other way (PIEŅEMTIE LĒMUMI per item). */
const OTHER = [
  'Valmieras novada Bērnu tiesību aizsardzības sadarbības grupa',
  'PROTOKOLS Nr. 3',
  'Valmierā',
  '2026. gada 2. martā',
  'Sēde sākās: 02.03.2026. plkst. 15:00',
  'Sēdi vada: Anna Ozola (Sociālā dienesta vadītāja)',
  'Piedalās:',
  'Anna Ozola (Sociālā dienesta vadītāja)',
  '2. Jānis Bērziņš – Valsts policijas inspektors',
  'Kārlis Kalnis (Bāriņtiesa)',
  'Pieaicinātie: Marta Zariņa (skolas psiholoģe)',
  'Nepiedalās: Līga Liepiņa (Izglītības pārvalde) – atvaļinājumā',
  'Darba kārtība:',
  '1. Par iepriekšējā gada darba rezultātiem (ziņo A.Ozola)',
  '2. Par sadarbību ar skolām',
  'Darba gaita:',
  '1. Par iepriekšējā gada darba rezultātiem',
  'A.Ozola informē par paveikto.',
  'PIEŅEMTIE LĒMUMI:',
  '1. Informāciju pieņemt zināšanai.',
  '2. Sagatavot gada pārskatu ( atbildīgie A.Ozola, J.Bērziņš) līdz 31.03.2026.',
  '2. Par sadarbību ar skolām',
  'Ziņo: M.Zariņa',
  'Skolās pieaug konfliktu skaits:',
  '- fiziski konflikti;',
  '- kiberbulings.',
  'Nolemj:',
  'K.Kalnim un M.Zariņai organizēt nodarbības skolās.',
  'Atbildīgais: P.Krūmiņš',
  'Turpināt sarunas ar skolu direktoriem ( turpināt sarunu par šo tēmu 14.09.2026.)',
  'Sēde noslēdzās: pl: 17.00',
  'Sēdi protokolēja: K.Kalnis',
  '02.03.2026.',
];

describe('a protocol as another secretary writes it', () => {
  const { document: doc, doubts } = parseProtocol(OTHER, ['Pēteris Krūmiņš']);

  it('reads the head: number, date with the month in the locative, place, times with `pl:`', () => {
    expect(doc).toMatchObject({ number: 3, date: '2026-03-02', place: 'Valmierā', startTime: '15:00', endTime: '17:00' });
  });

  it('reads attendance one per line, with a dash or brackets, the invited and the absent with a reason', () => {
    expect(doc.members).toEqual([
      { name: 'Anna Ozola', position: 'Sociālā dienesta vadītāja' },
      { name: 'Jānis Bērziņš', position: 'Valsts policijas inspektors' },
      { name: 'Kārlis Kalnis', position: 'Bāriņtiesa' },
    ]);
    expect(doc.invited).toEqual([{ name: 'Marta Zariņa', position: 'skolas psiholoģe' }]);
    expect(doc.absent).toEqual([{ name: 'Līga Liepiņa', position: 'Izglītības pārvalde', reason: 'atvaļinājumā' }]);
  });

  it('the chair from their line, the recorder from the signature with the date under it, full names from attendance', () => {
    expect(doc.chair).toEqual({ name: 'Anna Ozola', position: 'Sociālā dienesta vadītāja' });
    expect(doc.recorder).toEqual({ name: 'Kārlis Kalnis', position: 'Bāriņtiesa' });
  });

  it('agenda listed first and repeated in the proceedings is one list; rapporteurs from the title or a line', () => {
    expect(doc.agenda.map((a) => [a.title, a.rapporteur])).toEqual([
      ['Par iepriekšējā gada darba rezultātiem', 'A.Ozola'],
      ['Par sadarbību ar skolām', 'M.Zariņa'],
    ]);
    expect(doc.agenda[0]?.proceedings).toBe('A.Ozola informē par paveikto.');
    expect(doc.agenda[1]?.proceedings).toBe('Skolās pieaug konfliktu skaits:\n\n- fiziski konflikti;\n- kiberbulings.');
  });

  it('decisions under each item belong to it, with bracketed owners, an owner line and a date in a closing bracket', () => {
    expect(doc.decisions).toEqual([
      { text: 'Informāciju pieņemt zināšanai.', agendaItem: 1 },
      { text: 'Sagatavot gada pārskatu līdz 31.03.2026.', owners: ['A.Ozola', 'J.Bērziņš'], due: '2026-03-31', agendaItem: 1 },
      { text: 'K.Kalnim un M.Zariņai organizēt nodarbības skolās.', owners: ['K.Kalnis', 'M.Zariņa', 'P.Krūmiņš'], agendaItem: 2 },
      {
        text: 'Turpināt sarunas ar skolu direktoriem (turpināt sarunu par šo tēmu 14.09.2026.)',
        due: '2026-09-14',
        agendaItem: 2,
      },
    ]);
  });

  it('has nothing to doubt: every owner is in the attendance or the directory', () => {
    expect(doubts).toEqual([]);
  });
});

describe('doubts point at the text', () => {
  it('an unrecognised line, an owner no one knows and a date that does not exist', () => {
    const { doubts } = parseProtocol([
      'SĒDES PROTOKOLS',
      'Nr. 4',
      '2026.gada 12.janvāris',
      'Sēde sākās plkst. 10.00',
      'Kaut kas nesaprotams 123',
      'Piedalās: Anna Ozola (Bāriņtiesa)',
      'Sadarbības grupa nolemj:',
      '1. R.Vītolam līdz 31.02.2026. sagatavot informāciju.',
    ]);
    expect(doubts).toEqual([
      { paragraph: 5, excerpt: 'Kaut kas nesaprotams 123', message: expect.stringContaining('nav atpazīta') },
      { paragraph: 8, excerpt: '1. R.Vītolam līdz 31.02.2026. sagatavot informāciju.', message: expect.stringContaining('"R.Vītols"') },
      { paragraph: 8, excerpt: '1. R.Vītolam līdz 31.02.2026. sagatavot informāciju.', message: expect.stringContaining('31.02.2026.') },
    ]);
  });

  it('a file with no number or date is no protocol', () => {
    expect(() => parseProtocol(['Ielūgums uz balli', 'Nāciet visi!'])).toThrow(/nav atpazīts kā sēdes protokols/);
  });
});

describe('attendance written without a colon', () => {
  it('the names after "Piedalās" are read all the same', () => {
    const { document: doc } = parseProtocol([
      'SĒDES PROTOKOLS Nr. 5',
      '2026. gada 9. februārī',
      'Sēdi atklāj plkst. 9.30',
      'Piedalās Anna Ozola (Bāriņtiesa), Jānis Bērziņš (Valsts policija)',
      'Nolemj:',
      'J.Bērziņam līdz 01.03.2026. sagatavot pārskatu.',
    ]);
    expect(doc.startTime).toBe('09:30');
    expect(doc.members.map((m) => m.name)).toEqual(['Anna Ozola', 'Jānis Bērziņš']);
    expect(doc.decisions).toEqual([{ text: 'J.Bērziņam līdz 01.03.2026. sagatavot pārskatu.', owners: ['J.Bērziņš'], due: '2026-03-01' }]);
  });
});

describe('the head and the signatures written on one line', () => {
  it('place and date on one line, the recorder with the date after a comma', () => {
    const { document: doc, doubts } = parseProtocol([
      'Sadarbības grupas sēdes protokols Nr. 9',
      'Siguldā, 2026. gada 12. janvārī',
      'Sēde sākās plkst. 10.00',
      'Piedalās: Anna Ozola (Bāriņtiesa), Jānis Bērziņš (Valsts policija)',
      'Nolemj:',
      '1. Pieņemt zināšanai.',
      'Sēdi slēdz plkst. 11.15',
      'Sēdes vadītāja: A. Ozola',
      'Protokolēja: J.Bērziņš, 12.01.2026.',
    ]);
    expect(doc).toMatchObject({ number: 9, date: '2026-01-12', place: 'Siguldā', startTime: '10:00', endTime: '11:15' });
    expect(doc.chair).toEqual({ name: 'Anna Ozola', position: 'Bāriņtiesa' });
    expect(doc.recorder).toEqual({ name: 'Jānis Bērziņš', position: 'Valsts policija' });
    expect(doubts).toEqual([]);
  });
});

describe('any text at all', () => {
  const lines = fc.array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        ...OTHER,
        'Sadarbības grupa nolemj:',
        '1. E.Rancānei līdz 31.02.2025. sagatavot',
        'Sēde sākās plkst. 99.99',
        '( atbildīgie )',
        '1.',
      ),
    ),
    { maxLength: 40 },
  );

  it('reads as a protocol that the interchange format accepts, or is refused with a Latvian message, never anything else', () => {
    fc.assert(
      fc.property(lines, (paragraphs) => {
        try {
          const { document: doc } = parseProtocol(paragraphs);
          expect(validateSittingDocument(doc)).toEqual(doc);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInput);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('agenda items repeated without their numbers', () => {
  it('an unnumbered `Par …` line that repeats a listed title opens that item, its decisions follow it', () => {
    const { document: doc } = parseProtocol([
      'PROTOKOLS Nr. 2',
      '2026. gada 5. februārī',
      'Sēde sākās plkst. 13:00',
      'Darba kārtība:',
      '1. Par vasaras nometnēm',
      '2. Par skolu kavējumiem',
      'Par vasaras nometnēm',
      'Apspriež nometņu plānu.',
      'Nolemj:',
      'Atbalstīt nometņu plānu.',
      'Par skolu kavējumiem',
      'Kavējumu skaits pieaug.',
      'Nolemj:',
      'Sociālajam dienestam līdz 01.03.2026. apkopot datus.',
    ]);
    expect(doc.agenda.map((a) => [a.title, a.proceedings])).toEqual([
      ['Par vasaras nometnēm', 'Apspriež nometņu plānu.'],
      ['Par skolu kavējumiem', 'Kavējumu skaits pieaug.'],
    ]);
    expect(doc.decisions).toEqual([
      { text: 'Atbalstīt nometņu plānu.', agendaItem: 1 },
      { text: 'Sociālajam dienestam līdz 01.03.2026. apkopot datus.', owners: ['Sociālais dienests'], due: '2026-03-01', agendaItem: 2 },
    ]);
  });
});

describe('the follow-up of earlier decisions', () => {
  it('lines naming a sitting and a decision become reviews with the status they report, and stay in the proceedings', () => {
    const { document: doc, doubts } = parseProtocol([
      'PROTOKOLS Nr. 8',
      '2025. gada 8. septembrī',
      'Sēde sākās plkst. 14:00',
      'Darba kārtība:',
      '1. Par iepriekšējās sēdes lēmumu izpildi',
      'Sēdes Nr. 7 lēmums Nr. 2 – izpildīts.',
      '7. sēdes 4. lēmums: daļēji izpildīts, sarunas turpinās.',
      'Sēdes Nr.7 5.lēmums nav izpildīts.',
      'Sēdes Nr. 7 lēmums Nr. 3 – atcelts.',
      'Sēdes Nr. 7 lēmums Nr. 6 – netika izskatīts.',
      'Sēdes Nr. 7 lēmums Nr. 2 – izpildīts.',
      'Sēdes Nr. 7 lēmums Nr. 1 – kaut kas cits.',
    ]);
    expect(doc.reviews).toEqual([
      { sitting: 7, decision: 2, status: 'done' },
      { sitting: 7, decision: 4, status: 'in_progress' },
      { sitting: 7, decision: 5, status: 'open' },
      { sitting: 7, decision: 3, status: 'cancelled' },
      { sitting: 7, decision: 6, status: 'open', notDiscussed: true },
    ]);
    expect(doc.agenda[0]?.proceedings).toContain('7. sēdes 4. lēmums: daļēji izpildīts');
    expect(doubts.map((d) => d.paragraph)).toEqual([11, 12]);
  });
});
