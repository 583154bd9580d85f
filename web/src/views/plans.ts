// "Prevencijas plāns": the group's plans (import of a plan file), and one plan — its goals and
// activities with their status in the chosen year, the mark of changes, a new activity, the report.
import { api, errorText } from '../api.ts';
import { can } from '../auth.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import type { PlanActivity, PlanOverview, PlanSummary } from '../types.ts';
import { ACTIVITY_STATUS_LABEL, defaultYear } from './plan-labels.ts';

export async function showPlans(root: HTMLElement): Promise<void> {
  document.title = 'Prevencijas plāni – protokols';
  const plans = await api.get<PlanSummary[]>('/api/plans');
  const message = h('div', { 'aria-live': 'polite' });
  const file = h('input', { type: 'file', accept: 'application/json,.json' });
  const importForm = h(
    'form',
    {
      class: 'card',
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (chosen === undefined) return;
        void chosen
          .text()
          .then((text) => api.post<{ id: number }>('/api/plans/import', JSON.parse(text)))
          .then(({ id }) => {
            location.hash = `#/plani/${id}`;
          })
          .catch((err) => replaceChildren(message, notice('error', `Plānu neizdevās importēt: ${errorText(err)}`)));
      },
    },
    h('h2', null, 'Importēt plānu'),
    field('Plāna fails (JSON)', file, 'Formāts: docs/samples/prevention-plan-cesu-2025-2027.json'),
    h('button', { type: 'submit' }, 'Importēt'),
    message,
  );
  replaceChildren(
    root,
    h('h1', { tabindex: '-1' }, 'Prevencijas plāni'),
    plans.length === 0
      ? h('p', null, 'Neviens plāns vēl nav importēts.')
      : h(
          'ul',
          { class: 'plan-list' },
          plans.map((p) =>
            h(
              'li',
              null,
              h('a', { href: `#/plani/${p.id}` }, p.title),
              ` (${p.periodFrom}.–${p.periodTo}., aktivitātes: ${p.activities})`,
              p.changeNote === null ? '' : ` – ${p.changeNote}`,
            ),
          ),
        ),
    can('sittings:write') ? importForm : null,
  );
}

export async function showPlan(root: HTMLElement, [id]: string[]): Promise<void> {
  let plan = await api.get<PlanOverview>(`/api/plans/${id}/overview`);
  document.title = `${plan.title} – protokols`;
  let year = defaultYear(plan.periodFrom, plan.periodTo);
  const body = h('div');
  const message = h('div', { 'aria-live': 'polite' });
  const yearSelect = h(
    'select',
    { onchange: () => ((year = Number(yearSelect.value)), draw()) },
    Array.from({ length: plan.periodTo - plan.periodFrom + 1 }, (_, i) => plan.periodFrom + i).map((y) =>
      h('option', { value: String(y), selected: y === year }, `${y}. gads`),
    ),
  );
  const reports = h('p', { class: 'actions' });
  const draw = () => {
    replaceChildren(
      reports,
      h('a', { class: 'button', href: `/api/plans/${plan.id}/report.docx?year=${year}` }, `Uzraudzības pārskats par ${year}. gadu (DOCX)`),
      ' ',
      h('a', { class: 'button secondary', href: `/api/plans/${plan.id}/report.html?year=${year}`, target: '_blank' }, 'Priekšskatīt'),
      ' ',
      h('a', { class: 'button secondary', href: `/api/plans/${plan.id}/report.docx?year=${year}&version=public` }, 'Publiskā versija'),
    );
    replaceChildren(
      body,
      plan.goals.map((g) =>
        h(
          'section',
          { class: 'plan-goal' },
          h('h2', null, `${g.number}. ${g.title}`, g.changeNote === null ? '' : h('small', { class: 'change-note' }, ` (${g.changeNote})`)),
          h(
            'table',
            { class: 'plan-activities' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Nr.', 'Aktivitāte', 'Lēmumi', `Statuss ${year}`].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h('tbody', null, g.activities.map(activityRow)),
          ),
        ),
      ),
    );
  };
  const activityRow = (a: PlanActivity) => {
    const status = a.statuses.find((s) => s.year === year);
    return h(
      'tr',
      null,
      h('td', { 'data-label': 'Nr.' }, h('a', { href: `#/plani/aktivitate/${a.id}` }, a.number)),
      h(
        'td',
        { 'data-label': 'Aktivitāte' },
        a.text,
        a.changeNote === null ? '' : h('small', { class: 'change-note' }, ` (${a.changeNote})`),
      ),
      h('td', { 'data-label': 'Lēmumi' }, String(a.decisions)),
      h(
        'td',
        { 'data-label': 'Statuss' },
        status === undefined ? h('a', { href: `#/plani/aktivitate/${a.id}` }, 'ierakstīt') : ACTIVITY_STATUS_LABEL[status.status],
      ),
    );
  };

  const editing = can('sittings:write') ? editForms() : [];
  function editForms(): HTMLElement[] {
    const changeNote = h('input', {
      type: 'text',
      value: plan.changeNote ?? '',
      maxlength: 200,
      placeholder: 'aktualizēts 2026. gada novembrī',
    });
    const markForm = h(
      'form',
      {
        class: 'card',
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          const note = changeNote.value.trim();
          void api
            .patch<PlanOverview>(`/api/plans/${plan.id}`, { version: plan.version, changeNote: note === '' ? null : note })
            .then((updated) => {
              plan = updated;
              replaceChildren(message, notice('ok', 'Saglabāts.'));
            })
            .catch((err) => replaceChildren(message, notice('error', errorText(err))));
        },
      },
      field('Izmaiņu atzīme', changeNote),
      h('button', { type: 'submit' }, 'Saglabāt'),
    );
    const number = h('input', { type: 'text', required: true, maxlength: 20, placeholder: '4.2.1.', autocomplete: 'off' });
    const text = h('textarea', { rows: 3, required: true, maxlength: 10000 });
    const note = h('input', { type: 'text', maxlength: 200, placeholder: 'aktualizēts 2026. gada novembrī' });
    const addForm = h(
      'form',
      {
        class: 'card',
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          void api
            .post<PlanActivity>(`/api/plans/${plan.id}/activities`, {
              number: number.value.trim(),
              text: text.value.trim(),
              ...(note.value.trim() === '' ? {} : { changeNote: note.value.trim() }),
            })
            .then(async () => {
              plan = await api.get<PlanOverview>(`/api/plans/${plan.id}/overview`);
              number.value = '';
              text.value = '';
              draw();
              replaceChildren(message, notice('ok', 'Aktivitāte pievienota.'));
            })
            .catch((err) => replaceChildren(message, notice('error', errorText(err))));
        },
      },
      h('h2', null, 'Jauna aktivitāte'),
      field('Numurs', number, 'Sākas ar mērķa numuru'),
      field('Teksts', text),
      field('Izmaiņu atzīme', note),
      h('button', { type: 'submit' }, 'Pievienot'),
    );
    return [markForm, addForm];
  }

  draw();
  replaceChildren(
    root,
    h('p', null, h('a', { href: '#/plani' }, '← Visi plāni')),
    h('h1', { tabindex: '-1' }, plan.title),
    plan.adoption === null ? null : h('p', null, plan.adoption),
    h('p', null, `Periods: ${plan.periodFrom}.–${plan.periodTo}. gads`, plan.changeNote === null ? '' : ` – ${plan.changeNote}`),
    field('Gads', yearSelect),
    reports,
    message,
    body,
    editing,
  );
}
