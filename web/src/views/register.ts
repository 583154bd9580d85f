// "Lēmumu reģistrs": every decision with where it stands, filtered by prevention-plan activity,
// status and words, with the same selection as a CSV download. The API gives a page at a time: the
// next one starts after the last decision shown.
import { api, errorText } from '../api.ts';
import { append, field, h, notice, replaceChildren } from '../dom.ts';
import { dateLv, STATUS_LABEL } from '../format.ts';
import type { DecisionStatus, RegisterEntry } from '../types.ts';

const PAGE = 100;

function pageUrl(query: string, after: number | null): string {
  const params = new URLSearchParams(query);
  params.set('limit', String(PAGE));
  if (after !== null) params.set('after', String(after));
  return `/api/decisions?${params.toString()}`;
}

export async function showRegister(root: HTMLElement): Promise<void> {
  document.title = 'Lēmumu reģistrs – protokols';
  const planActivity = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', size: 10, placeholder: 'piem., 5.3' });
  const words = h('input', { type: 'search', autocomplete: 'off' });
  const status = h(
    'select',
    null,
    h('option', { value: '' }, 'visi'),
    (Object.keys(STATUS_LABEL) as DecisionStatus[]).map((s) => h('option', { value: s }, STATUS_LABEL[s])),
  );
  const csv = h('a', { class: 'button', download: '' }, 'Lejupielādēt CSV');
  const content = h('div', { 'aria-live': 'polite' });

  const query = () => {
    const params = new URLSearchParams();
    if (planActivity.value.trim() !== '') params.set('planActivity', planActivity.value.trim());
    if (words.value.trim() !== '') params.set('q', words.value.trim());
    if (status.value !== '') params.set('status', status.value);
    const text = params.toString();
    return text === '' ? '' : `?${text}`;
  };
  const load = async () => {
    const q = query();
    csv.href = `/api/decisions.csv${q}`;
    replaceChildren(content, h('p', { class: 'loading', role: 'status' }, 'Ielādē…'));
    try {
      const first = await api.get<RegisterEntry[]>(pageUrl(q, null));
      if (first.length === 0) {
        replaceChildren(content, h('p', null, 'Nav neviena lēmuma, kas atbilst atlasei.'));
        return;
      }
      const rows = h('tbody', null, first.map(entryRow));
      let last = first;
      const more: HTMLButtonElement = h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            more.disabled = true;
            void api
              .get<RegisterEntry[]>(pageUrl(q, last[last.length - 1]!.id))
              .then((page) => {
                append(rows, page.map(entryRow));
                last = page;
                more.disabled = false;
                if (page.length < PAGE) more.remove();
              })
              .catch((err: unknown) => {
                more.replaceWith(notice('error', `Neizdevās ielādēt nākamos lēmumus: ${errorText(err)}`));
              });
          },
        },
        'Rādīt vairāk',
      );
      replaceChildren(content, entryTable(rows), first.length === PAGE ? more : null);
    } catch (err) {
      replaceChildren(content, notice('error', `Neizdevās ielādēt reģistru: ${errorText(err)}`));
    }
  };

  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Lēmumu reģistrs'),
    h(
      'form',
      {
        class: 'inline-form card',
        role: 'search',
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          void load();
        },
      },
      field('Prevencijas plāna pasākums', planActivity, 'arī tam pakārtotie: 5.3 atrod 5.3.1.'),
      field('Vārdi lēmumā', words),
      field('Statuss', status),
      h('button', { type: 'submit', class: 'primary' }, 'Atlasīt'),
      csv,
    ),
    content,
  );
  await load();
}

function entryTable(rows: HTMLTableSectionElement): HTMLElement {
  return h(
    'table',
    { class: 'table register-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Lēmums', 'Sēdes datums', 'Lēmuma teksts', 'Atbildīgie', 'Termiņš', 'Pasākums', 'Statuss'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    rows,
  );
}

function entryRow(e: RegisterEntry): HTMLElement {
  return h(
    'tr',
    null,
    h('td', { 'data-label': 'Lēmums' }, h('a', { href: `#/sedes/${e.sittingId}` }, e.reference)),
    h('td', { 'data-label': 'Sēdes datums' }, dateLv(e.sittingDate)),
    h('td', { 'data-label': 'Lēmuma teksts' }, e.text),
    h('td', { 'data-label': 'Atbildīgie' }, e.owners.map((o) => o.name).join(', ')),
    h(
      'td',
      { 'data-label': 'Termiņš' },
      dateLv(e.currentDue),
      e.overdue ? [' ', h('span', { class: 'badge badge-overdue' }, 'nokavēts')] : null,
    ),
    h('td', { 'data-label': 'Pasākums' }, e.planActivity ?? ''),
    h('td', { 'data-label': 'Statuss' }, STATUS_LABEL[e.currentStatus]),
  );
}
