// Picking prevention-plan activities in the drafting screen: a decision's activity by number or by
// words (the matches offered as the field's suggestions, each filling in its number), and the
// several activities an agenda item names.
import { api, errorText, request } from '../api.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import type { ActivityHit } from '../types.ts';

const SEARCH_DELAY_MS = 250;

/** Offers the activities matching what is typed (5.3 or "emu skola") as suggestions that fill in the number. */
export function withActivitySearch(input: HTMLInputElement): HTMLDataListElement {
  const list = h('datalist', { id: uid('activities') });
  input.setAttribute('list', list.id);
  input.inputMode = 'text';
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(() => {
      void api
        .get<ActivityHit[]>(`/api/plan-activities?q=${encodeURIComponent(q)}`)
        .then((hits) =>
          replaceChildren(
            list,
            hits.map((a) => h('option', { value: a.number }, `${a.number} ${a.text.slice(0, 120)}`)),
          ),
        )
        .catch(() => replaceChildren(list));
    }, SEARCH_DELAY_MS);
  });
  // The field is put on screen after it is made: the list goes beside it at first use.
  input.addEventListener('focus', () => {
    if (!list.isConnected) input.after(list);
  });
  return list;
}

/** The activities an agenda item names (kept in the app only, not printed in the minutes), added by search and removed one by one. */
export function agendaItemActivities(itemId: number): HTMLElement {
  const chosen = new Map<number, string>();
  const chips = h('span', { class: 'activity-chips' });
  const message = h('span', { class: 'hint', 'aria-live': 'polite' });
  const search = h('input', {
    type: 'text',
    class: 'plan-activity',
    placeholder: 'numurs vai vārdi',
    autocomplete: 'off',
    'aria-label': 'Pievienot plāna aktivitāti',
  });
  const list = withActivitySearch(search);
  const save = () =>
    request<{ activityIds: number[] }>('PUT', `/api/agenda-items/${itemId}/plan-activities`, { activityIds: [...chosen.keys()] })
      .then(() => replaceChildren(message))
      .catch((err) => replaceChildren(message, errorText(err)));
  const draw = () =>
    replaceChildren(
      chips,
      [...chosen].map(([id, number]) =>
        h(
          'button',
          { type: 'button', class: 'chip', title: 'Noņemt', onclick: () => (chosen.delete(id), draw(), void save()) },
          `${number} ×`,
        ),
      ),
    );
  search.addEventListener('change', () => {
    const number = search.value.trim();
    void api.get<ActivityHit[]>(`/api/plan-activities?q=${encodeURIComponent(number)}`).then((hits) => {
      const hit = hits.find((a) => a.number === number || a.number === `${number}.`);
      if (hit === undefined) return;
      chosen.set(hit.id, hit.number);
      search.value = '';
      replaceChildren(list);
      draw();
      void save();
    });
  });
  void api.get<{ activityIds: number[] }>(`/api/agenda-items/${itemId}/plan-activities`).then(async ({ activityIds }) => {
    for (const id of activityIds)
      chosen.set(id, (await api.get<{ activity: { number: string } }>(`/api/plan-activities/${id}`)).activity.number);
    draw();
  });
  return h(
    'div',
    { class: 'field item-activities' },
    h('span', { class: 'label' }, 'Prevencijas plāna aktivitātes: '),
    chips,
    search,
    message,
  );
}

/** A button that opens the item's activities when asked, so that opening a long sitting asks the server nothing more. */
export function agendaItemActivitiesToggle(itemId: number): HTMLElement {
  const button: HTMLButtonElement = h(
    'button',
    { type: 'button', class: 'secondary small', onclick: () => button.replaceWith(agendaItemActivities(itemId)) },
    'Prevencijas plāna aktivitātes…',
  );
  return h('div', { class: 'item-activities-toggle' }, button);
}
