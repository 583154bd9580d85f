// Owners of a decision: chips plus a type-ahead over the directory (ARIA combobox). A name that is
// not in the directory is kept as an outside owner, exactly as typed.
import { h, uid } from '../dom.ts';
import { combobox } from './combobox.ts';
import { fold } from '../format.ts';
import type { Owner, Person } from '../types.ts';

export interface OwnerPicker {
  el: HTMLElement;
  input: HTMLInputElement;
  set: (owners: Owner[]) => void;
}

export function ownerPicker(label: string, people: Person[], initial: Owner[], onChange: (owners: Owner[]) => void): OwnerPicker {
  let owners = [...initial];
  const chips = h('ul', { class: 'chips', 'aria-label': `${label}: izvēlētie` });

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
    combo.close();
    commit();
  };
  const suggest = () => {
    const typed = input.value.trim();
    const q = fold(typed);
    if (q === '') return combo.close();
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
    const suggestions = matches.map((p) => ({
      value: { personId: p.id, name: p.shortName } as Owner,
      text: `${p.fullName}${p.position === null ? '' : ` — ${p.position}`}`,
    }));
    if (!matches.some((p) => fold(p.fullName) === q || fold(p.shortName) === q))
      suggestions.push({ value: { personId: null, name: typed }, text: `Pievienot “${typed}” (nav sarakstā)` });
    combo.show(suggestions);
  };
  const combo = combobox<Owner>(label, { suggest, pick });
  const { input, listbox } = combo;

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      const owner = combo.current();
      if (owner !== undefined) {
        event.preventDefault();
        pick(owner);
      } else if (input.value.trim() !== '') {
        event.preventDefault();
        pick({ personId: null, name: input.value.trim() });
      }
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
