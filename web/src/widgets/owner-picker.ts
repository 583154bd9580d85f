// Owners of a decision: chips plus a type-ahead over the directory (ARIA combobox). A name that is
// not in the directory is kept as an outside owner, exactly as typed.
import { h, uid } from '../dom.ts';
import { fold } from '../format.ts';
import type { Owner, Person } from '../types.ts';

export interface OwnerPicker {
  el: HTMLElement;
  input: HTMLInputElement;
  set: (owners: Owner[]) => void;
}

export function ownerPicker(label: string, people: Person[], initial: Owner[], onChange: (owners: Owner[]) => void): OwnerPicker {
  let owners = [...initial];
  let options: Array<{ id: string; owner: Owner; text: string }> = [];
  let active = -1;
  const listId = uid('owners');
  const chips = h('ul', { class: 'chips', 'aria-label': `${label}: izvēlētie` });
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

  const renderChips = () => {
    chips.replaceChildren(
      ...owners.map((o, i) =>
        h(
          'li',
          { class: o.personId === null ? 'chip chip-outside' : 'chip' },
          h('span', null, o.name),
          o.personId === null ? h('span', { class: 'visually-hidden' }, ' (ārējs)') : null,
          h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Noņemt ${o.name}`, onclick: () => remove(i) }, '×'),
        ),
      ),
    );
  };
  const commit = () => {
    renderChips();
    onChange([...owners]);
  };
  const remove = (i: number) => {
    owners.splice(i, 1);
    commit();
    input.focus();
  };
  const pick = (owner: Owner) => {
    if (!owners.some((o) => (owner.personId !== null && o.personId === owner.personId) || fold(o.name) === fold(owner.name)))
      owners.push(owner);
    input.value = '';
    close();
    commit();
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const open = () => {
    const q = fold(input.value.trim());
    if (q === '') return close();
    const matches = people
      .filter((p) => p.active && !owners.some((o) => o.personId === p.id))
      .filter(
        (p) =>
          fold(p.fullName)
            .split(/\s+/)
            .some((w) => w.startsWith(q)) ||
          fold(p.fullName).includes(q) ||
          fold(p.shortName).replace(/\s/g, '').includes(q.replace(/\s/g, '')),
      )
      .slice(0, 8);
    options = matches.map((p) => ({
      id: uid('opt'),
      owner: { personId: p.id, name: p.shortName },
      text: `${p.fullName}${p.position === null ? '' : ` — ${p.position}`}`,
    }));
    const typed = input.value.trim();
    if (!matches.some((p) => fold(p.fullName) === q || fold(p.shortName) === q)) {
      options.push({ id: uid('opt'), owner: { personId: null, name: typed }, text: `Pievienot “${typed}” (nav sarakstā)` });
    }
    active = 0;
    listbox.replaceChildren(
      ...options.map((o, i) =>
        h(
          'li',
          {
            id: o.id,
            role: 'option',
            'aria-selected': i === active ? 'true' : 'false',
            onmousedown: (event: MouseEvent) => {
              event.preventDefault();
              pick(o.owner);
            },
          },
          o.text,
        ),
      ),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight();
  };
  const highlight = () => {
    listbox.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    const current = options[active];
    if (current === undefined) input.removeAttribute('aria-activedescendant');
    else input.setAttribute('aria-activedescendant', current.id);
  };

  input.addEventListener('input', open);
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (listbox.hidden) open();
      else if (options.length > 0) active = (active + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
      highlight();
      event.preventDefault();
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      const option = options[active];
      if (!listbox.hidden && option !== undefined) {
        event.preventDefault();
        pick(option.owner);
      } else if (input.value.trim() !== '') {
        event.preventDefault();
        pick({ personId: null, name: input.value.trim() });
      }
    } else if (event.key === 'Escape' && !listbox.hidden) {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Backspace' && input.value === '' && owners.length > 0) {
      owners.pop();
      commit();
    }
  });

  renderChips();
  input.id = uid('owner-input');
  const el = h('div', { class: 'owner-picker' }, h('label', { for: input.id }, label), chips, h('div', { class: 'combo' }, input, listbox));
  return {
    el,
    input,
    set: (next) => {
      owners = [...next];
      renderChips();
    },
  };
}
