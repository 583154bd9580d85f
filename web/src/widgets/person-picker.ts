// One person chosen by name from the directory: a type-ahead (ARIA combobox, as the owner picker's)
// that shows the choice as a chip. With `allowNew`, a name not in the directory is offered as a new
// person (the first admin's setup); otherwise only the directory's people can be chosen.
import { h, uid } from '../dom.ts';
import { fold } from '../format.ts';

export interface PickablePerson {
  id: number;
  fullName: string;
}

/** The choice: a directory person, a new person's name, or nobody. */
export type PersonChoice = { personId: number } | { newName: string } | null;

export interface PersonPicker {
  el: HTMLElement;
  input: HTMLInputElement;
  value: () => PersonChoice;
  clear: () => void;
}

export function personPicker(label: string, people: PickablePerson[], { allowNew = false } = {}): PersonPicker {
  let choice: PersonChoice = null;
  let options: Array<{ id: string; choice: Exclude<PersonChoice, null>; text: string }> = [];
  let active = -1;
  const listId = uid('people');
  const chosen = h('ul', { class: 'chips', 'aria-label': `${label}: izvēlēta` });
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

  const nameOf = (c: Exclude<PersonChoice, null>) =>
    'newName' in c ? `${c.newName} (jauna persona)` : (people.find((p) => p.id === c.personId)?.fullName ?? '');
  const render = () => {
    chosen.replaceChildren(
      ...(choice === null
        ? []
        : [
            h(
              'li',
              { class: 'chip' },
              h('span', null, nameOf(choice)),
              h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Noņemt ${nameOf(choice)}`, onclick: clear }, '×'),
            ),
          ]),
    );
    input.hidden = choice !== null;
  };
  const clear = () => {
    choice = null;
    render();
    input.focus();
  };
  const pick = (c: Exclude<PersonChoice, null>) => {
    choice = c;
    input.value = '';
    close();
    render();
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = () => {
    listbox.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    const current = options[active];
    if (current === undefined) input.removeAttribute('aria-activedescendant');
    else input.setAttribute('aria-activedescendant', current.id);
  };
  const open = () => {
    const typed = input.value.trim();
    const q = fold(typed);
    if (q === '') return close();
    const matches = people.filter((p) => fold(p.fullName).includes(q)).slice(0, 8);
    options = matches.map((p) => ({ id: uid('opt'), choice: { personId: p.id }, text: p.fullName }));
    if (allowNew && !matches.some((p) => fold(p.fullName) === q))
      options.push({ id: uid('opt'), choice: { newName: typed }, text: `Pievienot jaunu personu “${typed}”` });
    if (options.length === 0) {
      listbox.replaceChildren(h('li', { class: 'empty' }, 'Personu sarakstā nav tāda vārda.'));
    } else {
      listbox.replaceChildren(
        ...options.map((o) =>
          h(
            'li',
            {
              id: o.id,
              role: 'option',
              onmousedown: (event: MouseEvent) => {
                event.preventDefault();
                pick(o.choice);
              },
            },
            o.text,
          ),
        ),
      );
    }
    active = options.length === 0 ? -1 : 0;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight();
  };

  input.addEventListener('input', open);
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (event) => {
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && options.length > 0) {
      if (listbox.hidden) open();
      else active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      highlight();
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const option = options[active];
      if (!listbox.hidden && option !== undefined) {
        event.preventDefault();
        pick(option.choice);
      }
    } else if (event.key === 'Escape' && !listbox.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });

  render();
  input.id = uid('person-input');
  const el = h(
    'div',
    { class: 'owner-picker' },
    h('label', { for: input.id }, label),
    chosen,
    h('div', { class: 'combo' }, input, listbox),
  );
  const reset = () => {
    choice = null;
    render();
  };
  return { el, input, value: () => choice, clear: reset };
}
