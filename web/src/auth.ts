// Logging in and out, and what the logged-in user's role may do. At start the app asks GET /api/me;
// without a session it shows the login screen. Later a 401 (the session ran out) opens a login
// dialog, and the request that met it is sent again once logged in, so no typed text is lost.
import { configureAuth, errorText, request } from './api.ts';
import { cardScreen, field, h, newPassword, notice, replaceChildren } from './dom.ts';
import type { Me, Permission } from './types.ts';

let me: Me | null = null;

export function currentUser(): Me | null {
  return me;
}

export function can(permission: Permission): boolean {
  return me !== null && me.permissions.includes(permission);
}

/** A write refused for its CSRF token (a login in another tab renews it): fetch the current one. */
export async function renewCsrf(): Promise<boolean> {
  const before = me?.csrfToken;
  const session = await fetchMe();
  return session !== null && session.csrfToken !== before;
}

/** Whether the last session here could read the directory: lets the next start fetch it early. */
const READS_PEOPLE = 'protokols:reads-people';

export function lastSessionReadsPeople(): boolean {
  try {
    return localStorage.getItem(READS_PEOPLE) === '1';
  } catch {
    return false;
  }
}

function remember(session: Me): Me {
  me = session;
  try {
    localStorage.setItem(READS_PEOPLE, session.permissions.includes('people:read') ? '1' : '0');
  } catch {
    // Without storage the directory is simply fetched a little later.
  }
  const token = session.csrfToken;
  configureAuth({ headers: () => ({ 'x-csrf-token': token }) });
  return session;
}

async function fetchMe(): Promise<Me | null> {
  try {
    return remember(await request<Me>('GET', '/api/me', undefined, {}, true));
  } catch {
    return null;
  }
}

async function logIn(login: string, password: string): Promise<Me> {
  await request('POST', '/api/session', { login, password }, {}, true);
  const session = await fetchMe();
  if (session === null) throw new Error('Pieslēgšanās neizdevās; mēģiniet vēlreiz.');
  return session;
}

function loginForm(onDone: (session: Me) => void, extra?: HTMLElement): HTMLFormElement {
  const error = h('div', { 'aria-live': 'assertive' });
  const login = h('input', { type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  return h(
    'form',
    {
      class: 'login-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        try {
          onDone(await logIn(login.value, password.value));
        } catch (err) {
          password.value = '';
          replaceChildren(error, notice('error', errorText(err)));
          password.focus();
        }
      },
    },
    error,
    field('Lietotājvārds', login),
    field('Parole', password),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Pieslēgties'), extra),
  );
}

/**
 * Replaces the user's own password. The change ends every session of the account, so the user is
 * logged in again with the new one.
 */
export async function replaceOwnPassword(login: string, current: string, password: string): Promise<Me> {
  await request('POST', '/api/me/password', { current, password }, {}, true);
  return logIn(login, password);
}

/**
 * Holding a one-time password, the user sees only this screen until they choose their own; then
 * they are logged in again with it (the change ends every session of the account).
 */
export function requirePasswordChange(main: HTMLElement, session: Me): Promise<Me> {
  return new Promise<Me>((resolve) => {
    document.title = 'Paroles maiņa – protokols';
    const { form, current } = passwordForm(
      session.login,
      { current: 'Vienreizējā parole', hint: 'Vismaz 10 rakstzīmes; to zināsiet tikai jūs' },
      h('div', { 'aria-live': 'assertive' }),
      resolve,
    );
    cardScreen(
      main,
      'password',
      'Nomainiet vienreizējo paroli',
      'Jūs pieslēdzāties ar vienreizējo paroli. Pirms turpināt, izvēlieties savu paroli.',
      form,
    );
    current.focus();
  });
}

/**
 * The form that replaces `login`'s own password: the current one, then the new one twice; `status`
 * (above the fields) tells what went wrong, and `changed` gets the session the change starts.
 */
export function passwordForm(
  login: string,
  labels: { current: string; hint: string },
  status: HTMLElement,
  changed: (session: Me) => void,
): { form: HTMLFormElement; current: HTMLInputElement } {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const { password, repeat, matches } = newPassword();
  const form = h(
    'form',
    {
      class: 'login-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        replaceChildren(status);
        if (!matches(status)) return;
        try {
          changed(await replaceOwnPassword(login, current.value, password.value));
        } catch (err) {
          replaceChildren(status, notice('error', errorText(err)));
        }
      },
    },
    status,
    field(labels.current, current),
    field('Jaunā parole', password, labels.hint),
    field('Jaunā parole vēlreiz', repeat),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Nomainīt paroli')),
  );
  return { form, current };
}

/** The session to start with: the current one, or the login screen until the user logs in. */
export async function startSession(main: HTMLElement): Promise<Me> {
  const session = await fetchMe();
  if (session !== null) return session;
  return new Promise<Me>((resolve) => {
    document.title = 'Pieslēgšanās – protokols';
    const form = loginForm(resolve);
    cardScreen(main, 'login', 'Pieslēgšanās', null, form);
    form.querySelector('input')?.focus();
  });
}

let pendingLogin: Promise<boolean> | null = null;

/** On a 401 mid-work: a login dialog over the page; resolves true once logged in again. */
export function showLogin(): Promise<boolean> {
  pendingLogin ??= new Promise<boolean>((resolve) => {
    const dialog = h('dialog', { class: 'login', 'aria-labelledby': 'relogin-title' });
    const finish = (ok: boolean) => {
      dialog.close();
      dialog.remove();
      pendingLogin = null;
      resolve(ok);
    };
    dialog.append(
      h('h2', { id: 'relogin-title' }, 'Sesija ir beigusies'),
      h('p', null, 'Lūdzu, piesakieties vēlreiz. Nesaglabātās izmaiņas tiks nosūtītas pēc pieslēgšanās.'),
      loginForm(
        // A one-time password must be replaced before anything else: the start does that.
        (session) => (session.mustChangePassword ? location.reload() : finish(true)),
        h('button', { type: 'button', onclick: () => finish(false) }, 'Atcelt'),
      ),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
  return pendingLogin;
}

export async function logout(): Promise<void> {
  try {
    await request('DELETE', '/api/session');
  } finally {
    me = null;
    try {
      localStorage.removeItem(READS_PEOPLE);
    } catch {
      // nothing to forget
    }
    // A fresh load of the start page: changing the hash first would start the sittings screen's
    // request, which the reload then aborts (an error in the console).
    location.replace(location.pathname);
  }
}
