// "Mani uzdevumi": what a member owes, overdue first, with progress notes and the calendar link.
// A user linked to a person sees their own; the secretary and admin may also pick anyone
// (remembered in localStorage), as may an account not linked to a person.
import { api, errorText } from '../api.ts';
import { can, currentUser } from '../auth.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { dateLv, STATUS_LABEL } from '../format.ts';
import type { ActionItem, Actions, DecisionStatus, Person } from '../types.ts';

const ME = 'protokols:me';

function chosenPersonId(): number | null {
  const raw = localStorage.getItem(ME);
  return raw === null || !/^\d+$/.test(raw) ? null : Number(raw);
}

export async function showActions(root: HTMLElement): Promise<void> {
  document.title = 'Mani uzdevumi – protokols';
  const own = currentUser()?.personId ?? null;
  const mayPick = can('actions:any') || own === null;
  const people = mayPick
    ? (await api.get<Person[]>('/api/people?active=true')).sort((a, b) => a.fullName.localeCompare(b.fullName, 'lv'))
    : [];
  const who = h(
    'select',
    null,
    h('option', { value: '' }, '— izvēlieties personu —'),
    ...people.map((p) => h('option', { value: String(p.id) }, p.fullName)),
  );
  const currentPersonId = () => (mayPick ? (chosenPersonId() ?? own) : own);
  who.value = String(currentPersonId() ?? '');
  const content = h('div');
  who.addEventListener('change', () => {
    if (who.value === '') localStorage.removeItem(ME);
    else localStorage.setItem(ME, who.value);
    void load();
  });

  const load = async () => {
    const id = currentPersonId();
    if (id === null || (mayPick && !people.some((p) => p.id === id))) {
      replaceChildren(
        content,
        h(
          'p',
          null,
          mayPick
            ? 'Izvēlieties personu, lai redzētu tās uzdevumus.'
            : 'Jūsu kontam nav piesaistīta persona; vērsieties pie administratora.',
        ),
      );
      return;
    }
    replaceChildren(content, h('p', { class: 'loading', role: 'status' }, 'Ielādē…'));
    try {
      const actions = await api.get<Actions>(id === own ? '/api/me/actions' : `/api/people/${id}/actions`);
      replaceChildren(content, actionList(actions, id, load));
    } catch (err) {
      replaceChildren(content, notice('error', `Neizdevās ielādēt uzdevumus: ${errorText(err)}`));
    }
  };

  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Mani uzdevumi'),
    mayPick
      ? h('section', { class: 'card who' }, field('Kura uzdevumi?', who, 'Sekretārs var skatīt jebkura grupas locekļa uzdevumus.'))
      : null,
    content,
  );
  await load();
}

function byUrgency(a: ActionItem, b: ActionItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due.localeCompare(b.due);
  return a.sittingDate.localeCompare(b.sittingDate) || a.number - b.number;
}

function actionList(actions: Actions, personId: number, reload: () => Promise<void>): HTMLElement {
  const open = [...actions.open].sort(byUrgency);
  const overdue = open.filter((a) => a.overdue).length;
  return h(
    'div',
    null,
    h(
      'section',
      { 'aria-labelledby': 'open-title' },
      h('h2', { id: 'open-title' }, `Jāizdara (${open.length})`),
      overdue > 0 ? notice('warn', `Nokavēti: ${overdue}.`) : null,
      open.length === 0
        ? h('p', null, 'Jums nav neizpildītu uzdevumu.')
        : h(
            'ul',
            { class: 'actions-list' },
            open.map((a) => actionCard(a, reload)),
          ),
    ),
    calendarSection(personId),
    actions.recentlyFinished.length === 0
      ? null
      : h(
          'section',
          { 'aria-labelledby': 'done-title' },
          h('h2', { id: 'done-title' }, 'Nesen pabeigti'),
          h(
            'ul',
            { class: 'actions-list done' },
            actions.recentlyFinished.map((a) => actionCard(a, reload, false)),
          ),
        ),
  );
}

function actionCard(a: ActionItem, reload: () => Promise<void>, editable = true): HTMLElement {
  const note = h('textarea', { rows: 2, required: true, maxlength: 10000 });
  const status = h(
    'select',
    null,
    h('option', { value: '' }, 'nemainīt statusu'),
    ...(['in_progress', 'done'] as DecisionStatus[]).map((s) => h('option', { value: s }, STATUS_LABEL[s])),
  );
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'note-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        if (note.value.trim() === '') return;
        try {
          await api.post(`/api/decisions/${a.decisionId}/notes`, {
            note: note.value.trim(),
            ...(status.value === '' ? {} : { status: status.value }),
          });
          await reload();
        } catch (err) {
          replaceChildren(message, notice('error', errorText(err)));
        }
      },
    },
    field('Piezīme par izpildi', note),
    field('Statuss', status),
    h('button', { type: 'submit' }, 'Pievienot piezīmi'),
    message,
  );
  return h(
    'li',
    { class: `action card${a.overdue ? ' overdue' : ''}`, 'data-decision': a.decisionId },
    h(
      'div',
      { class: 'action-head' },
      h('strong', null, `Sēde Nr. ${a.sittingNumber}, lēmums ${a.number}.`),
      a.due === null
        ? h('span', { class: 'badge' }, 'bez termiņa')
        : h('span', { class: a.overdue ? 'badge badge-overdue' : 'badge' }, `${a.overdue ? 'nokavēts, ' : ''}termiņš ${dateLv(a.due)}`),
      h('span', { class: 'badge' }, STATUS_LABEL[a.status]),
    ),
    h('p', { class: 'action-text' }, a.text),
    h(
      'p',
      { class: 'muted' },
      h('a', { href: `#/sedes/${a.sittingId}` }, `${dateLv(a.sittingDate)} sēde`),
      a.coOwners.length > 0 ? ` · līdzatbildīgie: ${a.coOwners.join(', ')}` : '',
    ),
    a.notes.length === 0
      ? null
      : h(
          'ul',
          { class: 'notes', 'aria-label': 'Piezīmes' },
          a.notes.map((n) => h('li', null, `${dateLv(n.date)}: ${n.note}${n.status === null ? '' : ` (${STATUS_LABEL[n.status]})`}`)),
        ),
    editable ? h('details', null, h('summary', null, 'Pievienot piezīmi par izpildi'), form) : null,
  );
}

function calendarSection(personId: number): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'calendar-title' },
    h('h2', { id: 'calendar-title' }, 'Kalendārs'),
    h('p', null, 'Abonējiet savus termiņus kalendārā (Outlook, Google, tālrunī). Jauna saite padara veco nederīgu.'),
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          try {
            const own = currentUser()?.personId ?? null;
            const { url } = await api.post<{ url: string }>(
              own === personId ? '/api/me/calendar-token' : `/api/people/${personId}/calendar-token`,
            );
            const input = h('input', { type: 'text', readOnly: true, value: url, class: 'grow' });
            replaceChildren(
              out,
              field('Kalendāra saite', input),
              h(
                'button',
                {
                  type: 'button',
                  onclick: async (event: MouseEvent) => {
                    input.select();
                    try {
                      await navigator.clipboard.writeText(url);
                      (event.currentTarget as HTMLButtonElement).textContent = 'Nokopēts';
                    } catch {
                      // selected above, for Ctrl+C
                    }
                  },
                },
                'Kopēt saiti',
              ),
            );
          } catch (err) {
            replaceChildren(out, notice('error', errorText(err)));
          }
        },
      },
      'Izveidot kalendāra saiti',
    ),
    out,
  );
}
