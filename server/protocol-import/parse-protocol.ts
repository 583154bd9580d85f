// An old protocol's paragraphs → the sitting document (interchange format) and the doubts a
// secretary should check, each pointing at the paragraph it came from. Pure: no files, no rows.
import { InvalidInput } from '../domain/errors.ts';
import { findDates, findTime } from '../domain/latvian-dates.ts';
import { cleanName, nameKey, shortForm } from '../domain/names.ts';
import type {
  DocumentAbsentee,
  DocumentAgendaItem,
  DocumentPerson,
  DocumentReview,
  SittingDocument,
} from '../interchange/sitting-document.ts';
import {
  AGENDA_TITLE,
  BULLET,
  DEADLINE_LINE,
  lineKind,
  NUMBER,
  NUMBERED,
  OWNER_JOINER,
  OWNER_LINE,
  PLACE,
  REVIEW_LINE,
  REVIEW_STATUS,
  TITLE_RAPPORTEUR,
} from './genre.ts';
import { looksLikePerson, ownerName, personIndex, readDecision } from './owners.ts';

export interface Doubt {
  /** The paragraph (1-based, counting non-empty paragraphs of the file) the doubt is about. */
  paragraph: number;
  /** The start of that paragraph, so the secretary finds it. */
  excerpt: string;
  message: string;
}

export interface ParsedProtocol {
  document: SittingDocument;
  doubts: Doubt[];
  /** Where each of `document.reviews` was written, in the same order. */
  reviewSources?: Array<Omit<Doubt, 'message'>>;
}

type Section = 'head' | 'attendance' | 'agenda' | 'decisions' | 'closing';
type ListKind = 'members' | 'invited' | 'absent';

interface DraftDecision {
  text: string;
  paragraph: number;
  /** The agenda item open when its block of decisions began (0-based), if any. */
  underItem: number | undefined;
  block: number;
  extraOwners: string[];
  extraDue: string | undefined;
}

/** Tidies what typing leaves: runs of spaces, a space inside brackets, non-breaking spaces. */
export function tidy(line: string): string {
  return line
    .replace(/[\s\u00a0]+/gu, ' ')
    .replace(/\(\s+/gu, '(')
    .replace(/\s+\)/gu, ')')
    .trim();
}

const excerptOf = (line: string) => (line.length > 80 ? `${line.slice(0, 79)}…` : line);

/**
 * Parses the paragraphs of one protocol. `directory` is the group's people by full name (empty
 * for a dry run): owners are matched to them and to this file's attendance in every case form.
 */
export function parseProtocol(paragraphs: readonly string[], directory: readonly string[] = []): ParsedProtocol {
  const lines = paragraphs.map(tidy).filter((l) => l !== '');
  const doubts: Doubt[] = [];
  const doubt = (at: number, message: string) => doubts.push({ paragraph: at + 1, excerpt: excerptOf(lines[at] ?? ''), message });

  let number: number | undefined;
  let date: string | undefined;
  let dateLine = -1;
  let place: string | undefined;
  let startTime: string | undefined;
  let endTime: string | undefined;
  let titleSeen = false;
  const lists: Record<ListKind, Array<DocumentAbsentee & { paragraph: number }>> = { members: [], invited: [], absent: [] };
  let chair: { written: string; paragraph: number } | undefined;
  let recorder: { written: string; paragraph: number } | undefined;
  const agenda: Array<DocumentAgendaItem & { paragraphs: string[] }> = [];
  const decisions: DraftDecision[] = [];
  const reviews: Array<DocumentReview & { paragraph: number }> = [];

  let section: Section = 'head';
  let listKind: ListKind = 'members';
  let current: number | undefined;
  let innerList: number | undefined;
  let block = 0;
  let blockNumbered = false;
  let pendingSignature: 'chair' | 'recorder' | undefined;

  const addProceedings = (text: string, listLine: boolean) => {
    const item = current === undefined ? undefined : agenda[current];
    if (item === undefined) return false;
    const last = item.paragraphs.length - 1;
    if (listLine && last >= 0 && /^(?:\d+\.|-)\s/u.test(item.paragraphs[last]!.split('\n').pop() ?? ''))
      item.paragraphs[last] += `\n${text}`;
    else item.paragraphs.push(text);
    return true;
  };

  const openItem = (title: string) => {
    const rapporteur = TITLE_RAPPORTEUR.exec(title);
    agenda.push({
      title: rapporteur === null ? title : title.slice(0, rapporteur.index).trim(),
      ...(rapporteur === null ? {} : { rapporteur: (rapporteur[1] ?? rapporteur[2] ?? '').trim() }),
      paragraphs: [],
    });
    current = agenda.length - 1;
    innerList = undefined;
    section = 'agenda';
  };

  for (const [at, line] of lines.entries()) {
    if (section === 'head') {
      const nr = NUMBER.exec(line);
      if (number === undefined && nr !== null) {
        number = Number(nr[1]);
        titleSeen = true;
      }
    }
    const kind = lineKind(line);
    const inBody = section === 'agenda' || section === 'decisions';

    if (pendingSignature !== undefined && kind === undefined && looksLikePerson(line)) {
      if (pendingSignature === 'chair') chair ??= { written: line, paragraph: at };
      else recorder ??= { written: line, paragraph: at };
      pendingSignature = undefined;
      continue;
    }
    pendingSignature = undefined;

    if (kind !== undefined) {
      const { rest } = kind;
      const signature = kind.kind === 'chair' || kind.kind === 'recorder';
      const personLine = signature && (rest === '' || looksLikePerson(stripPosition(stripDates(rest))));
      if (!inBody || !signature || personLine) {
        switch (kind.kind) {
          case 'title':
            titleSeen = true;
            continue;
          case 'start': {
            const d = findDates(rest)[0];
            if (date === undefined && d?.iso !== undefined) {
              date = d.iso;
              dateLine = at;
            }
            const t = findTime(rest);
            if (t === undefined) doubt(at, 'sēdes sākuma laiku nevar nolasīt.');
            else startTime = t.time;
            continue;
          }
          case 'end': {
            const t = findTime(rest);
            if (t === undefined) doubt(at, 'sēdes beigu laiku nevar nolasīt.');
            else endTime = t.time;
            section = 'closing';
            continue;
          }
          case 'members':
          case 'invited':
          case 'absent':
            if (inBody) break;
            listKind = kind.kind;
            section = 'attendance';
            if (rest !== '') addPeople(rest, kind.kind, at, true);
            continue;
          case 'chair':
          case 'recorder': {
            const written = stripDates(rest);
            if (written === '') pendingSignature = kind.kind;
            else if (kind.kind === 'chair') chair ??= { written, paragraph: at };
            else recorder ??= { written, paragraph: at };
            if (inBody || section === 'closing') section = 'closing';
            continue;
          }
          case 'agenda':
            section = 'agenda';
            current = undefined;
            continue;
          case 'proceedings':
            section = 'agenda';
            continue;
          case 'decisions':
            section = 'decisions';
            block += 1;
            blockNumbered = false;
            if (rest !== '') decisions.push(draftDecision(rest, at));
            continue;
          case 'rapporteur': {
            const item = current === undefined ? undefined : agenda[current];
            if (item !== undefined && item.paragraphs.length === 0 && item.rapporteur === undefined) {
              item.rapporteur = rest;
              continue;
            }
            break;
          }
        }
      }
    }

    const numbered = NUMBERED.exec(line);
    const n = numbered === null ? undefined : Number(numbered[1]);
    const body = numbered?.[2]?.trim() ?? line;

    // The follow-up of an earlier decision stays in the proceedings and is recorded as a review too.
    const whole = section === 'agenda' ? REVIEW_LINE.exec(line) : null;
    const review = whole ?? (section === 'agenda' ? REVIEW_LINE.exec(body) : null);
    if (review !== null) {
      const status = REVIEW_STATUS.find(([, pattern]) => pattern.test(review[5]!))?.[0];
      if (status === undefined) doubt(at, 'lēmuma izpildes statuss nav saprotams (izpildīts, daļēji izpildīts, neizpildīts, atcelts).');
      else
        reviews.push({
          sitting: Number(review[1] ?? review[2]),
          decision: Number(review[3] ?? review[4]),
          ...(status === 'not_discussed' ? { status: 'open', notDiscussed: true } : { status }),
          paragraph: at,
        });
      addProceedings(whole !== null || numbered === null ? line : `${n}. ${body}`, whole === null && numbered !== null);
      continue;
    }

    switch (section) {
      case 'head': {
        const found = findDates(line)[0];
        if (date === undefined && found !== undefined) {
          if (found.iso === undefined) doubt(at, 'sēdes datumu nevar nolasīt.');
          else {
            date = found.iso;
            dateLine = at;
          }
          // `Valmierā, 2026. gada 2. martā` or `Cēsīs 08.07.2025. Nr. 7`: the place before the date.
          const before = line.slice(0, found.index).replace(/[\s,;–-]+$/u, '');
          if (place === undefined && before !== '' && PLACE.test(before)) place = before;
          continue;
        }
        if (NUMBER.test(line)) continue;
        if (titleSeen && place === undefined && PLACE.test(line)) {
          place = line.replace(/\.$/u, '');
          continue;
        }
        if (!titleSeen) continue; // the group's name above the title
        if (numbered !== null && n === 1 && AGENDA_TITLE.test(body)) {
          openItem(body);
          continue;
        }
        doubt(at, 'rinda nav atpazīta (galvā gaidīts datums, numurs, vieta vai laiks).');
        continue;
      }
      case 'attendance': {
        if (numbered !== null && n === 1 && body.startsWith('Par ')) {
          openItem(body);
          continue;
        }
        addPeople(line, listKind, at, false);
        continue;
      }
      case 'agenda': {
        if (numbered === null && reopenItem(line)) continue;
        if (numbered !== null && n !== undefined) {
          if (innerList !== undefined && n === innerList + 1 && !body.startsWith('Par ')) {
            innerList = n;
            addProceedings(`${n}. ${body}`, true);
            continue;
          }
          if (n === agenda.length + 1 && AGENDA_TITLE.test(body)) {
            openItem(body);
            continue;
          }
          const repeated = agenda[n - 1];
          if (repeated !== undefined && sameTitle(repeated.title, body)) {
            current = n - 1;
            innerList = undefined;
            continue;
          }
          if (n === 1 && current !== undefined) {
            innerList = 1;
            addProceedings(`1. ${body}`, true);
            continue;
          }
        }
        const bullet = BULLET.exec(line);
        if (!addProceedings(bullet === null ? line : `- ${bullet[1]!}`, bullet !== null)) {
          doubt(at, 'rinda nav atpazīta (gaidīts darba kārtības punkts).');
          continue;
        }
        innerList = /:$/u.test(line) ? 0 : bullet === null && numbered === null ? undefined : innerList;
        continue;
      }
      case 'decisions': {
        if (numbered === null && reopenItem(line)) continue;
        if (numbered !== null && n !== undefined && body.startsWith('Par ')) {
          const repeated = agenda[n - 1];
          if (repeated !== undefined && sameTitle(repeated.title, body)) {
            current = n - 1;
            innerList = undefined;
            section = 'agenda';
            continue;
          }
          if (n === agenda.length + 1 && agenda.length > 0) {
            openItem(body);
            continue;
          }
        }
        const last = decisions[decisions.length - 1];
        const ownerLine = OWNER_LINE.exec(line);
        if (ownerLine !== null && last !== undefined) {
          last.extraOwners.push(...ownerLine[1]!.split(OWNER_JOINER).filter((s) => s.trim() !== ''));
          continue;
        }
        const deadlineLine = DEADLINE_LINE.exec(line);
        if (deadlineLine !== null && last !== undefined) {
          const d = findDates(deadlineLine[1]!, date === undefined ? undefined : Number(date.slice(0, 4)))[0];
          if (d?.iso === undefined) doubt(at, 'termiņa datumu nevar nolasīt.');
          else last.extraDue = d.iso;
          continue;
        }
        if (numbered !== null) {
          blockNumbered = true;
          decisions.push(draftDecision(body, at));
        } else if (blockNumbered && last !== undefined && last.block === block) {
          last.text += `\n${line}`;
        } else {
          decisions.push(draftDecision(BULLET.exec(line)?.[1] ?? line, at));
        }
        continue;
      }
      case 'closing': {
        if (findDates(line).length > 0 && stripDates(line) === '') continue; // the date under a signature
        if (/^\/?\s*paraksts\s*\/?$/iu.test(line) || /^_+$/u.test(line)) continue;
        doubt(at, 'rinda pēc sēdes beigām nav atpazīta.');
        continue;
      }
    }
  }

  /** An unnumbered `Par …` line that repeats a listed agenda title opens that item's proceedings. */
  function reopenItem(line: string): boolean {
    if (!line.startsWith('Par ')) return false;
    const at = agenda.findIndex((item) => sameTitle(item.title, line));
    if (at < 0 || (at === current && agenda[at]!.paragraphs.length > 0)) return false;
    current = at;
    innerList = undefined;
    section = 'agenda';
    return true;
  }

  function draftDecision(text: string, at: number): DraftDecision {
    return { text, paragraph: at, underItem: current, block, extraOwners: [], extraDue: undefined };
  }

  function addPeople(text: string, kind: ListKind, at: number, inline: boolean) {
    const pieces = inline ? splitOutsideBrackets(text) : [text];
    for (const piece of pieces) {
      const person = readPerson(piece.replace(/^(?:\d{1,2}[.)]\s*|[-–•·*]\s+)/u, ''), !inline);
      if (person === undefined) {
        doubt(at, `"${excerptOf(piece)}" nav atpazīts kā personas vārds un uzvārds.`);
        continue;
      }
      lists[kind].push({ ...person, paragraph: at });
    }
  }

  if (number === undefined || date === undefined) {
    const missing = number === undefined ? 'sēdes numurs (Nr. …)' : 'sēdes datums';
    throw new InvalidInput('file', `fails nav atpazīts kā sēdes protokols: nav atrasts ${missing}.`);
  }
  if (agenda.length === 0 && decisions.length === 0)
    throw new InvalidInput('file', 'fails nav atpazīts kā sēdes protokols: nav atrasta ne darba kārtība, ne lēmumi.');
  if (startTime === undefined) doubt(Math.max(dateLine, 0), 'sēdes sākuma laiks nav atrasts; ierakstīts 00:00, izlabojiet.');

  const attendees = [...lists.members, ...lists.invited, ...lists.absent];
  const inDirectory = new Set(directory.map(nameKey));
  const index = personIndex([...directory, ...attendees.map((p) => p.name).filter((name) => !inDirectory.has(nameKey(name)))]);

  const resolveSigner = (signer: { written: string; paragraph: number } | undefined): DocumentPerson | undefined => {
    if (signer === undefined) return undefined;
    const written = stripPosition(signer.written);
    const person = readPerson(signer.written, false) ?? { name: written };
    const key = nameKey(written);
    const attendee = attendees.find((p) => nameKey(p.name) === key || nameKey(shortForm(p.name)) === key);
    if (attendee !== undefined) return withPosition(attendee.name, person.position ?? attendee.position);
    if (!looksLikePerson(written)) doubt(signer.paragraph, `"${written}" nav atpazīts kā personas vārds un uzvārds.`);
    return withPosition(person.name, person.position);
  };

  const perItem = new Set(decisions.map((d) => d.block)).size > 1 || agenda.length === 1;
  const sittingDate = date;
  const documentDecisions = decisions.map((d, i) => {
    const parts = readDecision(d.text, sittingDate, index);
    const owners = [...parts.owners, ...d.extraOwners.flatMap((o) => ownerName(o, index, false) ?? [])];
    for (const o of owners)
      if (o.unknown) doubt(d.paragraph, `${i + 1}. lēmuma atbildīgais "${o.name}" nav atrasts personu sarakstā; pārbaudiet vārdu.`);
    for (const u of parts.unreadable) doubt(d.paragraph, `${i + 1}. lēmumā datumu "${u}" nevar nolasīt.`);
    const due = d.extraDue ?? parts.due;
    const agendaItem = perItem && d.underItem !== undefined ? d.underItem + 1 : undefined;
    return {
      text: parts.text,
      ...(owners.length > 0 ? { owners: owners.map((o) => o.name) } : {}),
      ...(due === undefined ? {} : { due }),
      ...(agendaItem === undefined ? {} : { agendaItem }),
    };
  });

  const document: SittingDocument = {
    format: 'protokols.sitting/1',
    number,
    date,
    ...(place === undefined ? {} : { place }),
    startTime: startTime ?? '00:00',
    ...(endTime === undefined ? {} : { endTime }),
    ...optional('chair', resolveSigner(chair)),
    ...optional('recorder', resolveSigner(recorder)),
    members: lists.members.map((p) => withPosition(p.name, p.position)),
    ...(lists.absent.length > 0
      ? {
          absent: lists.absent.map((p) => ({
            ...withPosition(p.name, p.position),
            ...(p.reason === undefined ? {} : { reason: p.reason }),
          })),
        }
      : {}),
    invited: lists.invited.map((p) => withPosition(p.name, p.position)),
    agenda: agenda.map((item) => ({
      title: item.title,
      ...(item.rapporteur === undefined ? {} : { rapporteur: item.rapporteur }),
      ...(item.paragraphs.length > 0 ? { proceedings: item.paragraphs.join('\n\n') } : {}),
    })),
    decisions: documentDecisions,
  };
  const kept = uniqueReviews(reviews, number, doubt);
  if (kept.length > 0) document.reviews = kept.map(({ paragraph: _, ...r }) => r);
  return {
    document,
    doubts: doubts.sort((a, b) => a.paragraph - b.paragraph),
    ...(kept.length > 0
      ? { reviewSources: kept.map((r) => ({ paragraph: r.paragraph + 1, excerpt: excerptOf(lines[r.paragraph] ?? '') })) }
      : {}),
  };
}

/** One review per earlier decision (the first), none of this sitting's own. */
function uniqueReviews<R extends DocumentReview & { paragraph: number }>(
  reviews: readonly R[],
  number: number,
  doubt: (at: number, message: string) => void,
): R[] {
  const seen = new Set<string>();
  return reviews.filter((r) => {
    const key = `${r.sitting}/${r.decision}`;
    if (r.sitting === number || seen.has(key)) {
      doubt(
        r.paragraph,
        `sēdes Nr. ${r.sitting} lēmuma Nr. ${r.decision} izpilde minēta vēlreiz vai attiecas uz šo pašu sēdi; nav ierakstīta.`,
      );
      return false;
    }
    seen.add(key);
    return true;
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function withPosition(name: string, position: string | undefined): DocumentPerson {
  return position === undefined || position === '' ? { name } : { name, position };
}

/** Splits `A (x, y), B (z)` at the commas and semicolons outside brackets. */
function splitOutsideBrackets(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces.map((p) => p.trim().replace(/\.$/u, '')).filter((p) => p !== '');
}

/**
 * A person as attendance lists write them: `Name Surname (position)`, `Name Surname – position`,
 * in a list of one per line also `Name Surname, position`; an absentee's reason after the position.
 */
function readPerson(text: string, onePerLine: boolean): DocumentAbsentee | undefined {
  let rest = cleanName(text);
  let position: string | undefined;
  let reason: string | undefined;
  const bracket = /^([^(]+?)\s*\(([^)]*)\)\s*(?:[–-]\s*(.+))?$/u.exec(rest);
  if (bracket !== null) {
    rest = bracket[1]!;
    position = bracket[2]!.trim();
    reason = bracket[3]?.trim();
  } else {
    const split = (onePerLine ? /^(.+?)\s*(?:\t|[–-]\s|,\s)\s*(.+)$/u : /^(.+?)\s*(?:\t|\s[–-]\s)\s*(.+)$/u).exec(rest);
    if (split !== null && looksLikePerson(split[1]!)) {
      rest = split[1]!;
      position = split[2]!.trim();
    }
  }
  if (!looksLikePerson(rest)) return undefined;
  return { name: rest, ...(position === undefined || position === '' ? {} : { position }), ...(reason === undefined ? {} : { reason }) };
}

function stripPosition(text: string): string {
  return cleanName(text.replace(/\(.*\)/u, ''));
}

function stripDates(text: string): string {
  let out = text;
  for (const d of findDates(text).reverse()) out = out.slice(0, d.index) + out.slice(d.index + d.length);
  // What is left of `A.Ozola, 02.03.2026.` is the name without the comma.
  return cleanName(out.replace(/(?<![\p{L}\d])(?:plkst\.?|pl:)\s*\d{1,2}[:.]\d{2}/giu, '')).replace(/[\s,;–-]+$/u, '');
}

/** A heading that repeats the agenda's title (the proceedings part numbering the items again). */
function sameTitle(a: string, b: string): boolean {
  const key = (s: string) =>
    s
      .toLocaleLowerCase('lv')
      .replace(/[^\p{L}\d]+/gu, ' ')
      .trim();
  const ka = key(a);
  const kb = key(b);
  return ka === kb || (kb.length > 10 && ka.startsWith(kb)) || (ka.length > 10 && kb.startsWith(ka));
}
