// A modal question before a step that cannot be taken back: a native <dialog> (focus kept inside,
// Escape cancels) named by its title and described by its text; resolves true only on confirm.
import { h } from '../dom.ts';

export interface ConfirmOptions {
  title: string;
  text: string;
  confirm: string;
  cancel?: string;
}

export function confirmDialog({ title, text, confirm, cancel = 'Atcelt' }: ConfirmOptions): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' });
    const finish = (ok: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(ok);
    };
    const no = h('button', { type: 'button', onclick: () => finish(false) }, cancel);
    dialog.append(
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-text' }, text),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => finish(true) }, confirm), no),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The safe answer has the focus, so Enter alone never takes the step.
    no.focus();
  });
}
