// Starts the front end: the save-state indicator, the warning before leaving with unsaved
// changes, and a small hash router that shows one screen at a time in <main>.
import { configureAuth, errorText, prefetch } from './api.ts';
import { can, lastSessionReadsPeople, logout, renewCsrf, requirePasswordChange, showLogin, startSession } from './auth.ts';
import type { Me } from './types.ts';
import { saver, type SaveState } from './autosave.ts';
import { h, notice, replaceChildren } from './dom.ts';
import { showActions } from './views/actions.ts';
import { showReadOut } from './views/live.ts';
import { showMinutes } from './views/minutes.ts';
import { showOutbox } from './views/outbox.ts';
import { showPassword } from './views/password.ts';
import { runOutside } from './views/outside.ts';
import { showPeople } from './views/people.ts';
import { showPlanActivity } from './views/plan-activity.ts';
import { showPlan, showPlans } from './views/plans.ts';
import { showRegister } from './views/register.ts';
import { showSettings } from './views/settings.ts';
import { showDraft } from './views/draft.ts';
import { showGroups } from './views/groups.ts';
import { runSetup } from './views/setup.ts';
import { showSittings } from './views/sittings.ts';
import { showUsers } from './views/users.ts';

export type Cleanup = () => void;
export type View = (root: HTMLElement, params: string[]) => Promise<Cleanup | void>;

const ROUTES: Array<{ pattern: RegExp; nav: string; view: View }> = [
  { pattern: /^\/?$/, nav: 'sedes', view: showSittings },
  { pattern: /^\/sedes\/(\d+)$/, nav: 'sedes', view: showDraft },
  { pattern: /^\/sedes\/(\d+)\/protokols$/, nav: 'sedes', view: showMinutes },
  { pattern: /^\/sedes\/(\d+)\/lemumi$/, nav: 'sedes', view: showReadOut },
  { pattern: /^\/uzdevumi$/, nav: 'uzdevumi', view: showActions },
  { pattern: /^\/registrs$/, nav: 'registrs', view: showRegister },
  { pattern: /^\/plani$/, nav: 'plani', view: showPlans },
  { pattern: /^\/plani\/(\d+)$/, nav: 'plani', view: showPlan },
  { pattern: /^\/plani\/aktivitate\/(\d+)$/, nav: 'plani', view: showPlanActivity },
  { pattern: /^\/personas$/, nav: 'personas', view: showPeople },
  { pattern: /^\/iestatijumi$/, nav: 'iestatijumi', view: showSettings },
  { pattern: /^\/lietotaji$/, nav: 'lietotaji', view: showUsers },
  { pattern: /^\/izsutne$/, nav: 'izsutne', view: showOutbox },
  { pattern: /^\/parole$/, nav: 'parole', view: showPassword },
];

/** A host admin's whole app: the host's groups, never a group's minutes. */
const HOST_ROUTES: typeof ROUTES = [
  { pattern: /^\/(grupas)?$/, nav: 'grupas', view: showGroups },
  { pattern: /^\/parole$/, nav: 'parole', view: showPassword },
];
const isHostAdmin = () => can('groups:manage');

const SAVE_TEXT: Record<SaveState, string> = { saved: 'saglabāts', saving: 'saglabā…', unsaved: 'nav saglabāts' };

let cleanup: Cleanup | void;
let firstRoute = true;

async function route(): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  const path = decodeURIComponent(location.hash.replace(/^#/, ''));
  cleanup?.();
  cleanup = undefined;
  main.dataset.ready = 'false';
  delete main.dataset.wide;
  const match = (isHostAdmin() ? HOST_ROUTES : ROUTES).map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m !== null);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (link.dataset.nav === match?.r.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (match === undefined || match.m === null) {
    document.title = 'Nav atrasts – protokols';
    replaceChildren(
      main,
      h('h1', { tabindex: -1 }, 'Lapa nav atrasta'),
      h('p', null, 'Šādas lapas nav. Atgriezties pie ', linkTo('#/', isHostAdmin() ? 'grupu saraksta' : 'sēžu saraksta'), '.'),
    );
    main.dataset.ready = 'true';
    return;
  }
  main.dataset.view = match.r.nav;
  try {
    cleanup = await match.r.view(main, match.m.slice(1));
  } catch (err) {
    replaceChildren(main, notice('error', `Neizdevās ielādēt: ${errorText(err)}`));
  }
  main.dataset.ready = 'true';
  // When the screen was ready, for the benchmark and the tests.
  main.dataset.readyAt = String(Math.round(performance.now()));
  // Move focus to the new screen's heading so keyboard and screen-reader users land on it.
  if (!firstRoute) main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false });
  firstRoute = false;
}

function linkTo(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

/** The user's name, their password and "Iziet" in the top bar; links the role may not use are hidden. */
function showUser(me: Me): void {
  const hide: Record<string, boolean> = {
    registrs: !can('register:read'),
    plani: !can('register:read'),
    personas: !can('people:write'),
    iestatijumi: !can('settings:write'),
    lietotaji: !can('users:manage'),
    izsutne: !can('settings:write'),
    grupas: !isHostAdmin(),
  };
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    const item = link.parentElement;
    const nav = link.dataset.nav ?? '';
    // A host admin has the groups alone: everything else is a group's own.
    if (item !== null) item.hidden = isHostAdmin() ? nav !== 'grupas' : hide[nav] === true;
  }
  // Shown only once someone is logged in: before that there is nowhere to go and nothing to save.
  for (const id of ['main-nav', 'save-state']) document.getElementById(id)?.removeAttribute('hidden');
  document.getElementById('user-box')?.remove();
  document
    .querySelector('.topbar')
    ?.append(
      h(
        'div',
        { id: 'user-box', class: 'user-box' },
        h('span', { class: 'user-name' }, me.login),
        h('a', { href: '#/parole', class: 'user-password', 'data-nav': 'parole' }, 'Mainīt paroli'),
        h('button', { type: 'button', class: 'logout', onclick: () => void logout() }, 'Iziet'),
      ),
    );
}

async function start(): Promise<void> {
  const state = document.getElementById('save-state') as HTMLElement;
  saver.subscribe((s) => {
    state.textContent = SAVE_TEXT[s];
    state.dataset.state = s;
  });
  window.addEventListener('offline', () => saver.emit());
  window.addEventListener('beforeunload', (event) => {
    if (!saver.hasUnsaved()) return;
    event.preventDefault();
    event.returnValue = '';
  });
  document.getElementById('skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    const main = document.getElementById('main') as HTMLElement;
    (main.querySelector<HTMLElement>('h1') ?? main).focus();
  });
  configureAuth({ onUnauthorized: showLogin, onForbidden: renewCsrf });
  // The drafting screen's data is asked for while the session is checked, to save a round trip.
  const draft = /^#\/sedes\/(\d+)$/.exec(location.hash);
  if (draft !== null) {
    prefetch(`/api/sittings/${draft[1]}`);
    if (lastSessionReadsPeople()) prefetch('/api/people');
  }
  const main = document.getElementById('main') as HTMLElement;
  // The first admin's setup link (logged by the server at start) comes before any login.
  const setup = /^#\/setup\/([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (setup !== null) {
    await runSetup(main, setup[1] ?? '');
    history.replaceState(null, '', '#/');
  }
  // An outside owner's mailed link: a page of its own, without a login.
  const outside = /^#\/izpilde\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(location.hash);
  if (outside !== null) return runOutside(main, outside[1] ?? '');
  let me = await startSession(main);
  if (me.mustChangePassword) me = await requirePasswordChange(main, me);
  showUser(me);
  if (isHostAdmin() && /^#?\/?$/.test(location.hash)) history.replaceState(null, '', '#/grupas');
  // On a phone a member comes for what they owe, not for the list of sittings.
  if (
    /^#?\/?$/.test(location.hash) &&
    me.personId !== null &&
    !can('sittings:write') &&
    !can('sittings:sign') &&
    matchMedia('(max-width: 40rem)').matches
  ) {
    history.replaceState(null, '', '#/uzdevumi');
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
