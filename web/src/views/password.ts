// "Mainīt paroli": any logged-in user, the host admin too, replaces their own password here.
import { errorText } from '../api.ts';
import { currentUser, replaceOwnPassword } from '../auth.ts';
import { field, h, newPassword, notice, replaceChildren } from '../dom.ts';

export async function showPassword(root: HTMLElement): Promise<void> {
  document.title = 'Paroles maiņa – protokols';
  const message = h('div', { 'aria-live': 'polite' });
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const { password, repeat, matches } = newPassword();
  const form = h(
    'form',
    {
      class: 'login-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        replaceChildren(message);
        if (!matches(message)) return;
        try {
          await replaceOwnPassword(currentUser()?.login ?? '', current.value, password.value);
          form.reset();
          replaceChildren(message, notice('ok', 'Parole nomainīta. Citās ierīcēs jāpiesakās no jauna.'));
        } catch (err) {
          replaceChildren(message, notice('error', errorText(err)));
        }
      },
    },
    field('Pašreizējā parole', current),
    field('Jaunā parole', password, 'Vismaz 10 rakstzīmes'),
    field('Jaunā parole vēlreiz', repeat),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Nomainīt paroli')),
    message,
  );
  replaceChildren(root, h('h1', { tabindex: -1 }, 'Mainīt paroli'), h('section', { class: 'card' }, form));
}
