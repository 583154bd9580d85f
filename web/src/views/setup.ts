// The first admin, through the link the server logged at its start: login, password twice and,
// if wished, the person this admin is (from the directory, or a new one). The link works once.
import { errorText, request } from '../api.ts';
import { cardScreen, field, h, newPassword, notice, replaceChildren } from '../dom.ts';
import type { SetupScreen } from '../types.ts';
import { personPicker } from '../widgets/person-picker.ts';

/** Shows the setup screen; resolves once the admin exists and is logged in. */
export async function runSetup(main: HTMLElement, token: string): Promise<void> {
  document.title = 'Pirmā administratora izveide – protokols';
  main.dataset.view = 'setup';
  const url = `/api/setup/${encodeURIComponent(token)}`;
  let screen: SetupScreen;
  try {
    screen = await request<SetupScreen>('GET', url, undefined, {}, true);
  } catch (err) {
    replaceChildren(
      main,
      h('h1', { tabindex: -1 }, 'Pirmā administratora izveide'),
      notice('error', errorText(err)),
      h('p', null, h('a', { href: '#/' }, 'Uz pieslēgšanos')),
    );
    main.dataset.ready = 'true';
    // The link is no good: the login screen is one click away, and this start goes no further.
    return new Promise<void>(() => undefined);
  }
  return new Promise<void>((resolve) => {
    const login = h('input', { type: 'text', required: true, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
    const { password, repeat, matches } = newPassword();
    const picker = personPicker('Saistītā persona (nav obligāti)', screen.people, { allowNew: true });
    const message = h('div', { 'aria-live': 'assertive' });
    const form = h(
      'form',
      {
        class: 'login-form',
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          if (!matches(message)) return;
          const chosen = picker.value();
          try {
            await request('POST', url, {
              login: login.value.trim(),
              password: password.value,
              passwordRepeat: repeat.value,
              personId: chosen !== null && 'personId' in chosen ? chosen.personId : null,
              newPersonName: chosen !== null && 'newName' in chosen ? chosen.newName : null,
            });
            resolve();
          } catch (err) {
            replaceChildren(message, notice('error', errorText(err)));
          }
        },
      },
      message,
      field('Lietotājvārds', login, 'Mazie burti a–z, cipari un . _ @ -'),
      field('Parole', password, 'Vismaz 10 rakstzīmes'),
      field('Parole vēlreiz', repeat),
      picker.el,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Izveidot administratoru')),
    );
    cardScreen(
      main,
      'setup',
      'Pirmā administratora izveide',
      'Lietotnē vēl nav administratora. Izveidojiet savu kontu; šī saite derīga vienu reizi un vienu stundu.',
      form,
    );
    login.focus();
  });
}
