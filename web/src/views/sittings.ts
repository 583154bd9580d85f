// The list of sittings, the search across all minutes, and "Jauna sēde".
import { api, errorText } from '../api.ts';
import { can } from '../auth.ts';
import { field, h, notice, replaceChildren, type Child } from '../dom.ts';
import { dateLv, findFolded, minutesState, todayIso } from '../format.ts';
import { commitEntry, dateEntry, entryHint, entryValue } from '../widgets/date-time.ts';
import type { SearchHit, SittingDetail, SittingSummary } from '../types.ts';
import { wordImportCard } from './word-import.ts';

export async function showSittings(root: HTMLElement): Promise<() => void> {
  document.title = 'Sēdes – protokols';
  const sittings = await api.get<SittingSummary[]>('/api/sittings');

  const date = dateEntry(todayIso(), { required: true });
  const createError = h('div');
  const createForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        if (!commitEntry(date)) {
          date.focus();
          return;
        }
        try {
          const created = await api.post<SittingDetail>('/api/sittings', { date: entryValue(date) });
          location.hash = `#/sedes/${created.id}`;
        } catch (err) {
          replaceChildren(createError, notice('error', errorText(err)));
        }
      },
    },
    field('Sēdes datums', date, entryHint(date)),
    h('button', { type: 'submit', class: 'primary' }, 'Jauna sēde'),
  );

  const query = h('input', { type: 'search', autocomplete: 'off', placeholder: 'piem., Rancāne, vēstule, psihiatrs' });
  const results = h('div', { class: 'search-results', 'aria-live': 'polite' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let searchRun = 0;
  query.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), 200);
  });

  async function search(): Promise<void> {
    const q = query.value.trim();
    const run = ++searchRun;
    if (q.length < 2) {
      results.replaceChildren();
      return;
    }
    replaceChildren(results, h('p', { class: 'muted' }, 'Meklē…'));
    let found: SearchHit[];
    try {
      found = await api.get<SearchHit[]>(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
    } catch (err) {
      if (run === searchRun) replaceChildren(results, notice('error', `Neizdevās meklēt: ${errorText(err)}`));
      return;
    }
    if (run !== searchRun) return;
    const hits = found.flatMap((hit) => describeHit(hit, q));
    replaceChildren(
      results,
      h(
        'p',
        { class: 'muted' },
        hits.length === 0 ? 'Nekas nav atrasts.' : `Atrasts: ${hits.length}${hits.length >= 50 ? ' (rādīti pirmie 50)' : ''}.`,
      ),
      hits.length === 0
        ? null
        : h(
            'ul',
            { class: 'hits' },
            hits
              .slice(0, 50)
              .map((hit) =>
                h(
                  'li',
                  null,
                  h('a', { href: `#/sedes/${hit.sittingId}` }, `Sēde Nr. ${hit.sittingNumber}, ${dateLv(hit.sittingDate)}`),
                  h('span', { class: 'muted' }, ` · ${hit.where}`),
                  h('p', { class: 'snippet' }, hit.snippet),
                ),
              ),
          ),
    );
  }

  const rows = sittings.map((s) =>
    h(
      'tr',
      null,
      h(
        'td',
        { 'data-label': 'Nr.' },
        h('a', { href: `#/sedes/${s.id}`, 'aria-label': `Sēde Nr. ${s.number}, ${dateLv(s.date)}` }, `Nr. ${s.number}`),
      ),
      h('td', { 'data-label': 'Datums' }, dateLv(s.date)),
      h('td', { 'data-label': 'Stāvoklis' }, stateBadge(s)),
      h('td', { 'data-label': 'Lēmumi', class: 'num' }, String(s.decisionCount)),
      h('td', { 'data-label': 'Neizpildīti', class: 'num' }, String(s.openFollowUps)),
      h('td', { 'data-label': 'Protokols' }, h('a', { href: `#/sedes/${s.id}/protokols` }, 'Protokols')),
    ),
  );

  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Sēdes'),
    can('sittings:write')
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'new-sitting' },
          h('h2', { id: 'new-sitting' }, 'Jauna sēde'),
          createForm,
          createError,
        )
      : null,
    can('sittings:write') ? wordImportCard() : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'search-title', role: 'search' },
      h('h2', { id: 'search-title' }, 'Meklēt protokolos'),
      field('Vārds vai frāze (darba kārtībā, darba gaitā, lēmumos)', query),
      results,
    ),
    h(
      'section',
      { 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title' }, 'Visas sēdes'),
      sittings.length === 0
        ? h('p', null, 'Vēl nav nevienas sēdes.')
        : h(
            'table',
            { class: 'table sittings-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, 'Nr.'),
                h('th', { scope: 'col' }, 'Datums'),
                h('th', { scope: 'col' }, 'Stāvoklis'),
                h('th', { scope: 'col', class: 'num' }, 'Lēmumi'),
                h('th', { scope: 'col', class: 'num' }, 'Neizpildīti lēmumi'),
                h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Protokols')),
              ),
            ),
            h('tbody', null, rows),
          ),
    ),
  );
  return () => clearTimeout(timer);
}

interface Hit {
  sittingId: number;
  sittingNumber: number;
  sittingDate: string;
  where: string;
  snippet: Child[];
}

/** Where in a found item the query stands, with the words around it (the server matched every word). */
function describeHit(hit: SearchHit, q: string): Hit[] {
  const texts: Array<[string, string]> =
    hit.kind === 'agendaItem'
      ? [
          [`Darba kārtība, ${hit.position}. punkts`, hit.title ?? ''],
          [`Darba gaita, ${hit.position}. punkts`, hit.text],
        ]
      : [[`Lēmums ${hit.position}.`, [hit.text, ...hit.owners].join(' ')]];
  const words = [q, ...q.split(/\s+/u)];
  for (const [where, text] of texts) {
    for (const word of words) {
      const at = findFolded(text, word);
      if (at !== null)
        return [
          { sittingId: hit.sittingId, sittingNumber: hit.sittingNumber, sittingDate: hit.sittingDate, where, snippet: snippet(text, at) },
        ];
    }
  }
  const [where, text] = texts[0] ?? ['', ''];
  return [
    { sittingId: hit.sittingId, sittingNumber: hit.sittingNumber, sittingDate: hit.sittingDate, where, snippet: [text.slice(0, 140)] },
  ];
}

function snippet(text: string, [start, end]: [number, number]): Child[] {
  const from = Math.max(0, start - 60);
  const to = Math.min(text.length, end + 80);
  return [
    from > 0 ? '…' : '',
    text.slice(from, start),
    h('mark', null, text.slice(start, end)),
    text.slice(end, to),
    to < text.length ? '…' : '',
  ];
}

function stateBadge(s: SittingSummary): HTMLElement {
  const { label, kind } = minutesState(s);
  return h('span', { class: `badge badge-${kind}` }, label);
}
