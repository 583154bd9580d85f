// The agenda of the drafting screen: items (add, rename, reorder by keyboard and drag, mark
// confidential) with their proceedings and, under each, its decisions (Ctrl+Enter adds one; owners
// by type-ahead; due date; reorder; numbers follow by themselves). Decisions tied to no item are
// listed after the agenda.
import { api, errorText } from '../api.ts';
import { RECORD_URL, saver, type Fields, type SaveEntry } from '../autosave.ts';
import { describedBy, h, notice, replaceChildren, uid } from '../dom.ts';
import { renderMarkup } from '../markup.ts';
import type { AgendaItem, Decision, MoveBody, Owner } from '../types.ts';
import { dateEntry, entryHint, entryValue, showEntry } from '../widgets/date-time.ts';
import { ownerPicker, type OwnerPicker } from '../widgets/owner-picker.ts';
import { sortable } from '../widgets/sortable.ts';
import { bind, toOwnerInput, type DraftContext } from './draft-shared.ts';
import { agendaItemActivitiesToggle, withActivitySearch } from './plan-picker.ts';

interface ItemView {
  /** Stable for the life of the page, also for an item not yet created on the server. */
  localKey: string;
  entry: SaveEntry;
  data: { title: string; rapporteur: string; proceedings: string; confidential: boolean };
  el: HTMLLIElement;
  numberEl: HTMLElement;
  titleInput: HTMLInputElement;
  proceedings: HTMLTextAreaElement;
  decisionList: HTMLOListElement;
  errorSlot: HTMLElement;
}

interface DecisionView {
  localKey: string;
  entry: SaveEntry;
  item: ItemView | null;
  data: { text: string; owners: Owner[]; due: string | null; planActivity: string | null };
  el: HTMLLIElement;
  numberEl: HTMLElement;
  text: HTMLTextAreaElement;
  picker: OwnerPicker;
  due: HTMLInputElement;
  planActivity: HTMLInputElement;
  itemSelect: HTMLSelectElement;
  errorSlot: HTMLElement;
}

/** Items put on screen at once; a 40-item sitting gets the rest a few frames later. */
const FIRST_ITEMS = 6;

const ITEM_LABELS = {
  title: 'Nosaukums',
  rapporteur: 'Ziņotājs',
  proceedings: 'Darba gaita',
  confidential: 'Ierobežotas pieejamības informācija',
};
const DECISION_LABELS = {
  text: 'Lēmuma teksts',
  owners: 'Atbildīgie',
  due: 'Termiņš',
  planActivity: 'Prevencijas plāna pasākums',
  agendaItemId: 'Darba kārtības punkts',
};

export class AgendaEditor {
  readonly el: HTMLElement;
  readonly looseEl: HTMLElement;
  private items: ItemView[] = [];
  private decisions: DecisionView[] = [];
  private list = h('ol', { class: 'agenda-list' });
  private looseList = h('ol', { class: 'decision-list loose' });
  private message = h('div', { 'aria-live': 'polite' });
  /** How many items are in the document; the rest of a long agenda is added just after the first paint. */
  private shown = 0;

  constructor(private ctx: DraftContext) {
    const s = ctx.sitting;
    for (const item of s.agendaItems) this.items.push(this.itemView(item, null));
    for (const restored of saver.unsentCreates('agenda-item', { sittingId: s.id })) this.items.push(this.itemView(null, restored));
    const byId = new Map(this.items.filter((i) => i.entry.id !== null).map((i) => [i.entry.id, i]));
    for (const d of s.decisions)
      this.decisions.push(this.decisionView(d, d.agendaItemId === null ? null : (byId.get(d.agendaItemId) ?? null), null));
    for (const restored of saver.unsentCreates('decision', { sittingId: s.id })) {
      const item = this.items.find((i) => i.localKey === restored.meta.agendaRef) ?? null;
      const view = this.decisionView(null, item, restored);
      this.decisions.splice(this.insertIndexFor(item), 0, view);
    }

    sortable(this.list, '.agenda-item', (el, to) => {
      const item = this.items.find((i) => i.el === el);
      if (item !== undefined) void this.moveItem(item, to);
    });
    const addItem = h('button', { type: 'button', class: 'add', onclick: () => this.addItem() }, '+ Pievienot darba kārtības punktu');
    this.el = h(
      'section',
      { class: 'card', 'aria-labelledby': 'agenda-title', id: 'agenda' },
      h('h2', { id: 'agenda-title' }, 'Darba kārtība un darba gaita'),
      h(
        'p',
        { class: 'hint' },
        'Darba gaitā: tukša rinda sāk jaunu rindkopu, “1. ” – numurēts saraksts, “- ” – aizzīmes, **treknraksts**, *slīpraksts*. ',
        h('kbd', null, 'Ctrl'),
        '+',
        h('kbd', null, 'Enter'),
        ' – jauns lēmums pie šī punkta. ',
        h('kbd', null, 'Alt'),
        '+',
        h('kbd', null, '↑'),
        '/',
        h('kbd', null, '↓'),
        ' – pārvietot punktu vai lēmumu.',
      ),
      this.message,
      this.list,
      ctx.readOnly ? null : addItem,
    );
    sortable(this.looseList, '.decision', (el, to) => this.dropDecision(el, to));
    this.looseEl = h(
      'section',
      { class: 'card', 'aria-labelledby': 'loose-title', id: 'decisions' },
      h('h2', { id: 'loose-title' }, 'Lēmumi bez darba kārtības punkta'),
      h('p', { class: 'hint' }, 'Piemēram, nākamās sēdes datums. Numerācija visiem sēdes lēmumiem ir kopīga.'),
      this.looseList,
      ctx.readOnly ? null : h('button', { type: 'button', class: 'add', onclick: () => this.addDecision(null) }, '+ Pievienot lēmumu'),
      ctx.readOnly
        ? null
        : h('button', { type: 'button', class: 'secondary', onclick: () => void this.renumber() }, 'Numurēt lēmumus darba kārtības secībā'),
    );
    this.layout(FIRST_ITEMS);
    this.appendRest();
  }

  // ---- agenda items -------------------------------------------------------------------------

  private itemView(item: AgendaItem | null, restored: { key: string; fields: Fields; meta: Fields } | null): ItemView {
    const s = this.ctx.sitting;
    const entry =
      item !== null
        ? saver.track('agenda-item', item.id, item.version)
        : saver.create('agenda-item', `/api/sittings/${s.id}/agenda-items`, { sittingId: s.id, createdAt: Date.now() }, {}, restored?.key);
    const unsent = entry.unsent ?? {};
    const data = {
      title: str(unsent.title, item?.title ?? ''),
      rapporteur: str(unsent.rapporteur, item?.rapporteur ?? ''),
      proceedings: str(unsent.proceedings, item?.proceedings ?? ''),
      confidential: typeof unsent.confidential === 'boolean' ? unsent.confidential : (item?.confidential ?? false),
    };
    const titleInput = h('input', { type: 'text', value: data.title, required: true, maxlength: 2000, class: 'item-title' });
    const rapporteur = h('input', { type: 'text', value: data.rapporteur, maxlength: 500 });
    const confidential = h('input', { type: 'checkbox', checked: data.confidential });
    const proceedings = h('textarea', { rows: 6, class: 'proceedings', spellcheck: 'true' });
    proceedings.value = data.proceedings;
    const preview = h('div', { class: 'preview minutes-text' });
    const details = h('details', { class: 'preview-box' }, h('summary', null, 'Priekšskatījums'), preview);
    const renderPreview = () => {
      if (details.open) preview.replaceChildren(renderMarkup(proceedings.value));
    };
    details.addEventListener('toggle', renderPreview);
    const numberEl = h('span', { class: 'item-no', 'aria-hidden': 'true' });
    const errorSlot = h('div');
    const conflictSlot = h('div');
    const decisionList = h('ol', { class: 'decision-list' });
    const localKey = entry.key;

    const view: ItemView = { localKey, entry, data, el: h('li'), numberEl, titleInput, proceedings, decisionList, errorSlot };
    const change = (fields: Partial<ItemView['data']>, immediate = false) => {
      Object.assign(data, fields);
      saver.change(entry, fields, { immediate });
    };
    titleInput.addEventListener('input', () => change({ title: titleInput.value }));
    rapporteur.addEventListener('input', () => change({ rapporteur: rapporteur.value }));
    confidential.addEventListener('change', () => change({ confidential: confidential.checked }, true));
    proceedings.addEventListener('input', () => {
      change({ proceedings: proceedings.value });
      renderPreview();
    });
    proceedings.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.addDecision(view);
      }
    });

    bind<AgendaItem>(this.ctx, entry, {
      kind: 'agenda-item',
      labels: ITEM_LABELS,
      conflictSlot,
      errorSlot,
      find: (sitting, id) => sitting.agendaItems.find((i) => i.id === id),
      valuesOf: (i) => ({ title: i.title, rapporteur: i.rapporteur ?? '', proceedings: i.proceedings, confidential: i.confidential }),
      apply: (values) => {
        Object.assign(data, values);
        titleInput.value = data.title;
        rapporteur.value = data.rapporteur;
        proceedings.value = data.proceedings;
        confidential.checked = data.confidential;
        renderPreview();
      },
      prepare: (fields) => {
        if (entry.id !== null) return { ...fields, ...(fields.rapporteur === '' ? { rapporteur: null } : {}) };
        if (data.title.trim() === '') return null;
        const position = this.items.slice(0, this.items.indexOf(view)).filter((i) => i.entry.id !== null).length + 1;
        return {
          title: data.title,
          ...(data.rapporteur === '' ? {} : { rapporteur: data.rapporteur }),
          proceedings: data.proceedings,
          confidential: data.confidential,
          position,
        };
      },
      saved: () => {
        view.el.dataset.saved = 'true';
        view.el.dataset.id = String(entry.id);
      },
    });

    const titleId = uid('title');
    titleInput.id = titleId;
    const move = (delta: number) => void this.moveItem(view, this.items.indexOf(view) + delta);
    view.el = h(
      'li',
      {
        class: 'agenda-item',
        'data-key': localKey,
        'data-id': entry.id ?? '',
        onkeydown: (event: KeyboardEvent) => {
          if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.defaultPrevented) {
            event.preventDefault();
            move(event.key === 'ArrowUp' ? -1 : 1);
          }
        },
      },
      h(
        'div',
        { class: 'item-head' },
        h('span', { class: 'drag-handle', draggable: 'true', title: 'Vilkt, lai pārvietotu', 'aria-hidden': 'true' }, '⠿'),
        numberEl,
        h('div', { class: 'field grow' }, h('label', { for: titleId }, 'Punkta nosaukums'), titleInput),
        h('div', { class: 'field rapporteur' }, h('label', { for: idOf(rapporteur) }, 'Ziņotājs (nav obligāti)'), rapporteur),
      ),
      item?.followUp === true
        ? h(
            'p',
            { class: 'hint' },
            'Šī punkta darba gaitā protokols iekļaus iepriekšējo lēmumu izpildes tabulu (sadaļa “Iepriekšējo lēmumu izpildes kontrole”).',
          )
        : null,
      labelled('Darba gaita', proceedings),
      details,
      item === null ? null : agendaItemActivitiesToggle(item.id),
      // After the fields, so Tab goes from the title to Ziņotājs and Darba gaita (Alt+↑/↓ move too).
      h(
        'div',
        { class: 'item-foot' },
        h('div', { class: 'check' }, confidential, h('label', { for: idOf(confidential) }, 'Ierobežotas pieejamības informācija')),
        h(
          'div',
          { class: 'row-tools' },
          h(
            'button',
            { type: 'button', class: 'icon', 'aria-label': 'Pārvietot punktu augšup', title: 'Augšup (Alt+↑)', onclick: () => move(-1) },
            '↑',
          ),
          h(
            'button',
            { type: 'button', class: 'icon', 'aria-label': 'Pārvietot punktu lejup', title: 'Lejup (Alt+↓)', onclick: () => move(1) },
            '↓',
          ),
          deleteButton('Dzēst punktu', () => this.deleteItem(view)),
        ),
      ),
      errorSlot,
      conflictSlot,
      h('h3', { class: 'decisions-title' }, 'Lēmumi'),
      decisionList,
      this.ctx.readOnly
        ? null
        : h('button', { type: 'button', class: 'add small', onclick: () => this.addDecision(view) }, '+ Lēmums pie šī punkta'),
    );
    sortable(decisionList, '.decision', (el, to) => this.dropDecision(el, to));
    return view;
  }

  private addItem(): void {
    const view = this.itemView(null, null);
    this.items.push(view);
    this.layout();
    view.titleInput.focus();
  }

  private async moveItem(item: ItemView, to: number): Promise<void> {
    const from = this.items.indexOf(item);
    if (to < 0 || to >= this.items.length || to === from) return;
    if (!(await this.ensureSaved())) return;
    try {
      await saver.exclusive(item.entry, (version) =>
        api.post<AgendaItem>(`${RECORD_URL['agenda-item'](item.entry.id ?? 0)}/move`, { version, to: to + 1 } satisfies MoveBody),
      );
      this.items.splice(from, 1);
      this.items.splice(to, 0, item);
      this.layout();
      this.ctx.announce(`Punkts pārvietots uz ${to + 1}. vietu.`);
    } catch (err) {
      this.fail('Punktu neizdevās pārvietot', err);
    }
  }

  private async deleteItem(item: ItemView): Promise<void> {
    if (this.decisions.some((d) => d.item === item)) {
      replaceChildren(item.errorSlot, notice('error', 'Vispirms dzēsiet vai pārvietojiet šī punkta lēmumus.'));
      return;
    }
    try {
      if (item.entry.id !== null) {
        await saver.exclusive(item.entry, (version) => api.del(`${RECORD_URL['agenda-item'](item.entry.id ?? 0)}?version=${version}`));
      }
      saver.discard(item.entry);
      this.items.splice(this.items.indexOf(item), 1);
      item.el.remove();
      this.layout();
      this.ctx.announce('Punkts dzēsts.');
    } catch (err) {
      this.fail('Punktu neizdevās dzēst', err);
    }
  }

  // ---- decisions ----------------------------------------------------------------------------

  private decisionView(
    decision: Decision | null,
    item: ItemView | null,
    restored: { key: string; fields: Fields; meta: Fields } | null,
  ): DecisionView {
    const s = this.ctx.sitting;
    const entry =
      decision !== null
        ? saver.track('decision', decision.id, decision.version)
        : saver.create(
            'decision',
            `/api/sittings/${s.id}/decisions`,
            { sittingId: s.id, agendaRef: item?.localKey ?? null, createdAt: Date.now() },
            {},
            restored?.key,
          );
    const unsent = entry.unsent ?? {};
    const data: DecisionView['data'] = {
      text: str(unsent.text, decision?.text ?? ''),
      owners: Array.isArray(unsent.owners)
        ? (unsent.owners as Array<{ personId?: number; name?: string }>).map((o) => this.ownerOf(o))
        : [...(decision?.owners ?? [])],
      due: unsent.due !== undefined ? (unsent.due as string | null) : (decision?.due ?? null),
      planActivity: unsent.planActivity !== undefined ? (unsent.planActivity as string | null) : (decision?.planActivity ?? null),
    };
    const text = h('textarea', { rows: 2, class: 'decision-text', required: true, maxlength: 10000 });
    text.value = data.text;
    const due = dateEntry(data.due);
    const dueNote = dueInTextNote(due);
    dueNote.show(decision?.ownerLineInText === true && data.due !== null);
    // Numbers of the prevention plan's activities (5.3.1.); the server adds a missing trailing dot.
    const planActivity = h('input', {
      type: 'text',
      class: 'plan-activity',
      value: data.planActivity ?? '',
      placeholder: '5.3.1.',
      title: 'Prevencijas plāna pasākums',
      inputmode: 'decimal',
      maxlength: 20,
      autocomplete: 'off',
    });
    withActivitySearch(planActivity);
    const itemSelect = h('select', { class: 'item-select' });
    const numberEl = h('span', { class: 'decision-no' });
    const errorSlot = h('div');
    const conflictSlot = h('div');
    const view = {
      localKey: entry.key,
      entry,
      item,
      data,
      numberEl,
      text,
      due,
      planActivity,
      itemSelect,
      errorSlot,
    } as unknown as DecisionView;
    const change = (fields: Fields, immediate = false) => {
      if (entry.id === null && data.text.trim() === '') return;
      saver.change(entry, fields, { immediate });
    };
    const picker = ownerPicker('Atbildīgie', this.ctx.people, data.owners, (owners) => {
      data.owners = owners;
      change({ owners: owners.map((o) => toOwnerInput(this.ctx.people, o)) }, true);
    });
    view.picker = picker;
    text.addEventListener('input', () => {
      data.text = text.value;
      // A new decision emptied again is not sent (the API needs a text), nor left waiting.
      if (entry.id === null) {
        if (text.value.trim() === '') saver.discard(entry);
        else saver.change(entry, this.createFields(view));
      } else change({ text: text.value });
    });
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.addDecision(view.item, view);
      }
    });
    due.addEventListener('change', () => {
      data.due = entryValue(due);
      if (data.due === null) dueNote.show(false);
      change({ due: data.due });
    });
    planActivity.addEventListener('change', () => {
      const typed = planActivity.value.trim();
      data.planActivity = typed === '' ? null : typed;
      change({ planActivity: data.planActivity });
    });
    for (const type of ['focus', 'mousedown']) itemSelect.addEventListener(type, () => this.fillItemOptions(itemSelect));
    itemSelect.addEventListener('change', () => {
      view.item = this.items.find((i) => i.localKey === itemSelect.value) ?? null;
      if (view.item !== null && view.item.entry.id === null) {
        replaceChildren(errorSlot, notice('error', 'Šis punkts vēl nav saglabāts; mēģiniet pēc brīža.'));
        return;
      }
      change({ agendaItemId: view.item?.entry.id ?? null }, true);
      this.layout();
      text.focus();
    });

    bind<Decision>(this.ctx, entry, {
      kind: 'decision',
      labels: DECISION_LABELS,
      conflictSlot,
      errorSlot,
      find: (sitting, id) => sitting.decisions.find((d) => d.id === id),
      valuesOf: (d) => ({
        text: d.text,
        owners: d.owners.map((o) => toOwnerInput(this.ctx.people, o)),
        due: d.due,
        planActivity: d.planActivity,
        agendaItemId: d.agendaItemId,
      }),
      apply: (values) => {
        if (typeof values.text === 'string') data.text = text.value = values.text;
        if (Array.isArray(values.owners)) {
          data.owners = (values.owners as Array<{ personId?: number; name?: string }>).map((o) => this.ownerOf(o));
          picker.set(data.owners);
        }
        if (values.due !== undefined) {
          data.due = values.due as string | null;
          showEntry(due, data.due);
        }
        if (values.planActivity !== undefined) {
          data.planActivity = values.planActivity as string | null;
          planActivity.value = data.planActivity ?? '';
        }
        if (values.agendaItemId !== undefined) {
          view.item = this.items.find((i) => i.entry.id === values.agendaItemId) ?? null;
          this.layout();
        }
      },
      prepare: (fields) => {
        if (entry.id !== null) return fields;
        if (data.text.trim() === '') return null;
        // A decision under an item that is not on the server yet waits for it.
        if (view.item !== null && view.item.entry.id === null) return null;
        const earlier = this.decisions.slice(0, this.decisions.indexOf(view));
        // Numbers follow the screen: an earlier decision still on its way (under an item being
        // created, say) is created first, or a later one would take its number.
        if (earlier.some((d) => d.entry.id === null && d.data.text.trim() !== '')) return null;
        const number = earlier.filter((d) => d.entry.id !== null).length + 1;
        return { ...this.createFields(view), number };
      },
      saved: (record) => {
        view.el.dataset.id = String(record.id);
        view.el.dataset.saved = 'true';
        if (typeof record.ownerLineInText === 'boolean') dueNote.show(record.ownerLineInText && data.due !== null);
        // The stored form (with its trailing dot), unless the field is being typed in again.
        if (typeof record.planActivity === 'string' && document.activeElement !== planActivity) {
          data.planActivity = planActivity.value = record.planActivity;
        }
      },
    });

    const textId = uid('dtext');
    text.id = textId;
    const move = (delta: number) => void this.moveDecision(view, delta);
    view.el = h(
      'li',
      {
        class: 'decision',
        'data-key': entry.key,
        'data-id': entry.id ?? '',
        onkeydown: (event: KeyboardEvent) => {
          if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
            event.preventDefault();
            move(event.key === 'ArrowUp' ? -1 : 1);
          }
        },
      },
      h(
        'div',
        { class: 'decision-head' },
        h('span', { class: 'drag-handle', draggable: 'true', title: 'Vilkt, lai pārvietotu', 'aria-hidden': 'true' }, '⠿'),
        h('label', { for: textId, class: 'decision-label' }, 'Lēmums ', numberEl),
      ),
      text,
      h(
        'div',
        { class: 'decision-meta' },
        picker.el,
        h('div', { class: 'field' }, h('label', { for: idOf(due) }, 'Termiņš'), due, entryHint(due), dueNote.el),
        labelled('Plāna pas.', planActivity, 'Prevencijas plāna pasākums'),
        labelled('Darba kārtības punkts', itemSelect),
        // After the fields, as for items: Tab goes from the text to the owners.
        h(
          'div',
          { class: 'row-tools' },
          h(
            'button',
            { type: 'button', class: 'icon', 'aria-label': 'Pārvietot lēmumu augšup', title: 'Augšup (Alt+↑)', onclick: () => move(-1) },
            '↑',
          ),
          h(
            'button',
            { type: 'button', class: 'icon', 'aria-label': 'Pārvietot lēmumu lejup', title: 'Lejup (Alt+↓)', onclick: () => move(1) },
            '↓',
          ),
          deleteButton('Dzēst lēmumu', () => this.deleteDecision(view)),
        ),
      ),
      errorSlot,
      conflictSlot,
    );
    return view;
  }

  /** The whole body of a decision not yet on the server (also what survives a reload). */
  private createFields(view: DecisionView): Fields {
    return {
      text: view.data.text,
      owners: view.data.owners.map((o) => toOwnerInput(this.ctx.people, o)),
      due: view.data.due,
      planActivity: view.data.planActivity,
      agendaItemId: view.item?.entry.id ?? null,
    };
  }

  private ownerOf(o: { personId?: number; name?: string }): Owner {
    if (o.personId !== undefined) {
      const person = this.ctx.people.find((p) => p.id === o.personId);
      return { personId: o.personId, name: person?.shortName ?? String(o.personId) };
    }
    return { personId: null, name: o.name ?? '' };
  }

  /** Adds a decision under `item` (after `after`, or after the decisions of this and earlier items). */
  addDecision(item: ItemView | null, after?: DecisionView): void {
    if (this.ctx.readOnly) return;
    const view = this.decisionView(null, item, null);
    const at = after !== undefined ? this.decisions.indexOf(after) + 1 : this.insertIndexFor(item);
    this.decisions.splice(at, 0, view);
    this.layout();
    view.text.focus();
    view.el.scrollIntoView({ block: 'nearest' });
    this.ctx.announce(`Jauns lēmums Nr. ${at + 1}.`);
  }

  private insertIndexFor(item: ItemView | null): number {
    if (item === null) return this.decisions.length;
    const pos = this.items.indexOf(item);
    let last = -1;
    this.decisions.forEach((d, i) => {
      if (d.item !== null && this.items.indexOf(d.item) <= pos) last = i;
    });
    if (last >= 0) return last + 1;
    const later = this.decisions.findIndex((d) => d.item !== null && this.items.indexOf(d.item) > pos);
    return later >= 0 ? later : this.decisions.length;
  }

  private groupOf(view: DecisionView): DecisionView[] {
    return this.decisions.filter((d) => d.item === view.item);
  }

  private async moveDecision(view: DecisionView, delta: number): Promise<void> {
    const group = this.groupOf(view);
    const neighbour = group[group.indexOf(view) + delta];
    if (neighbour === undefined) return;
    await this.moveDecisionTo(view, this.decisions.indexOf(neighbour));
  }

  private dropDecision(el: HTMLElement, toInGroup: number): void {
    const view = this.decisions.find((d) => d.el === el);
    if (view === undefined) return;
    const others = this.groupOf(view).filter((d) => d !== view);
    const target = others[toInGroup] ?? others[others.length - 1];
    if (target === undefined) return;
    let to = this.decisions.indexOf(target);
    if (toInGroup >= others.length) to += 1;
    if (to > this.decisions.indexOf(view)) to -= 1;
    void this.moveDecisionTo(view, to);
  }

  private async moveDecisionTo(view: DecisionView, to: number): Promise<void> {
    const from = this.decisions.indexOf(view);
    if (to === from || to < 0 || to >= this.decisions.length) return;
    if (!(await this.ensureSaved())) return;
    try {
      await saver.exclusive(view.entry, (version) =>
        api.post<Decision>(`${RECORD_URL.decision(view.entry.id ?? 0)}/move`, { version, to: to + 1 } satisfies MoveBody),
      );
      this.decisions.splice(from, 1);
      this.decisions.splice(to, 0, view);
      this.layout();
      this.ctx.announce(`Lēmums tagad ir Nr. ${to + 1}.`);
    } catch (err) {
      this.fail('Lēmumu neizdevās pārvietot', err);
    }
  }

  private async deleteDecision(view: DecisionView): Promise<void> {
    try {
      if (view.entry.id !== null) {
        await saver.exclusive(view.entry, (version) => api.del(`${RECORD_URL.decision(view.entry.id ?? 0)}?version=${version}`));
      }
      saver.discard(view.entry);
      this.decisions.splice(this.decisions.indexOf(view), 1);
      view.el.remove();
      this.layout();
      this.ctx.announce('Lēmums dzēsts; numerācija atjaunota.');
    } catch (err) {
      this.fail('Lēmumu neizdevās dzēst', err);
    }
  }

  private async renumber(): Promise<void> {
    if (!(await this.ensureSaved())) return;
    try {
      const version = (await this.ctx.fresh()).version;
      const numbered = await api.post<Decision[]>(`/api/sittings/${this.ctx.sitting.id}/decisions/renumber`, { version });
      const numberOf = new Map(numbered.map((d) => [d.id, d.number]));
      this.decisions.sort((a, b) => (numberOf.get(a.entry.id ?? 0) ?? Infinity) - (numberOf.get(b.entry.id ?? 0) ?? Infinity));
      this.layout();
      this.ctx.announce('Lēmumi pārnumurēti darba kārtības secībā.');
    } catch (err) {
      this.fail('Neizdevās pārnumurēt', err);
    }
  }

  // ---- shared -------------------------------------------------------------------------------

  /** Moves need every record on the server first (their numbers are the server's). */
  private async ensureSaved(): Promise<boolean> {
    if (![...this.items.map((i) => i.entry), ...this.decisions.map((d) => d.entry)].some((e) => e.id === null || e.unsent !== null))
      return true;
    const ok = await saver.settle(4000);
    if (!ok)
      replaceChildren(this.message, notice('error', 'Vispirms jāsaglabā visas izmaiņas (pārbaudiet savienojumu), tad var mainīt secību.'));
    return ok;
  }

  private fail(what: string, err: unknown): void {
    replaceChildren(this.message, notice('error', `${what}: ${errorText(err)}`));
  }

  private itemOption(item: ItemView | null): HTMLOptionElement {
    if (item === null) return h('option', { value: '' }, '— nav piesaistīts —');
    return h('option', { value: item.localKey }, `${this.items.indexOf(item) + 1}. ${truncate(item.data.title, 60)}`);
  }

  private fillItemOptions(select: HTMLSelectElement): void {
    if (select.options.length > 1) return;
    const value = select.value;
    select.replaceChildren(this.itemOption(null), ...this.items.map((item) => this.itemOption(item)));
    select.value = value;
  }

  /** Puts every node in its place, moving only what moved (a moved node loses focus, so it is given back). */
  private appendRest(): void {
    if (this.shown >= this.items.length) return;
    // After the next frame, so that the first items are painted before the rest are styled.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (!this.list.isConnected) return;
        this.layout(this.shown + FIRST_ITEMS * 2);
        this.appendRest();
      }, 0),
    );
  }

  private layout(limit = Infinity): void {
    const focused = document.activeElement as HTMLElement | null;
    const selection =
      focused instanceof HTMLTextAreaElement || focused instanceof HTMLInputElement ? [focused.selectionStart, focused.selectionEnd] : null;
    replaceChildren(this.message);
    this.shown = Math.max(this.shown, Math.min(limit, this.items.length));
    place(
      this.list,
      this.items.slice(0, this.shown).map((i) => i.el),
    );
    this.items.forEach((item, i) => {
      item.numberEl.textContent = `${i + 1}.`;
      item.el.setAttribute('aria-label', `${i + 1}. darba kārtības punkts`);
    });
    for (const item of [null, ...this.items]) {
      place(
        item === null ? this.looseList : item.decisionList,
        this.decisions.filter((d) => d.item === item).map((d) => d.el),
      );
    }
    this.decisions.forEach((d, i) => {
      d.numberEl.textContent = `${i + 1}.`;
      // Only the chosen option until the list is opened: 150 selects × 40 items would slow the first paint.
      d.itemSelect.replaceChildren(this.itemOption(d.item));
      d.itemSelect.value = d.item?.localKey ?? '';
    });
    if (focused !== null && focused.isConnected && document.activeElement !== focused) {
      focused.focus({ preventScroll: true });
      if (
        selection !== null &&
        (focused instanceof HTMLTextAreaElement || focused instanceof HTMLInputElement) &&
        focused.type !== 'date'
      ) {
        try {
          focused.setSelectionRange(selection[0] ?? null, selection[1] ?? null);
        } catch {
          // not a text field
        }
      }
    }
  }
}

/** Makes `list`'s children exactly `wanted`, moving as few nodes as possible. */
function place(list: HTMLElement, wanted: HTMLElement[]): void {
  wanted.forEach((el, i) => {
    if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
  });
  while (list.children.length > wanted.length) list.lastElementChild?.remove();
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : value === null ? '' : fallback;
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text === '' ? '(bez nosaukuma)' : text;
}

function idOf(el: HTMLElement): string {
  if (el.id === '') el.id = uid();
  return el.id;
}

function labelled(label: string, control: HTMLElement, title?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: idOf(control), ...(title === undefined ? {} : { title }) }, label), control);
}

/**
 * The note beside a deadline the decision's text already names: the minutes then print no
 * "Termiņš" line (the server's rule, sent as `ownerLineInText`). Described by it only while shown.
 */
function dueInTextNote(due: HTMLInputElement): { el: HTMLElement; show: (shown: boolean) => void } {
  const el = h(
    'small',
    { class: 'hint due-note', id: uid('due-note'), hidden: true },
    'Termiņš jau minēts lēmuma tekstā — atsevišķa rinda protokolā netiks drukāta.',
  );
  const show = (shown: boolean) => {
    el.hidden = !shown;
    describedBy(due, el.id, shown);
  };
  return { el, show };
}

/** Two steps, so a stray click or key press never deletes. */
function deleteButton(label: string, run: () => Promise<void>): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'icon danger', 'aria-label': label, title: label }, '✕');
  let armed = false;
  button.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      button.textContent = 'Dzēst?';
      button.setAttribute('aria-label', `${label}: apstipriniet`);
      setTimeout(() => {
        armed = false;
        button.textContent = '✕';
        button.setAttribute('aria-label', label);
      }, 4000);
      return;
    }
    void run();
  });
  return button;
}
