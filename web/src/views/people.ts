// The directory (admin): the group's members and other people who appear in minutes.
import { api, ApiError, errorText } from '../api.ts';
import { can } from '../auth.ts';
import { field, h, notice, replaceChildren, uid } from '../dom.ts';
import { ACCOUNT_ROLE_LABEL } from '../format.ts';
import type { Person, User } from '../types.ts';

export async function showPeople(root: HTMLElement): Promise<void> {
  document.title = 'Personas – protokols';
  const [loaded, accounts] = await Promise.all([
    api.get<Person[]>('/api/people'),
    // An admin sees each person's account, if they have one.
    can('users:manage') ? api.get<User[]>('/api/users') : Promise.resolve([]),
  ]);
  const people = loaded.sort(byName);
  const list = h('ul', { class: 'people-list' });
  const heading = h('h2', { id: 'people-title' });
  // The count follows the list at every change, not only at load.
  const render = () => {
    heading.textContent = `Saraksts (${people.length})`;
    list.replaceChildren(
      ...people.map((p) =>
        personForm(
          p,
          accounts.filter((a) => a.personId === p.id),
          people,
          render,
        ),
      ),
    );
  };
  render();

  const inputs = personInputs(null);
  const message = h('div', { 'aria-live': 'polite' });
  const addForm = h(
    'form',
    {
      class: 'person-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        try {
          const created = await api.post<Person>('/api/people', inputs.values());
          people.push(created);
          people.sort(byName);
          render();
          inputs.reset();
          replaceChildren(message, notice('ok', `Pievienots: ${created.fullName}.`));
          inputs.fullName.focus();
        } catch (err) {
          replaceChildren(message, notice('error', errorText(err)));
        }
      },
    },
    inputs.el,
    h('button', { type: 'submit', class: 'primary' }, 'Pievienot personu'),
    message,
  );

  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Personas'),
    h('p', null, 'Grupas locekļi un citas personas, kuras min protokolos. Aktīvie grupas locekļi jaunā sēdē tiek atzīmēti kā klātesoši.'),
    h('section', { class: 'card', 'aria-labelledby': 'add-person' }, h('h2', { id: 'add-person' }, 'Jauna persona'), addForm),
    h('section', { 'aria-labelledby': 'people-title' }, heading, list),
  );
}

const byName = (a: Person, b: Person) => Number(b.active) - Number(a.active) || a.fullName.localeCompare(b.fullName, 'lv');

function personInputs(p: Person | null) {
  const fullName = h('input', { type: 'text', required: true, maxlength: 200, value: p?.fullName ?? '', autocomplete: 'off' });
  const shortName = h('input', {
    type: 'text',
    maxlength: 200,
    value: p?.shortNameOverride ?? '',
    placeholder: p?.shortName ?? 'piem., E. Rancāne',
  });
  const position = h('input', { type: 'text', maxlength: 500, value: p?.position ?? '' });
  const email = h('input', { type: 'email', maxlength: 320, value: p?.email ?? '', autocomplete: 'off' });
  const isMember = h('input', { type: 'checkbox', checked: p?.isMember ?? true, id: uid() });
  const active = h('input', { type: 'checkbox', checked: p?.active ?? true, id: uid() });
  const nullable = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    fullName,
    el: h(
      'div',
      { class: 'grid' },
      field('Vārds, uzvārds', fullName),
      field('Amats', position),
      field('Saīsinātais vārds (ja atšķiras)', shortName),
      field('E-pasts', email),
      h('div', { class: 'check' }, isMember, h('label', { for: isMember.id }, 'Grupas loceklis')),
      h('div', { class: 'check' }, active, h('label', { for: active.id }, 'Aktīvs')),
    ),
    values: () => ({
      fullName: fullName.value.trim(),
      shortNameOverride: nullable(shortName.value),
      position: nullable(position.value),
      email: nullable(email.value),
      isMember: isMember.checked,
      active: active.checked,
    }),
    reset: () => {
      for (const input of [fullName, shortName, position, email]) input.value = '';
      isMember.checked = true;
      active.checked = true;
    },
  };
}

/** The person's accounts (login, role), with the way to the users screen. */
function accountLine(accounts: User[]): HTMLElement | null {
  if (accounts.length === 0) return null;
  return h(
    'p',
    { class: 'account' },
    'Lietotāja konts: ',
    accounts.map((a, i) => [
      i > 0 ? ', ' : '',
      h('strong', null, a.login),
      ` (${ACCOUNT_ROLE_LABEL[a.role]}${a.active ? '' : ', deaktivizēts'})`,
    ]),
    ' · ',
    h('a', { href: '#/lietotaji' }, 'Lietotāji'),
  );
}

function personForm(p: Person, accounts: User[], people: Person[], render: () => void): HTMLElement {
  const inputs = personInputs(p);
  const message = h('div', { 'aria-live': 'polite' });
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      const updated = await api.patch<Person>(`/api/people/${p.id}`, { ...inputs.values(), version: p.version });
      Object.assign(p, updated);
      replaceChildren(message, notice('ok', 'Saglabāts.'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.field === 'version') {
        const theirs = await api.get<Person>(`/api/people/${p.id}`);
        Object.assign(p, theirs);
        render();
        return;
      }
      replaceChildren(message, notice('error', errorText(err)));
    }
  };
  const remove = async () => {
    try {
      await api.del(`/api/people/${p.id}?version=${p.version}`);
      people.splice(people.indexOf(p), 1);
      render();
    } catch (err) {
      replaceChildren(message, notice('error', errorText(err)));
    }
  };
  return h(
    'li',
    { class: `card person${p.active ? '' : ' inactive'}` },
    h(
      'details',
      null,
      h(
        'summary',
        null,
        h('strong', null, p.fullName),
        p.position === null ? '' : ` — ${p.position}`,
        p.isMember ? '' : ' (nav grupas loceklis)',
        p.active ? '' : ' (neaktīvs)',
      ),
      accountLine(accounts),
      h(
        'form',
        { class: 'person-form', onsubmit: save },
        inputs.el,
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', class: 'primary' }, 'Saglabāt'),
          h('button', { type: 'button', class: 'danger', onclick: remove }, 'Dzēst'),
        ),
        h('p', { class: 'hint' }, 'Dzēst var tikai personu, kura nav minēta nevienā protokolā; citus atzīmējiet kā neaktīvus.'),
        message,
      ),
    ),
  );
}
