// "Mainīt paroli": any logged-in user, the host admin too, replaces their own password here.
import { currentUser, passwordForm } from '../auth.ts';
import { h, notice, replaceChildren } from '../dom.ts';

export async function showPassword(root: HTMLElement): Promise<void> {
  document.title = 'Paroles maiņa – protokols';
  const message = h('div', { 'aria-live': 'polite' });
  const { form } = passwordForm(currentUser()?.login ?? '', { current: 'Pašreizējā parole', hint: 'Vismaz 10 rakstzīmes' }, message, () => {
    form.reset();
    replaceChildren(message, notice('ok', 'Parole nomainīta. Citās ierīcēs jāpiesakās no jauna.'));
  });
  replaceChildren(root, h('h1', { tabindex: -1 }, 'Mainīt paroli'), h('section', { class: 'card' }, form));
}
