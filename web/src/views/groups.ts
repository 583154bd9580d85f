// "Grupas" (host admin): the host's groups with how much each holds, and a form that adds a group
// and shows the link that makes its first admin. Nothing of a group's minutes or people is read here.
import { api, ApiError, errorText } from '../api.ts';
import { describedBy, field, h, notice, replaceChildren, uid } from '../dom.ts';
import { dateTimeLv } from '../format.ts';
import type { CreatedGroup, GroupSummary, SetupLink } from '../types.ts';

/** The link, with what to do with it: it is shown here once and works once. */
function setupLinkBox(groupName: string, link: SetupLink): HTMLElement {
  return notice(
    'warn',
    h('strong', null, 'Pirmā administratora saite — derīga 1 stundu, vienreiz'),
    h('p', null, 'Grupai ', h('strong', null, groupName), ':'),
    h('p', null, h('output', { class: 'setup-link', 'aria-label': 'Iestatīšanas saite' }, link.setupLink)),
    h(
      'p',
      null,
      `Derīga līdz ${dateTimeLv(link.setupLinkExpiresAt)}. Nododiet to grupas pirmajam administratoram drošā veidā: `,
      'atverot saiti, viņš izveido savu kontu, un pēc tam saite vairs nedarbojas.',
    ),
  );
}

/** A text input whose server-side refusal is shown under it and tied to it for screen readers. */
function checkedInput(): { input: HTMLInputElement; error: HTMLElement; show: (message: string | null) => void } {
  const input = h('input', { type: 'text', maxlength: 300, autocomplete: 'off' });
  const error = h('small', { class: 'field-error', id: uid('invalid'), 'aria-live': 'polite' });
  const show = (message: string | null) => {
    error.textContent = message ?? '';
    describedBy(input, error.id, message !== null);
    if (message === null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
  };
  return { input, error, show };
}

/** `Lauks "name": nedrīkst būt tukšs.` → `Nedrīkst būt tukšs.`: beside its field the name says nothing more. */
function fieldMessage(message: string): string {
  const text = message.replace(/^Lauks "[^"]*": /u, '');
  return text.charAt(0).toLocaleUpperCase('lv') + text.slice(1);
}

export async function showGroups(root: HTMLElement): Promise<void> {
  document.title = 'Grupas – protokols';
  // In the server's order (Latvian, by name), fetched again after each new group.
  let groups = await api.get<GroupSummary[]>('/api/groups');
  const shown = h('div', { 'aria-live': 'polite' });
  const rows = h('tbody');
  const count = h('span');

  const render = () => {
    count.textContent = `Servera grupas (${groups.length})`;
    rows.replaceChildren(...groups.map(groupRow));
  };

  function groupRow(g: GroupSummary): HTMLTableRowElement {
    const message = h('div', { 'aria-live': 'polite' });
    // A group nobody has an account in yet may need a new link, e.g. when the first one expired unused.
    const freshLink =
      g.users === 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'small secondary',
              onclick: () =>
                void api.post<SetupLink>(`/api/groups/${g.id}/setup-link`).then(
                  (link) => {
                    replaceChildren(message);
                    replaceChildren(shown, setupLinkBox(g.name, link));
                    shown.scrollIntoView({ block: 'nearest' });
                  },
                  (err: unknown) => replaceChildren(message, notice('error', errorText(err))),
                ),
            },
            'Jauna iestatīšanas saite',
          )
        : null;
    return h(
      'tr',
      { 'data-group': g.slug },
      h('td', { 'data-label': 'Nosaukums' }, h('strong', null, g.name)),
      h('td', { 'data-label': 'Novads' }, g.municipality),
      h('td', { 'data-label': 'Saīsne' }, h('code', null, g.slug)),
      h('td', { 'data-label': 'Sēdes', class: 'num' }, g.sittings),
      h('td', { 'data-label': 'Personas', class: 'num' }, g.people),
      h('td', { 'data-label': 'Konti', class: 'num' }, g.users),
      h('td', { 'data-label': 'Darbības' }, freshLink, message),
    );
  }

  const name = checkedInput();
  const municipality = checkedInput();
  const addMessage = h('div', { 'aria-live': 'polite' });
  const addForm = h(
    'form',
    {
      class: 'person-form',
      // The server checks the fields and says what is wrong beside each, in one wording.
      novalidate: true,
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        name.show(null);
        municipality.show(null);
        replaceChildren(addMessage);
        try {
          const created = await api.post<CreatedGroup>('/api/groups', {
            name: name.input.value.trim(),
            municipality: municipality.input.value.trim(),
          });
          replaceChildren(shown, setupLinkBox(created.name, created));
          name.input.value = '';
          municipality.input.value = '';
          groups = await api.get<GroupSummary[]>('/api/groups');
          render();
        } catch (err) {
          const fields: Record<string, ReturnType<typeof checkedInput>> = { name, municipality };
          const at = err instanceof ApiError && err.field !== undefined ? fields[err.field] : undefined;
          if (at === undefined) replaceChildren(addMessage, notice('error', errorText(err)));
          else {
            at.show(fieldMessage(errorText(err)));
            at.input.focus();
          }
        }
      },
    },
    h('div', { class: 'grid' }, field('Nosaukums', name.input, name.error), field('Novads', municipality.input, municipality.error)),
    h('p', { class: 'hint' }, 'Piem., “Cēsu novada Bērnu tiesību aizsardzības sadarbības grupa” un “Cēsu novads”.'),
    h('button', { type: 'submit', class: 'primary' }, 'Izveidot grupu'),
    addMessage,
  );

  render();
  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Grupas'),
    h(
      'p',
      null,
      'Sadarbības grupas šajā serverī. Katras grupas sēdes, personas un lēmumus redz tikai tās lietotāji; ',
      'jaunas grupas pirmo administratoru izveido ar iestatīšanas saiti.',
    ),
    h('section', { class: 'card', 'aria-labelledby': 'add-group' }, h('h2', { id: 'add-group' }, 'Jauna grupa'), addForm),
    shown,
    h(
      'section',
      { 'aria-labelledby': 'groups-title' },
      h('h2', { id: 'groups-title' }, count),
      h(
        'table',
        { class: 'table groups' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Nosaukums', 'Novads', 'Saīsne'].map((t) => h('th', { scope: 'col' }, t)),
            ['Sēdes', 'Personas', 'Konti'].map((t) => h('th', { scope: 'col', class: 'num' }, t)),
            h('th', { scope: 'col' }, 'Darbības'),
          ),
        ),
        rows,
      ),
    ),
  );
}
