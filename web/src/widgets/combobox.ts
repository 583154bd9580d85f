// The ARIA combobox both type-aheads are built on (a decision's owners, an account's person): the
// text field and its listbox of suggestions kept in step for screen readers, the arrow keys moving
// through them, Escape closing them, a click choosing one. What is suggested, and what Enter does,
// each picker decides.
import { h, uid } from '../dom.ts';

export interface Suggestion<T> {
  value: T;
  text: string;
}

export interface Combobox<T> {
  input: HTMLInputElement;
  listbox: HTMLUListElement;
  /** Opens the list with these suggestions, the first one active (`empty` is shown when there are none). */
  show: (suggestions: Array<Suggestion<T>>, empty?: string) => void;
  close: () => void;
  /** The suggestion the arrow keys are on, while the list is open. */
  current: () => T | undefined;
}

export function combobox<T>(label: string, { suggest, pick }: { suggest: () => void; pick: (value: T) => void }): Combobox<T> {
  let options: Array<Suggestion<T> & { id: string }> = [];
  let active = -1;
  const listId = uid('suggestions');
  const input = h('input', {
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder: 'Rakstiet vārdu…',
  });
  const listbox = h('ul', { id: listId, role: 'listbox', class: 'listbox', hidden: true, 'aria-label': `${label}: ieteikumi` });

  const highlight = () => {
    listbox.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    const current = options[active];
    if (current === undefined) input.removeAttribute('aria-activedescendant');
    else input.setAttribute('aria-activedescendant', current.id);
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const show = (suggestions: Array<Suggestion<T>>, empty?: string) => {
    options = suggestions.map((s) => ({ ...s, id: uid('opt') }));
    if (options.length === 0 && empty !== undefined) listbox.replaceChildren(h('li', { class: 'empty' }, empty));
    else
      listbox.replaceChildren(
        ...options.map((o) =>
          h(
            'li',
            {
              id: o.id,
              role: 'option',
              onmousedown: (event: MouseEvent) => {
                event.preventDefault();
                pick(o.value);
              },
            },
            o.text,
          ),
        ),
      );
    active = options.length === 0 ? -1 : 0;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight();
  };

  input.addEventListener('input', suggest);
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (listbox.hidden) suggest();
      else if (options.length > 0) active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      highlight();
      event.preventDefault();
    } else if (event.key === 'Escape' && !listbox.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  return { input, listbox, show, close, current: () => (listbox.hidden ? undefined : options[active]?.value) };
}
