// The page behind an outside owner's mailed link (no login): their unfinished decisions, each with
// a progress note and "izpildīts"; the secretary sees the note marked "ārējs". The link is the
// credential, valid 14 days.
import { errorText, request } from '../api.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { dateLv } from '../format.ts';
import type { OutsidePageView } from '../types.ts';

/** Shows the page; never resolves (there is nothing to log in to from here). */
export async function runOutside(main: HTMLElement, token: string): Promise<void> {
  document.title = 'Lēmumu izpilde – protokols';
  main.dataset.view = 'outside';
  const url = `/api/outside/${encodeURIComponent(token)}`;
  const draw = (page: OutsidePageView, said: HTMLElement | null = null) => {
    replaceChildren(
      main,
      h('h1', { tabindex: -1 }, 'Lēmumu izpilde'),
      h(
        'p',
        null,
        `Labdien, ${page.name}! ${page.groupName} lūdz Jūs atzīmēt, kā sokas ar lēmumiem, par kuru izpildi atbildat. Saite derīga līdz ${dateLv(page.expires.slice(0, 10))}`,
      ),
      said,
      page.decisions.length === 0 ? h('p', null, 'Jums nav neizpildītu lēmumu.') : page.decisions.map((d) => decisionCard(d)),
    );
    main.dataset.ready = 'true';
  };
  const decisionCard = (d: OutsidePageView['decisions'][number]) => {
    const note = h('textarea', { rows: 3, required: true, maxlength: 4000 });
    const done = h('input', { type: 'checkbox' });
    const message = h('div', { 'aria-live': 'assertive' });
    return h(
      'section',
      { class: 'card' },
      h('h2', null, d.reference),
      h('p', null, d.text),
      h('p', null, d.due === null ? '' : `Termiņš: ${dateLv(d.due)}${d.overdue ? ' (nokavēts)' : ''}`),
      h(
        'form',
        {
          onsubmit: async (event: SubmitEvent) => {
            event.preventDefault();
            try {
              const page = await request<OutsidePageView>('POST', `${url}/notes`, {
                decisionId: d.decisionId,
                note: note.value.trim(),
                done: done.checked,
              });
              draw(page, notice('ok', 'Paldies! Piezīme saglabāta.'));
            } catch (err) {
              replaceChildren(message, notice('error', errorText(err)));
            }
          },
        },
        message,
        field('Piezīme par izpildi', note),
        h('label', null, done, ' Lēmums ir izpildīts'),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Saglabāt')),
      ),
    );
  };
  try {
    draw(await request<OutsidePageView>('GET', url, undefined, {}, true));
  } catch (err) {
    replaceChildren(main, h('h1', { tabindex: -1 }, 'Lēmumu izpilde'), notice('error', errorText(err)));
    main.dataset.ready = 'true';
  }
  return new Promise<void>(() => undefined);
}
