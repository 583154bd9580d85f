// "Lietotāji" (admin): the accounts, each linked to a person of the directory. A new account and a
// password reset give a one-time password, shown here once; the user replaces it at first login.
import { api, errorText } from '../api.ts';
import { currentUser } from '../auth.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { ACCOUNT_ROLE_LABEL, dateTimeLv } from '../format.ts';
import type { HandedOverUser, Person, Role, User } from '../types.ts';
import { personPicker } from '../widgets/person-picker.ts';

// A group's admin gives only the group's roles; the host admin is made from the command line.
const ROLES = (Object.keys(ACCOUNT_ROLE_LABEL) as Role[]).filter((r) => r !== 'host_admin');

function roleSelect(selected: Role, attrs: Record<string, string> = {}): HTMLSelectElement {
  return h(
    'select',
    attrs,
    ROLES.map((r) => h('option', { value: r, selected: r === selected }, ACCOUNT_ROLE_LABEL[r])),
  );
}

/** The one-time password, with what to do with it; it is not shown again. */
function oneTimeBox(user: HandedOverUser, reset: boolean): HTMLElement {
  return notice(
    'warn',
    h('strong', null, 'Vienreizējā parole — parādīta tikai vienreiz'),
    h(
      'p',
      null,
      `${reset ? 'Jaunā parole' : 'Parole'} lietotājam `,
      h('strong', null, user.login),
      ': ',
      h('output', { class: 'one-time-password', 'aria-label': 'Vienreizējā parole' }, user.oneTimePassword),
    ),
    h('p', null, 'Nododiet to lietotājam drošā veidā. Pirmajā pieteikšanās reizē tā jānomaina pret savu paroli.'),
  );
}

export async function showUsers(root: HTMLElement): Promise<void> {
  document.title = 'Lietotāji – protokols';
  const [users, people] = await Promise.all([api.get<User[]>('/api/users'), api.get<Person[]>('/api/people')]);
  const personName = (id: number | null) => (id === null ? '' : (people.find((p) => p.id === id)?.fullName ?? `#${id}`));
  const shown = h('div', { 'aria-live': 'polite' });
  const rows = h('tbody');
  const count = h('span');

  const render = () => {
    users.sort((a, b) => Number(b.active) - Number(a.active) || a.login.localeCompare(b.login, 'lv'));
    count.textContent = `Saraksts (${users.length})`;
    rows.replaceChildren(...users.map(userRow));
  };
  const replace = (updated: User) => {
    const at = users.findIndex((u) => u.id === updated.id);
    // Only the list's fields are kept: a one-time password is shown once, in its own box.
    const plain: User = {
      id: updated.id,
      login: updated.login,
      role: updated.role,
      personId: updated.personId,
      active: updated.active,
      mustChangePassword: updated.mustChangePassword,
      lastLoginAt: updated.lastLoginAt,
      version: updated.version,
    };
    if (at >= 0) users[at] = plain;
    else users.push(plain);
    render();
  };

  function userRow(u: User): HTMLTableRowElement {
    const message = h('div', { 'aria-live': 'polite' });
    const fail = (err: unknown) => replaceChildren(message, notice('error', errorText(err)));
    const role = roleSelect(u.role, { 'aria-label': `Loma: ${u.login}` });
    role.addEventListener('change', () => {
      api
        .patch<User>(`/api/users/${u.id}`, { version: u.version, role: role.value })
        .then(replace)
        .catch((err: unknown) => {
          role.value = u.role;
          fail(err);
        });
    });
    const toggle = h(
      'button',
      {
        type: 'button',
        class: u.active ? 'danger small' : 'small',
        onclick: () => void api.patch<User>(`/api/users/${u.id}`, { version: u.version, active: !u.active }).then(replace, fail),
      },
      u.active ? 'Deaktivizēt' : 'Aktivizēt',
    );
    const reset = h(
      'button',
      {
        type: 'button',
        class: 'small secondary',
        onclick: () =>
          void api.post<HandedOverUser>(`/api/users/${u.id}/password-reset`, { version: u.version }).then((done) => {
            replace(done);
            replaceChildren(shown, oneTimeBox(done, true));
            shown.scrollIntoView({ block: 'nearest' });
          }, fail),
      },
      'Atiestatīt paroli',
    );
    const self = currentUser()?.userId === u.id;
    return h(
      'tr',
      { 'data-login': u.login, class: u.active ? '' : 'inactive' },
      h('td', { 'data-label': 'Lietotājvārds' }, h('strong', null, u.login), self ? ' (jūs)' : ''),
      h('td', { 'data-label': 'Loma' }, role),
      h('td', { 'data-label': 'Saistītā persona' }, personName(u.personId)),
      h(
        'td',
        { 'data-label': 'Statuss' },
        u.active ? 'aktīvs' : 'deaktivizēts',
        u.mustChangePassword ? h('div', { class: 'hint' }, 'gaida paroles nomaiņu') : '',
      ),
      h('td', { 'data-label': 'Pēdējā pieteikšanās' }, u.lastLoginAt === null ? 'nav bijusi' : dateTimeLv(u.lastLoginAt)),
      h('td', { 'data-label': 'Darbības' }, h('div', { class: 'actions' }, toggle, reset), message),
    );
  }

  const login = h('input', {
    type: 'text',
    required: true,
    maxlength: 100,
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const role = roleSelect('member');
  const picker = personPicker(
    'Saistītā persona',
    people.filter((p) => p.active),
  );
  const addMessage = h('div', { 'aria-live': 'polite' });
  const addForm = h(
    'form',
    {
      class: 'person-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        const chosen = picker.value();
        try {
          const created = await api.post<HandedOverUser>('/api/users', {
            login: login.value.trim(),
            role: role.value,
            personId: chosen !== null && 'personId' in chosen ? chosen.personId : null,
          });
          replace(created);
          replaceChildren(addMessage);
          replaceChildren(shown, oneTimeBox(created, false));
          login.value = '';
          picker.clear();
        } catch (err) {
          replaceChildren(addMessage, notice('error', errorText(err)));
        }
      },
    },
    h(
      'div',
      { class: 'grid' },
      field('Lietotājvārds', login, 'Mazie burti a–z, cipari un . _ @ -, piem., ilze.kalnina'),
      field('Loma', role),
    ),
    picker.el,
    h('p', { class: 'hint' }, 'Persona no personu saraksta: tās uzdevumus lietotājs redz sadaļā “Mani uzdevumi”.'),
    h('button', { type: 'submit', class: 'primary' }, 'Pievienot lietotāju'),
    addMessage,
  );

  render();
  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Lietotāji'),
    h('p', null, 'Kas var pieslēgties lietotnei un ar kādu lomu. Deaktivizēts lietotājs tiek izrakstīts nekavējoties.'),
    h('section', { class: 'card', 'aria-labelledby': 'add-user' }, h('h2', { id: 'add-user' }, 'Pievienot lietotāju'), addForm),
    shown,
    h(
      'section',
      { 'aria-labelledby': 'users-title' },
      h('h2', { id: 'users-title' }, count),
      h(
        'table',
        { class: 'table users' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Lietotājvārds', 'Loma', 'Saistītā persona', 'Statuss', 'Pēdējā pieteikšanās', 'Darbības'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
    ),
  );
}
