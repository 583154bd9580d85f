// The conflict box: when someone else changed a record first, the editor shows their version and
// this box keeps mine, to copy, merge by hand, or save over theirs. Nothing is lost until the user
// closes the box; it survives a reload (localStorage).
import { clearConflict, saveConflict, saver, type Fields, type SaveEntry } from '../autosave.ts';
import { h } from '../dom.ts';

const open = new Set<string>();

export interface ConflictOptions {
  entry: SaveEntry;
  slot: HTMLElement;
  mine: Fields;
  message: string;
  labels: Record<string, string>;
  show: (field: string, value: unknown) => string;
  /** Puts my values back into the editors (they are then saved over the other version). */
  useMine: (mine: Fields) => void;
}

export function showConflict({ entry, slot, mine, message, labels, show, useMine }: ConflictOptions): void {
  const key = entry.key;
  saveConflict(key, mine, message);
  open.add(key);
  saver.setConflictCount(open.size);
  const close = () => {
    clearConflict(key);
    open.delete(key);
    saver.setConflictCount(open.size);
    slot.replaceChildren();
  };
  const texts = Object.entries(mine)
    .filter(([f]) => f in labels)
    .map(([f, v]) =>
      h(
        'div',
        { class: 'field' },
        h('span', { class: 'conflict-label' }, `${labels[f]} — mana versija (nav saglabāta):`),
        h('textarea', {
          class: 'mine',
          readOnly: true,
          rows: Math.min(8, show(f, v).split('\n').length + 1),
          'aria-label': `${labels[f]}: mana nesaglabātā versija`,
          value: show(f, v),
        }),
      ),
    );
  const copyText = Object.entries(mine)
    .filter(([f]) => f in labels)
    .map(([f, v]) => show(f, v))
    .join('\n\n');
  slot.replaceChildren(
    h(
      'div',
      { class: 'conflict', role: 'alert' },
      h('p', null, h('strong', null, 'Konflikts: '), message),
      h(
        'p',
        null,
        'Laukā augstāk tagad redzama otra lietotāja saglabātā versija. Jūsu teksts ir šeit — izvēlieties, ko paturēt, vai apvienojiet tos paši.',
      ),
      texts,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: () => {
              useMine(mine);
              saver.change(entry, mine, { immediate: true });
              close();
            },
          },
          'Saglabāt manu versiju',
        ),
        h('button', { type: 'button', onclick: close }, 'Paturēt otra lietotāja versiju'),
        h(
          'button',
          {
            type: 'button',
            onclick: async (event: MouseEvent) => {
              const button = event.currentTarget as HTMLButtonElement;
              try {
                await navigator.clipboard.writeText(copyText);
                button.textContent = 'Nokopēts';
              } catch {
                slot.querySelector<HTMLTextAreaElement>('textarea.mine')?.select();
              }
            },
          },
          'Kopēt manu tekstu',
        ),
      ),
    ),
  );
}
