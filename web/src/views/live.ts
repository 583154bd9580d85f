// A sitting followed live: "Nolasīt lēmumus" (the decisions in large type, for the chair to read
// aloud or show on the room's screen) and the members' read-only view of a draft while it is
// written. Both refresh on the server's `change` events (GET /api/sittings/:id/events) by asking
// for the sitting again, so each reader sees what the reader view gives them, as everywhere.
import { api, errorText } from '../api.ts';
import { currentUser } from '../auth.ts';
import { h, notice, replaceChildren } from '../dom.ts';
import { dateLv } from '../format.ts';
import { renderMarkup } from '../markup.ts';
import type { Decision, SittingDetail } from '../types.ts';

/** Calls `show` with the sitting each time it changes on the server; returns the stop. */
function follow(id: number, show: (s: SittingDetail) => void, failed: (message: string) => void): () => void {
  const events = new EventSource(`/api/sittings/${id}/events`);
  let asking: Promise<void> | null = null;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (asking !== null) {
      again = true;
      return;
    }
    asking = (async () => {
      try {
        show(await api.get<SittingDetail>(`/api/sittings/${id}`));
      } catch (err) {
        failed(errorText(err));
      }
    })();
    await asking;
    asking = null;
    if (again) {
      again = false;
      await refresh();
    }
  };
  events.addEventListener('change', () => void refresh());
  // After a lost connection (a server restart), what changed meanwhile is asked for at once.
  let opened = false;
  events.addEventListener('open', () => {
    if (opened) void refresh();
    opened = true;
  });
  return () => events.close();
}

const ownersLine = (d: Decision) => d.owners.map((o) => o.name).join(', ');

/** One decision as read out: its number and text, then who does it and by when. */
function readOutDecision(d: Decision): HTMLElement {
  const meta = [d.owners.length > 0 ? `Atbildīgie: ${ownersLine(d)}` : null, d.due === null ? null : `Termiņš: ${dateLv(d.due)}`];
  return h(
    'li',
    { class: 'read-out-decision', 'data-decision': d.id },
    h('p', { class: 'read-out-text' }, h('span', { class: 'read-out-no' }, `${d.number}.`), ' ', d.text),
    meta.some((m) => m !== null) ? h('p', { class: 'read-out-meta' }, meta.filter((m) => m !== null).join(' · ')) : null,
  );
}

/** "Nolasīt lēmumus": `#/sedes/:id/lemumi`. */
export async function showReadOut(root: HTMLElement, [idText]: string[]): Promise<() => void> {
  const id = Number(idText);
  const sitting = await api.get<SittingDetail>(`/api/sittings/${id}`);
  document.title = `Lēmumi, sēde Nr. ${sitting.number} – protokols`;
  root.dataset.wide = 'true';
  const list = h('ol', { class: 'read-out', 'aria-label': 'Lēmumi' });
  const problem = h('div', { 'aria-live': 'polite' });
  const show = (s: SittingDetail) => {
    replaceChildren(problem);
    const decisions = [...s.decisions].sort((a, b) => a.number - b.number);
    replaceChildren(
      list,
      decisions.length === 0 ? h('li', { class: 'read-out-empty' }, 'Lēmumu vēl nav.') : decisions.map(readOutDecision),
    );
  };
  show(sitting);
  replaceChildren(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: -1 }, `Sēdes Nr. ${sitting.number} lēmumi`),
      h('a', { href: `#/sedes/${id}`, class: 'button' }, '← Atpakaļ uz sēdi'),
    ),
    h('p', { class: 'hint' }, `${dateLv(sitting.date)} · Saraksts atjaunojas pats, kad sekretārs lēmumus labo.`),
    problem,
    list,
  );
  return follow(id, show, (message) => replaceChildren(problem, notice('error', `Neizdevās atjaunot: ${message}`)));
}

/** A draft as a member follows it while it is written (`#/sedes/:id` for those who may not edit). */
export function showLiveSitting(root: HTMLElement, sitting: SittingDetail): () => void {
  const id = sitting.id;
  document.title = `Sēde Nr. ${sitting.number} – protokols`;
  const content = h('div', { class: 'live-sitting' });
  const problem = h('div', { 'aria-live': 'polite' });
  const me = currentUser()?.personId ?? null;
  const decisionItem = (d: Decision) => {
    const mine = me !== null && d.owners.some((o) => o.personId === me);
    const meta = [d.owners.length > 0 ? `Atbildīgie: ${ownersLine(d)}` : null, d.due === null ? null : `Termiņš: ${dateLv(d.due)}`];
    return h(
      'li',
      { class: `live-decision${mine ? ' mine' : ''}`, 'data-decision': d.id },
      h('p', null, h('strong', null, `${d.number}. `), d.text, mine ? h('span', { class: 'badge badge-mine' }, 'Jūsu uzdevums') : null),
      meta.some((m) => m !== null) ? h('p', { class: 'muted' }, meta.filter((m) => m !== null).join(' · ')) : null,
    );
  };
  const show = (s: SittingDetail) => {
    replaceChildren(problem);
    const byNumber = [...s.decisions].sort((a, b) => a.number - b.number);
    const loose = byNumber.filter((d) => d.agendaItemId === null);
    replaceChildren(
      content,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'live-agenda' },
        h('h2', { id: 'live-agenda' }, 'Darba kārtība'),
        s.agendaItems.length === 0
          ? h('p', null, 'Darba kārtība vēl nav ierakstīta.')
          : h(
              'ol',
              { class: 'live-agenda' },
              s.agendaItems.map((item) => {
                const decisions = byNumber.filter((d) => d.agendaItemId === item.id);
                return h(
                  'li',
                  { 'data-item': item.id },
                  h('h3', null, item.title),
                  item.rapporteur === null || item.rapporteur === '' ? null : h('p', { class: 'muted' }, `Ziņotājs: ${item.rapporteur}`),
                  item.proceedings === '' ? null : h('div', { class: 'minutes-text' }, renderMarkup(item.proceedings)),
                  decisions.length === 0 ? null : h('ol', { class: 'live-decisions', 'aria-label': 'Lēmumi' }, decisions.map(decisionItem)),
                );
              }),
            ),
      ),
      loose.length === 0
        ? null
        : h(
            'section',
            { class: 'card', 'aria-labelledby': 'live-loose' },
            h('h2', { id: 'live-loose' }, 'Citi lēmumi'),
            h('ol', { class: 'live-decisions' }, loose.map(decisionItem)),
          ),
    );
  };
  show(sitting);
  replaceChildren(
    root,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: -1 }, `Sēde Nr. ${sitting.number}, ${dateLv(sitting.date)}`),
      h(
        'nav',
        { class: 'page-tools', 'aria-label': 'Sēdes sadaļas' },
        h('a', { href: `#/sedes/${id}/lemumi`, class: 'button' }, 'Nolasīt lēmumus'),
        h('a', { href: `#/sedes/${id}/protokols`, class: 'button' }, 'Protokola priekšskatījums'),
      ),
    ),
    notice('info', 'Sēdes protokols vēl top: darba kārtība un lēmumi šeit parādās paši, tiklīdz sekretārs tos ieraksta.'),
    problem,
    content,
  );
  return follow(id, show, (message) => replaceChildren(problem, notice('error', `Neizdevās atjaunot: ${message}`)));
}
