// One activity of a prevention plan: everything linked to it in date order (agenda items,
// decisions, follow-ups, progress notes), its statuses, and the status of a year with what was
// done, the year's linked decisions and notes offered as evidence.
import { api, errorText, request } from '../api.ts';
import { can } from '../auth.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { dateLv } from '../format.ts';
import type { ActivityPage, ActivityStatus, YearStatus, YearStatusPage } from '../types.ts';
import { ACTIVITY_STATUS_LABEL, defaultYear, EVENT_LABEL } from './plan-labels.ts';

export async function showPlanActivity(root: HTMLElement, [id]: string[]): Promise<void> {
  const page = await api.get<ActivityPage>(`/api/plan-activities/${id}`);
  const { activity, plan } = page;
  document.title = `Aktivitāte ${activity.number} – protokols`;
  const events =
    page.events.length === 0
      ? h('p', null, 'Ar šo aktivitāti vēl nav saistīts neviens darba kārtības punkts vai lēmums.')
      : h(
          'ol',
          { class: 'activity-events' },
          page.events.map((e) =>
            h(
              'li',
              null,
              h('span', { class: 'event-date' }, dateLv(e.date)),
              ' ',
              h('a', { href: `#/sedes/${e.sittingId}` }, `${EVENT_LABEL[e.kind]} ${e.reference}`),
              ': ',
              e.text,
            ),
          ),
        );
  const statuses = h(
    'ul',
    null,
    activity.statuses.map((s) =>
      h(
        'li',
        null,
        `${s.year}: ${ACTIVITY_STATUS_LABEL[s.status]}`,
        s.reason === null ? '' : ` (${s.reason})`,
        s.done === '' ? '' : ` – ${s.done}`,
      ),
    ),
  );
  replaceChildren(
    root,
    h('p', null, h('a', { href: `#/plani/${plan.id}` }, `← ${plan.title}`)),
    h('h1', { tabindex: '-1' }, `${activity.number} ${activity.text}`),
    h('p', null, `${page.goal.number}. mērķis: ${page.goal.title}`),
    activity.repeatedTexts.map((t) => h('p', { class: 'hint' }, `Plānā ar to pašu numuru arī: ${t}`)),
    h('h2', null, 'Statuss pa gadiem'),
    activity.statuses.length === 0 ? h('p', null, 'Statuss vēl nav ierakstīts.') : statuses,
    can('sittings:write') ? await statusForm(activity.id, defaultYear(plan.periodFrom, plan.periodTo), plan) : null,
    h('h2', null, 'Saistītie punkti, lēmumi un piezīmes'),
    events,
  );
}

/** The status of one year: the choice, a reason when postponed, what was done; evidence to pick into the text. */
async function statusForm(activityId: number, startYear: number, plan: ActivityPage['plan']): Promise<HTMLElement> {
  const box = h('section', { class: 'card' });
  const message = h('div', { 'aria-live': 'polite' });
  const draw = async (year: number) => {
    const current = await api.get<YearStatusPage>(`/api/plan-activities/${activityId}/status/${year}`);
    let version = current.status?.version;
    const yearSelect = h(
      'select',
      { onchange: () => void draw(Number(yearSelect.value)) },
      Array.from({ length: plan.periodTo - plan.periodFrom + 1 }, (_, i) => plan.periodFrom + i).map((y) =>
        h('option', { value: String(y), selected: y === year }, `${y}. gads`),
      ),
    );
    const status = h(
      'select',
      null,
      (Object.keys(ACTIVITY_STATUS_LABEL) as ActivityStatus[]).map((s) =>
        h('option', { value: s, selected: current.status?.status === s }, ACTIVITY_STATUS_LABEL[s]),
      ),
    );
    const reason = h('input', { type: 'text', maxlength: 2000, value: current.status?.reason ?? '' });
    const reasonField = field('Atlikšanas iemesls', reason);
    const showReason = () => (reasonField.hidden = status.value !== 'postponed');
    status.addEventListener('change', showReason);
    showReason();
    const done = h('textarea', { rows: 4, maxlength: 10000 });
    done.value = current.status?.done ?? '';
    const evidence =
      current.evidence.length === 0
        ? h('p', { class: 'hint' }, `Šajā gadā ar aktivitāti nav saistītu lēmumu vai piezīmju.`)
        : h(
            'ul',
            { class: 'evidence' },
            current.evidence.map((e) =>
              h(
                'li',
                null,
                `${dateLv(e.date)} ${e.reference}: ${e.text} `,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary small',
                    onclick: () =>
                      (done.value = `${done.value.trim()}${done.value.trim() === '' ? '' : ' '}${e.text} (${e.reference})`.trim()),
                  },
                  'Pievienot paveiktajam',
                ),
              ),
            ),
          );
    const form = h(
      'form',
      {
        onsubmit: (event: SubmitEvent) => {
          event.preventDefault();
          void request<YearStatus>('PUT', `/api/plan-activities/${activityId}/status/${year}`, {
            status: status.value,
            reason: status.value === 'postponed' ? reason.value : null,
            done: done.value,
            ...(version === undefined ? {} : { version }),
          })
            .then((saved) => {
              version = saved.version;
              replaceChildren(message, notice('ok', 'Statuss saglabāts.'));
            })
            .catch((err) => replaceChildren(message, notice('error', errorText(err))));
        },
      },
      field('Gads', yearSelect),
      field('Statuss', status),
      reasonField,
      field('Paveiktais', done),
      h('p', null, 'Saistītie lēmumi un piezīmes (ieteikumi pierādījumiem):'),
      evidence,
      h('button', { type: 'submit' }, 'Saglabāt statusu'),
      message,
    );
    replaceChildren(box, h('h2', null, 'Ierakstīt statusu'), form);
  };
  await draw(startYear);
  return box;
}
