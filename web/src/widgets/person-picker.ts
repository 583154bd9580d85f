// One person chosen by name from the directory: a type-ahead (ARIA combobox, as the owner picker's)
// that shows the choice as a chip. With `allowNew`, a name not in the directory is offered as a new
// person (the first admin's setup); otherwise only the directory's people can be chosen.
import { h, uid } from '../dom.ts';
import { combobox } from './combobox.ts';
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
  const chosen = h('ul', { class: 'chips', 'aria-label': `${label}: izvēlēta` });

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
    combo.close();
    render();
  };
  const suggest = () => {
    const typed = input.value.trim();
    const q = fold(typed);
    if (q === '') return combo.close();
    const matches = people.filter((p) => fold(p.fullName).includes(q)).slice(0, 8);
    const suggestions = matches.map((p) => ({ value: { personId: p.id } as Exclude<PersonChoice, null>, text: p.fullName }));
    if (allowNew && !matches.some((p) => fold(p.fullName) === q))
      suggestions.push({ value: { newName: typed }, text: `Pievienot jaunu personu “${typed}”` });
    combo.show(suggestions, 'Personu sarakstā nav tāda vārda.');
  };
  const combo = combobox<Exclude<PersonChoice, null>>(label, { suggest, pick });
  const { input, listbox } = combo;

  input.addEventListener('keydown', (event) => {
    const current = event.key === 'Enter' ? combo.current() : undefined;
    if (current !== undefined) {
      event.preventDefault();
      pick(current);
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
