// The minutes as plain data: every line already worded in Latvian from templates/, the full or
// the public version, ready for a renderer (DOCX, HTML) that only lays it out.
import type { MinutesSource, MinutesVersion } from './minutes-source.ts';
import type { MinutesSettings } from '../domain/group-settings.ts';
import type { DecisionStatus } from '../domain/decision-state.ts';
import { personMatcher, shortForm, type NamedPerson } from '../domain/names.ts';
import { carriedFor, fullView, hides, publicView, sittingRevealsConfidential, type ReaderView } from '../domain/reader-view.ts';
import type { CarriedDecision, Decision, SittingDetail } from '../schemas/sittings.ts';
import { needsOwnerLine } from './mentions.ts';
import { parseProceedings } from './proceedings.ts';
import type { TextBlock } from './proceedings.ts';
import { loadMinutesTemplates } from '../wording/templates.ts';
import type { MinutesTemplates } from '../wording/templates.ts';
import { clockTime, longDateParts, plainText, printedName, shortDate } from './typography.ts';

export type { ListBlock, ListItem, ParagraphBlock, TextBlock, TextRun } from './proceedings.ts';

export interface FollowUpTable {
  kind: 'followUps';
  header: { decision: string; text: string; owners: string; due: string; outcome: string };
  /** Cells are plain text; `\n` separates lines within a cell. */
  rows: Array<{ decision: string; text: string; owners: string; due: string; outcome: string }>;
}

export type Block = TextBlock | FollowUpTable;

export interface ProceedingsItem {
  /** The agenda title as printed (rapporteur in brackets), numbered by the renderer. */
  title: string;
  blocks: Block[];
}

export interface DecisionLine {
  text: string;
  /** "Atbildīgie: … Termiņš: …", only when the text does not already say it. */
  ownerLine?: string;
  /** "(Prevencijas plāna pasākums 5.3.1.)", when the decision serves an activity of the plan. */
  planActivity?: string;
  /** The lines printed under the decision's text, in order: the renderers print these, not the named fields. */
  under: string[];
}

export interface SignatureLine {
  role: string;
  name: string;
}

export interface MinutesViewModel {
  version: MinutesVersion;
  layout: Pick<MinutesSettings, 'signatureMode' | 'fontFamily' | 'fontSizePt' | 'marginsMm'>;
  /** For document properties and the HTML title. */
  documentTitle: string;
  /** ISO date of the sitting, for fixed document timestamps. */
  sittingDate: string;
  restrictedMarking?: string;
  titleLines: string[];
  /** "Publiskā versija": the first line under the title block of the public version. */
  versionLine?: string;
  place: string;
  date: string;
  number: string;
  /** Absent while a draft has no start time: no dangling "plkst." (signing requires the time). */
  opened?: string;
  attendance: string[];
  agendaHeading: string;
  /** Agenda titles, numbered by the renderer. */
  agenda: string[];
  proceedingsHeading: string;
  items: ProceedingsItem[];
  decisionsHeading: string;
  decisions: DecisionLine[];
  closed?: string;
  signatures: SignatureLine[];
  /** "(paraksts)" in paper mode; absent when signed electronically. */
  signatureHint?: string;
  /** The closing notice of e-signed minutes. */
  esignatureNotice?: string;
}

export interface ViewModelOptions {
  /** Templates other than the project's (a group's own wording); default templates/. */
  templates?: MinutesTemplates;
}

/** Builds the minutes of `source.sitting` as the `version` prints them. */
export function buildMinutesViewModel(source: MinutesSource, version: MinutesVersion, options: ViewModelOptions = {}): MinutesViewModel {
  const t = options.templates ?? loadMinutesTemplates();
  const { group, sitting } = source;
  const restricted = t.phrase('restrictedContent');
  const view = version === 'public' ? publicView(restricted) : fullView(restricted);
  const hiddenItems = new Set(sitting.agendaItems.flatMap((item, i) => (hides(view, item.confidential) ? [i + 1] : [])));
  const agendaNumber = new Map(sitting.agendaItems.map((item, i) => [item.id, i + 1]));
  const followUps = sitting.carryOver;

  const agendaItems: Array<{ title: string; rapporteur?: string | null; proceedings?: string }> = sitting.agendaItems.map((item) => ({
    ...item,
  }));
  // The follow-up table is item 1's proceedings; with no agenda at all, item 1 is made for it.
  if (followUps.length > 0 && agendaItems.length === 0) {
    agendaItems.push({ title: t.phrase('followUp.itemTitle') });
  }

  const titles = agendaItems.map((item, i) =>
    hiddenItems.has(i + 1)
      ? restricted
      : t.phrase('agendaItem', { title: plainText(item.title), rapporteur: printedOrNone(item.rapporteur) }),
  );

  const items: ProceedingsItem[] = agendaItems.map((item, i) => {
    const hidden = hiddenItems.has(i + 1);
    const blocks: Block[] = [];
    if (!hidden && i === 0 && followUps.length > 0) blocks.push(followUpTable(followUps, view, t));
    if (!hidden && item.proceedings !== undefined) blocks.push(...parseProceedings(item.proceedings));
    return { title: titles[i] as string, blocks };
  });

  const attendees = (role: 'member' | 'absent' | 'invited'): Attendee[] =>
    sitting.attendance.filter((a) => a.role === role).map((a) => ({ name: a.name, position: a.position, reason: a.reason }));
  const members = attendees('member');
  const absent = attendees('absent');
  const invited = attendees('invited');
  const nameOwner = ownerNamer(sitting);

  const decisions: DecisionLine[] = sitting.decisions.map((decision) => {
    const agendaItem = decision.agendaItemId === null ? undefined : agendaNumber.get(decision.agendaItemId);
    if (agendaItem !== undefined && hiddenItems.has(agendaItem)) {
      return { text: restricted, under: [] };
    }
    const { text, owners, due } = printedDecision(decision, nameOwner);
    const line: DecisionLine = { text, under: [] };
    if (needsOwnerLine(text, owners, due)) {
      const shownDue = due === undefined ? undefined : shortDate(due);
      line.ownerLine = t.phrase('decisionOwners', { owners: owners.join(', '), ownerCount: owners.length, due: shownDue });
    }
    if (decision.planActivity !== null)
      line.planActivity = t.phrase('decisionPlanActivity', { activity: plainText(decision.planActivity) });
    line.under = [line.ownerLine, line.planActivity].filter((l) => l !== undefined);
    return line;
  });

  const person = (p: Attendee) => t.phrase('person', { name: printedName(p.name), position: printedOrNone(p.position) });
  const peopleLine = (key: 'members' | 'invited', list: Attendee[]) =>
    list.length > 0 ? [t.phrase(key, { people: list.map(person).join(', ') })] : [];
  const attendance = [
    ...peopleLine('members', members),
    ...(absent.length > 0
      ? [
          t.phrase('absent', {
            people: absent
              .map((p) =>
                t.phrase('absentee', {
                  name: printedName(p.name),
                  position: printedOrNone(p.position),
                  reason: printedOrNone(p.reason),
                }),
              )
              .join(', '),
          }),
        ]
      : []),
    ...peopleLine('invited', invited),
    ...(sitting.chair ? [t.phrase('chair', { person: person(sitting.chair) })] : []),
    ...(sitting.recorder ? [t.phrase('recorder', { person: person(sitting.recorder) })] : []),
  ];

  const signatures: SignatureLine[] = [
    ...(sitting.chair ? [{ role: t.phrase('signatureChair'), name: shortForm(plainText(sitting.chair.name)) }] : []),
    ...(sitting.recorder ? [{ role: t.phrase('signatureRecorder'), name: shortForm(plainText(sitting.recorder.name)) }] : []),
  ];

  const esigned = group.minutes.signatureMode === 'esignature';
  const vm: MinutesViewModel = {
    version,
    layout: {
      signatureMode: group.minutes.signatureMode,
      fontFamily: group.minutes.fontFamily,
      fontSizePt: group.minutes.fontSizePt,
      marginsMm: { ...group.minutes.marginsMm },
    },
    documentTitle: t.phrase('documentTitle', { number: sitting.number }),
    sittingDate: sitting.date,
    titleLines: [t.phrase('titleGroup', { groupGenitive: plainText(group.nameGenitive) }), t.phrase('title')],
    place: t.phrase('place', { place: plainText(sitting.place) }),
    date: t.phrase('date', longDateParts(sitting.date)),
    number: t.phrase('number', { number: sitting.number }),
    attendance,
    agendaHeading: t.phrase('agendaHeading'),
    agenda: titles,
    proceedingsHeading: t.phrase('proceedingsHeading'),
    items,
    decisionsHeading: t.phrase('decisionsHeading'),
    decisions,
    signatures,
  };
  // Any restricted text printed, the sitting's own or a carried decision's, marks the whole document.
  if (sittingRevealsConfidential(view, sitting)) vm.restrictedMarking = t.phrase('restrictedMarking');
  if (version === 'public') vm.versionLine = t.phrase('publicVersion');
  if (sitting.startTime !== null) vm.opened = t.phrase('opened', { time: clockTime(sitting.startTime) });
  if (sitting.endTime !== null) vm.closed = t.phrase('closed', { time: clockTime(sitting.endTime) });
  if (esigned) vm.esignatureNotice = plainText(group.minutes.esignatureNotice);
  else vm.signatureHint = t.phrase('signatureHint');
  return vm;
}

/** The item-1 title for a sitting that follows up earlier decisions, from the templates. */
export function defaultFollowUpItemTitle(templates: MinutesTemplates = loadMinutesTemplates()): string {
  return templates.phrase('followUp.itemTitle');
}

/** The file name of a protocol: Protokols_Nr_7_2025-07-08.docx, or …_publiska.docx for the public version. */
export function minutesFileName(
  number: number,
  date: string,
  extension: 'docx' | 'html' | 'pdf' = 'docx',
  version: MinutesVersion = 'full',
  templates: MinutesTemplates = loadMinutesTemplates(),
): string {
  const base = templates.phrase('fileName', { number, date, public: version === 'public' }).replace(/[^\p{L}\p{N}._-]+/gu, '_');
  return `${base}.${extension}`;
}

type NamedPeople = Array<{ id: number; fullName: string; shortName: null }>;
type AttendeeMatcher = (name: string) => NamedPerson | undefined;
type OwnerNamer = (owner: string) => string;

/** Whom a sitting names: its attendees with their roles, its chair and its recorder. */
export interface SittingNames {
  attendance: ReadonlyArray<{ name: string; role: SittingDetail['attendance'][number]['role'] }>;
  chair: { name: string } | null;
  recorder: { name: string } | null;
}

/** The people a sitting names (attendees, chair, recorder): whom a decision's owners are matched to. */
function namedPeople(sitting: SittingNames): NamedPeople {
  const attending = (['member', 'absent', 'invited'] as const).flatMap((role) => sitting.attendance.filter((a) => a.role === role));
  return [...attending, ...(sitting.chair ? [sitting.chair] : []), ...(sitting.recorder ? [sitting.recorder] : [])].map((p, id) => ({
    id,
    fullName: plainText(p.name),
    shortName: null,
  }));
}

/** A decision's text, owners and due date as the minutes print and compare them. */
function printedDecision(decision: Pick<Decision, 'text' | 'owners' | 'due'>, nameOwner: OwnerNamer) {
  return {
    text: plainText(decision.text),
    owners: decision.owners.map((owner) => nameOwner(owner.name)),
    due: decision.due ?? undefined,
  };
}

/**
 * For the decisions of one sitting: whether the minutes leave out a decision's "Atbildīgie: …
 * Termiņš: …" line because its text already names them (the editor says so beside the deadline
 * field). The sitting's people are keyed once for all its decisions.
 */
export function ownerLineLeftOut(sitting: SittingNames): (decision: Pick<Decision, 'text' | 'owners' | 'due'>) => boolean {
  // Keyed at the first decision asked about: a sitting without decisions (yet) needs no key.
  let nameOwner: OwnerNamer | undefined;
  return (decision) => {
    nameOwner ??= ownerNamer(sitting);
    const { text, owners, due } = printedDecision(decision, nameOwner);
    return (owners.length > 0 || due !== undefined) && !needsOwnerLine(text, owners, due);
  };
}

/**
 * How the minutes print the owners typed in this sitting's decisions. The same few owners come back
 * under many decisions: each typed name is matched to the sitting's people once.
 */
function ownerNamer(sitting: SittingNames): OwnerNamer {
  const matchAttendee = personMatcher(namedPeople(sitting));
  const printed = new Map<string, string>();
  return (owner) => {
    let name = printed.get(owner);
    if (name === undefined) printed.set(owner, (name = ownerName(owner, matchAttendee)));
    return name;
  };
}

/** An owner as printed: a person of the sitting in short form, anyone else as written. */
function ownerName(owner: string, matchAttendee: AttendeeMatcher): string {
  const typed = printedName(owner);
  const person = matchAttendee(typed);
  if (person !== undefined) return shortForm(person.fullName);
  // Initials and surname (I.Liepiņa) are a person outside the group; other text (an institution) stays as is.
  return /^(\p{Lu}\.[\s\u00a0]?)+\p{Lu}\p{Ll}/u.test(typed) ? shortForm(typed) : typed;
}

const STATUS_KEYS: Record<
  DecisionStatus,
  'followUp.statusDone' | 'followUp.statusInProgress' | 'followUp.statusCancelled' | 'followUp.statusOpen'
> = {
  done: 'followUp.statusDone',
  in_progress: 'followUp.statusInProgress',
  cancelled: 'followUp.statusCancelled',
  open: 'followUp.statusOpen',
};

function followUpTable(followUps: CarriedDecision[], view: ReaderView, t: MinutesTemplates): FollowUpTable {
  return {
    kind: 'followUps',
    header: {
      decision: t.phrase('followUp.columnDecision'),
      text: t.phrase('followUp.columnText'),
      owners: t.phrase('followUp.columnOwners'),
      due: t.phrase('followUp.columnDue'),
      outcome: t.phrase('followUp.columnOutcome'),
    },
    rows: followUps.map((carried) => {
      // A confidential decision's text, owners and note may identify a child: the reader view drops them.
      const c = carriedFor(view, carried);
      // A decision not discussed here has no outcome of this sitting.
      const review = c.review !== null && !c.review.notDiscussed ? c.review : null;
      const outcome = [
        t.phrase(review === null ? 'followUp.statusNotReviewed' : STATUS_KEYS[review.status]),
        nonEmpty(review?.note) ? plainText(review.note).trim() : '',
        nonEmpty(review?.due) ? t.phrase('followUp.newDue', { due: shortDate(review.due) }) : '',
      ].filter((line) => line !== '');
      return {
        decision: t.phrase('followUp.reference', { sitting: c.sittingNumber, decision: c.number }),
        text: plainText(c.text),
        owners: c.owners.map(printedName).join(', '),
        due: c.due === null ? '' : shortDate(c.due),
        outcome: outcome.join('\n'),
      };
    }),
  };
}

/** A person as the minutes name them: name, and position and reason where recorded. */
interface Attendee {
  name: string;
  position: string | null;
  reason?: string | null;
}

function nonEmpty(value: string | null | undefined): value is string {
  return value !== null && value !== undefined;
}

/** An optional text as the templates take it: absent when not recorded. */
function printedOrNone(value: string | null | undefined): string | undefined {
  return nonEmpty(value) ? plainText(value) : undefined;
}
