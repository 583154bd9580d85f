// A file field in Latvian whatever the browser's language: a button "Izvēlēties failu…" and the
// chosen file's name, backed by a hidden file input (the browser's own says "Choose File").
import { h, uid } from '../dom.ts';

export interface FilePick {
  el: HTMLElement;
  input: HTMLInputElement;
  chosen: () => File | undefined;
}

/** A labelled group: the label, the button, and the name of the chosen file. */
export function filePick(label: string, accept: string): FilePick {
  const input = h('input', { type: 'file', accept, hidden: true, tabindex: -1 });
  const labelId = uid('file-label');
  const name = h('span', { class: 'file-name muted', id: uid('file-name') }, 'Fails nav izvēlēts');
  const button = h(
    'button',
    { type: 'button', class: 'file-button', 'aria-describedby': name.id, onclick: () => input.click() },
    'Izvēlēties failu…',
  );
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    name.textContent = file === undefined ? 'Fails nav izvēlēts' : file.name;
    name.classList.toggle('muted', file === undefined);
  });
  const el = h(
    'div',
    { class: 'field file-pick', role: 'group', 'aria-labelledby': labelId },
    h('span', { class: 'label', id: labelId }, label),
    h('div', { class: 'file-row' }, button, name),
    input,
  );
  return { el, input, chosen: () => input.files?.[0] };
}
