// The genre's rules in one place: how a Latvian cooperation-group protocol names its parts.
// Each pattern is written from the ways secretaries phrase a line, not from one file.

/** A line that opens or closes a part of the protocol, or carries one fact of its head. */
export type LineKind =
  | 'title'
  | 'start'
  | 'end'
  | 'absent'
  | 'invited'
  | 'members'
  | 'chair'
  | 'recorder'
  | 'agenda'
  | 'proceedings'
  | 'decisions'
  | 'rapporteur';

/**
 * Checked in this order: `nepiedalās` before `piedalās`, the invited before the members (both
 * "piedalās"), the end of the sitting before the chair (`Sadarbības grupa sēdi beidz`). The
 * captured rest of the line (after a colon, if any) is the line's content.
 */
export const LINE_RULES: ReadonlyArray<[LineKind, RegExp]> = [
  ['title', /^(?:sēdes\s+)?protokols(?![\p{L}\d])(?:\s*nr\.?\s*\d+)?\s*$/iu],
  [
    'start',
    /^(?:sēde\s+(?:sākās|sākas|sākta|atklāta)|sēdi\s+(?:atklāj|atklāja|sāk|sāka)|sēdes\s+sākums|sēdes\s+sākuma\s+laiks)(?![\p{L}\d])\s*:?\s*(.*)$/iu,
  ],
  [
    'end',
    /^(?:.{0,60}?(?<![\p{L}\d])sēdi\s+(?:beidz|beidza|slēdz|slēdza|noslēdz|noslēdza)|sēde\s+(?:beidzās|beidzas|slēgta|noslēdzās|noslēdzas|beigta|pabeigta)|sēdes\s+beigas|sēdes\s+beigu\s+laiks)(?![\p{L}\d])\s*:?\s*(.*)$/iu,
  ],
  [
    'absent',
    /^(?:sēdē\s+)?(?:nepiedalās|nepiedalījās|nav\s+ieradušies|neieradās|attaisnoti\s+neieradās|prombūtnē)(?![\p{L}\d])(?:[^:]*:)?\s*(.*)$/iu,
  ],
  [
    'invited',
    /^(?:sēdē\s+)?(?:(?:piedalās|piedalījās)\s+(?:arī\s+)?(?:pieaicināt|uzaicināt)\p{L}*|pieaicināt\p{L}*|uzaicināt\p{L}*|viesi)(?![\p{L}\d])(?:[^:]*:)?\s*(.*)$/iu,
  ],
  [
    'members',
    /^(?:sēdē\s+)?(?:piedalās|piedalījās|klātesošie|klātesoši|klāt\s+esošie|sēdes\s+dalībnieki)(?![\p{L}\d])(?:[^:]*:)?\s*(.*)$/iu,
  ],
  [
    'chair',
    /^(?:sēdi\s+vada|sēdi\s+vadīja|sēdes\s+vadītāj[sa]|(?:sadarbības\s+)?grupas\s+vadītāj[sa]|sadarbības\s+grupas\s+priekšsēdētāj[sa]|priekšsēdētāj[sa]|vadītāj[sa])(?![\p{L}\d])\s*:?\s*(.*)$/iu,
  ],
  ['recorder', /^(?:sēdi\s+protokolē(?:ja)?|protokolē(?:ja)?|protokolētāj[sa]|protokolists|protokoliste)(?![\p{L}\d])\s*:?\s*(.*)$/iu],
  ['agenda', /^(?:sēdes\s+)?darba\s+kārtīb(?:a|ā)(?![\p{L}\d])\s*:?\s*(.*)$/iu],
  ['proceedings', /^(?:darba|sēdes)\s+gaita(?![\p{L}\d])\s*:?\s*(.*)$/iu],
  [
    'decisions',
    /^(?:[\p{L}.\s]{0,60}?\s)?(?:nolemj|nolēma|nolemts|nolēmums|lēma|pieņemtie\s+lēmumi|pieņemti\s+lēmumi|lēmums|lēmumi)\s*:?\s*(.*)$/iu,
  ],
  ['rapporteur', /^(?:ziņo|ziņoja|ziņotāj[sa])(?![\p{L}\d])\s*:?\s*(.*)$/iu],
];

/** A line that is only a heading when nothing else follows it on the line. */
export const HEADING_ONLY: ReadonlySet<LineKind> = new Set(['agenda', 'proceedings', 'decisions']);

export function lineKind(line: string): { kind: LineKind; rest: string } | undefined {
  for (const [kind, pattern] of LINE_RULES) {
    const m = pattern.exec(line);
    if (m === null) continue;
    const rest = (m[1] ?? '').trim();
    if (HEADING_ONLY.has(kind) && rest !== '' && !/:\s*$/.test(line.slice(0, line.length - rest.length))) continue;
    return { kind, rest };
  }
  return undefined;
}

/** The protocol's number: `Nr. 7`, `Nr.7`, `PROTOKOLS Nr 12`, `Nr. 3/2026`. */
export const NUMBER = /(?<![\p{L}\d])Nr\.?\s*(\d{1,5})(?![\p{L}\d])/iu;

/** A numbered line: `1. …`, `2) …` (but not a date `18.06.2025.` or a time `14.00`). */
export const NUMBERED = /^(\d{1,2})[.)](?![\d])\s*(.+)$/u;

/** An agenda title opens with `Par …` (about …) or another capital letter. */
export const AGENDA_TITLE = /^(?:Par\s|\p{Lu})/u;

/** A bullet typed by hand. */
export const BULLET = /^[-–•·*]\s+(.+)$/u;

/** Where the sitting takes place, printed under the title in the locative: `Cēsīs, Cēsu novadā`. */
export const PLACE = /^[\p{Lu}][\p{L}\s,.-]*\p{L}(?:ī|ā|os|ās|ē|īs|ēs)\s*\.?$/u;

/** The chair's rapporteur note after a title: `(ziņo E.Rancāne)`, `– ziņo I.Kārkliņa`. */
export const TITLE_RAPPORTEUR = /\s*(?:\(\s*ziņo(?:tājs|tāja|ja)?\s*:?\s*([^)]+)\)|[–-]\s*ziņo(?:tājs|tāja|ja)?\s*:?\s*(.+))\s*$/iu;

/** The bracketed owners of a decision: `( atbildīgie A.Ozola, J.Bērziņš)`, `(atbildīgā: A.Ozola)`, `(atb. J.Kalnis)`. */
export const BRACKETED_OWNERS = /\(\s*(?:atbildīg\p{L}*|atb\.)\s*:?\s*([^)]*)\)\s*\.?/iu;

/** An owner line after a decision: `Atbildīgais: J.Bērziņš`, `Atbildīgie – A.Ozola, J.Kalnis`. */
export const OWNER_LINE = /^(?:atbildīg\p{L}*|atb\.)\s*[:–-]?\s*(.+)$/iu;

/** A deadline line after a decision: `Termiņš: 01.10.2026.`, `Izpildes termiņš – 2026. gada 1. oktobris`. */
export const DEADLINE_LINE = /^(?:izpildes\s+)?termiņ[šs]\s*[:–-]?\s*(.+)$/iu;

/** Words that join several owners (`I.Kārkliņai un E.Rancānei`, `A.Ozolai, J.Bērziņam`). */
export const OWNER_JOINER = /\s*(?:,|(?<![\p{L}\d])un(?![\p{L}\d])|(?<![\p{L}\d])kā arī(?![\p{L}\d])|;)\s*/u;

/** An infinitive, the verb a task decision turns on: sagatavot, piedalīties, nodrošināt, informēt. */
export const INFINITIVE = /^\p{Ll}+(?:t|ties)$/u;

/** Deadline phrases: `līdz <date>`, `<date> plkst.`, `uz <date>` (the sitting a task is for). */
export const DEADLINE_BEFORE = /(?:(?<![\p{L}\d])līdz|(?<![\p{L}\d])uz)\s*$/iu;
export const CLOCK_AFTER = /^\s*(?:plkst\.?|pl\.|pl:)/iu;

/** A decision that convenes the next sitting: its date is when the group meets, not a task's deadline. */
export const NEXT_SITTING =
  /(?<![\p{L}\d])nākam\p{L}*\s+(?:\p{L}+\s+){0,3}sēd\p{L}*\s+(?:sasaukt|rīkot|noturēt|notiks)|(?<![\p{L}\d])nākamā\s+sēde(?![\p{L}\d])/iu;

/** The prefix of a person written with initials: `E.Rancānei`, `E. Rancānei`, `A.M.Ozolai`. */
export const INITIALS = /^((?:\p{Lu}\.\s?(?:-\s?\p{Lu}\.\s?)?)+)(\p{Lu}[\p{L}-]+)$/u;

/** A personal name: one or more capitalised given names and a surname, or initials and a surname. */
export const PERSON_NAME = /^(?:(?:\p{Lu}\.\s?)+|(?:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s)+)\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;

/**
 * A line of the follow-up of earlier decisions: `Sēdes Nr. 6 lēmums Nr. 2 – izpildīts`,
 * `6. sēdes 2. lēmums: daļēji izpildīts`, `Sēdes Nr.6 2.lēmums nav izpildīts`.
 */
export const REVIEW_LINE =
  /^(?:sēdes\s+nr\.?\s*(\d{1,4})|(\d{1,4})\.\s*sēdes)\s+(?:lēmum\p{L}*\s*nr\.?\s*(\d{1,3})|(\d{1,3})\.\s*lēmum\p{L}*)\s*[:–-]?\s*(.+)$/iu;

/** The status a follow-up line reports, in this order (`neizpildīts` before `izpildīts`). */
export const REVIEW_STATUS: ReadonlyArray<[status: 'open' | 'in_progress' | 'done' | 'cancelled' | 'not_discussed', pattern: RegExp]> = [
  ['not_discussed', /nav\s+izskatīt|neizskatīt|netika\s+izskatīt/iu],
  ['open', /neizpildīt|nav\s+izpildīt|nav\s+uzsākt/iu],
  ['in_progress', /daļēji|procesā|tiek\s+(?:pildīt|īstenot|realizēt)|turpin|termiņš\s+pagarināt/iu],
  ['cancelled', /atcelt|zaudēj\p{L}*\s+spēku/iu],
  ['done', /izpildīt|īstenot|realizēt/iu],
];
