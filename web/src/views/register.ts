// "Lēmumu reģistrs": every decision with where it stands, filtered by prevention-plan activity,
// status and words, with the same selection as a CSV download.
import { api, errorText } from '../api.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { dateLv, STATUS_LABEL } from '../format.ts';
import type { DecisionStatus, RegisterEntry } from '../types.ts';

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
      replaceChildren(content, entryTable(await api.get<RegisterEntry[]>(`/api/decisions${q}`)));
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

function entryTable(entries: RegisterEntry[]): HTMLElement {
  if (entries.length === 0) return h('p', null, 'Nav neviena lēmuma, kas atbilst atlasei.');
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
    h(
      'tbody',
      null,
      entries.map((e) =>
        h(
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
        ),
      ),
    ),
  );
}
