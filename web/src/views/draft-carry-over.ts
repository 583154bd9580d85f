// The follow-up of earlier decisions at this sitting (izpildes kontrole): one click per status, an
// optional note and new due date, saved like everything else. Shown only when the API sends
// `carryOver` with the sitting.
import { saver, type Fields } from '../autosave.ts';
import { h, uid } from '../dom.ts';
import { dateLv, STATUS_LABEL } from '../format.ts';
import type { CarriedDecision, DecisionStatus } from '../types.ts';
import { dateEntry, entryHint, entryValue, showEntry } from '../widgets/date-time.ts';
import { bind, type DraftContext } from './draft-shared.ts';

const STATUSES: DecisionStatus[] = ['done', 'in_progress', 'cancelled', 'open'];
const LABELS = { status: 'Izpilde', note: 'Piezīme', due: 'Jauns termiņš', notDiscussed: 'Nav izskatīts' };

type ReviewOf = NonNullable<CarriedDecision['review']>;

export function carryOverSection(ctx: DraftContext): HTMLElement | null {
  const carry = ctx.sitting.carryOver;
  if (carry === undefined) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'carry-title', id: 'carry-over' },
    h('h2', { id: 'carry-title' }, 'Iepriekšējo lēmumu izpildes kontrole'),
    carry.length === 0
      ? h('p', null, 'Nav iepriekšējo lēmumu, kuru izpilde būtu jāizskata.')
      : h(
          'ol',
          { class: 'carry-list' },
          carry.map((c) => carryRow(ctx, c)),
        ),
  );
}

/**
 * What the owners reported before this sitting, beside where the follow-up is recorded: the
 * status as it stood and the last progress note, earlier notes folded away.
 */
function progress(c: CarriedDecision): HTMLElement {
  const notes = c.notes;
  const last = notes[notes.length - 1];
  const noteLine = (n: CarriedDecision['notes'][number]) =>
    `${dateLv(n.date)}: ${n.note}${n.status === null ? '' : ` (${STATUS_LABEL[n.status]})`}${n.external === true ? ' (ārējs)' : ''}`;
  return h(
    'div',
    { class: 'carry-progress' },
    h('p', null, 'Stāvoklis pirms sēdes: ', h('strong', { class: 'carry-status' }, STATUS_LABEL[c.statusBefore]), '.'),
    h(
      'p',
      { class: 'carry-note' },
      last === undefined
        ? 'Atbildīgie piezīmes nav ierakstījuši.'
        : [`Pēdējā atbildīgo piezīme (${dateLv(last.date)}): `, h('span', { class: 'carry-note-text' }, last.note)],
    ),
    notes.length < 2
      ? null
      : h(
          'details',
          null,
          h('summary', null, `Visas piezīmes (${notes.length})`),
          h(
            'ul',
            { class: 'notes' },
            notes.map((n) => h('li', null, noteLine(n))),
          ),
        ),
  );
}

function carryRow(ctx: DraftContext, c: CarriedDecision): HTMLElement {
  const s = ctx.sitting;
  const review = c.review;
  const entry =
    review !== null
      ? saver.track('review', review.id, review.version)
      : saver.create(
          'review',
          `/api/sittings/${s.id}/reviews`,
          { sittingId: s.id, decisionId: c.decisionId },
          {},
          `new-review:${s.id}:${c.decisionId}`,
        );
  const unsent = entry.unsent ?? {};
  const data = {
    status: (unsent.status as DecisionStatus | undefined) ?? review?.status ?? null,
    note: typeof unsent.note === 'string' ? unsent.note : (review?.note ?? ''),
    due: unsent.due !== undefined ? (unsent.due as string | null) : (review?.due ?? null),
    notDiscussed: typeof unsent.notDiscussed === 'boolean' ? unsent.notDiscussed : (review?.notDiscussed ?? false),
  };
  const errorSlot = h('div');
  const conflictSlot = h('div');
  const note = h('input', { type: 'text', value: data.note, maxlength: 2000 });
  const due = dateEntry(data.due);
  const notDiscussed = h('input', { type: 'checkbox', checked: data.notDiscussed });
  const buttons = STATUSES.map((status) =>
    h(
      'button',
      {
        type: 'button',
        class: `status-button status-${status}`,
        'aria-pressed': data.status === status ? 'true' : 'false',
        onclick: () => {
          data.status = status;
          paint();
          change({ status }, true);
        },
      },
      STATUS_LABEL[status],
    ),
  );
  const paint = () => buttons.forEach((b, i) => b.setAttribute('aria-pressed', STATUSES[i] === data.status ? 'true' : 'false'));
  const change = (fields: Fields, immediate = false) => saver.change(entry, fields, { immediate });
  note.addEventListener('input', () => {
    data.note = note.value;
    change({ note: note.value === '' ? null : note.value });
  });
  due.addEventListener('change', () => {
    data.due = entryValue(due);
    change({ due: data.due });
  });
  notDiscussed.addEventListener('change', () => {
    data.notDiscussed = notDiscussed.checked;
    change({ notDiscussed: notDiscussed.checked }, true);
  });

  bind<ReviewOf>(ctx, entry, {
    kind: 'review',
    labels: LABELS,
    conflictSlot,
    errorSlot,
    find: (sitting, id) => sitting.carryOver?.find((x) => x.review?.id === id)?.review ?? undefined,
    valuesOf: (r) => ({ status: r.status, note: r.note, due: r.due, notDiscussed: r.notDiscussed ?? false }),
    apply: (values) => {
      if (values.status !== undefined) data.status = values.status as DecisionStatus;
      if (values.note !== undefined) note.value = data.note = (values.note as string | null) ?? '';
      if (values.due !== undefined) showEntry(due, (data.due = values.due as string | null));
      if (values.notDiscussed !== undefined) notDiscussed.checked = data.notDiscussed = Boolean(values.notDiscussed);
      paint();
    },
    prepare: (fields) => {
      if (entry.id !== null) return fields;
      // A new follow-up needs a status; a note typed first waits for it.
      if (data.status === null) return null;
      return {
        decisionId: c.decisionId,
        status: data.status,
        ...(data.note === '' ? {} : { note: data.note }),
        ...(data.due === null ? {} : { due: data.due }),
        ...(data.notDiscussed ? { notDiscussed: true } : {}),
      };
    },
  });

  const groupLabel = uid('status');
  return h(
    'li',
    { class: 'carry', 'data-decision': c.decisionId },
    h(
      'div',
      { class: 'carry-head' },
      h('strong', null, c.reference),
      c.due === null
        ? null
        : h('span', { class: c.overdue ? 'badge badge-overdue' : 'badge' }, `termiņš ${dateLv(c.due)}${c.overdue ? ' – nokavēts' : ''}`),
      c.owners.length === 0 ? null : h('span', { class: 'muted' }, `Atbildīgie: ${c.owners.join(', ')}`),
    ),
    h('p', { class: 'carry-text' }, c.text),
    progress(c),
    h(
      'div',
      { class: 'status-buttons', role: 'group', 'aria-labelledby': groupLabel },
      h('span', { id: groupLabel, class: 'group-label' }, 'Izpilde:'),
      buttons,
    ),
    h(
      'div',
      { class: 'carry-fields' },
      h('div', { class: 'field grow' }, h('label', { for: (note.id = uid()) }, 'Piezīme (nav obligāti)'), note),
      h('div', { class: 'field' }, h('label', { for: (due.id = uid()) }, 'Jauns termiņš'), due, entryHint(due)),
      h('div', { class: 'check' }, notDiscussed, h('label', { for: (notDiscussed.id = uid()) }, 'Nav izskatīts šajā sēdē')),
    ),
    errorSlot,
    conflictSlot,
  );
}
