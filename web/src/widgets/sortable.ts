// Drag-and-drop reordering of a list by its items' handles (the keyboard way is the ↑/↓ buttons
// and Alt+↑/↓). Lists may nest (decisions inside agenda items): each handles only its own items.

export function sortable(list: HTMLElement, itemSelector: string, onDrop: (item: HTMLElement, toIndex: number) => void): void {
  let dragged: HTMLElement | null = null;
  const items = () => [...list.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.matches(itemSelector));
  const clearMarks = () =>
    list.querySelectorAll(':scope > .drop-before, :scope > .drop-after').forEach((el) => el.classList.remove('drop-before', 'drop-after'));
  const ownItem = (target: EventTarget | null) => {
    const item = (target as Element | null)?.closest?.<HTMLElement>(itemSelector) ?? null;
    return item?.parentElement === list ? item : null;
  };

  list.addEventListener('dragstart', (event) => {
    const handle = (event.target as Element).closest?.('.drag-handle');
    const item = handle?.closest<HTMLElement>('li') ?? null;
    if (item === null || item.parentElement !== list || !item.matches(itemSelector)) return;
    event.stopPropagation();
    dragged = item;
    item.classList.add('dragging');
    if (event.dataTransfer !== null) {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', item.dataset.key ?? '');
      event.dataTransfer.setDragImage(item, 20, 20);
    }
  });
  list.addEventListener('dragover', (event) => {
    if (dragged === null) return;
    const over = ownItem(event.target);
    if (over === null) return;
    event.preventDefault();
    event.stopPropagation();
    clearMarks();
    if (over === dragged) return;
    const rect = over.getBoundingClientRect();
    over.classList.add(event.clientY < rect.top + rect.height / 2 ? 'drop-before' : 'drop-after');
  });
  list.addEventListener('drop', (event) => {
    if (dragged === null) return;
    event.preventDefault();
    event.stopPropagation();
    const over = list.querySelector<HTMLElement>(':scope > .drop-before, :scope > .drop-after');
    const all = items();
    const item = dragged;
    let to = all.indexOf(item);
    if (over !== null) {
      const without = all.filter((i) => i !== item);
      to = without.indexOf(over) + (over.classList.contains('drop-after') ? 1 : 0);
    }
    finish();
    if (to !== all.indexOf(item)) onDrop(item, to);
  });
  const finish = () => {
    clearMarks();
    dragged?.classList.remove('dragging');
    dragged = null;
  };
  list.addEventListener('dragend', finish);
}
