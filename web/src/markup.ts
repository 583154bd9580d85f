// A live preview of the proceedings' small markup (paragraphs, `1. ` numbered lists, `- ` bullets,
// **bold**, *italic*) built as DOM nodes, never as HTML strings. The server's renderer is the
// authority; this only shows the secretary roughly what the minutes will look like.

const ORDERED = /^(\d+)[.)]\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;

export function renderMarkup(source: string): DocumentFragment {
  const out = document.createDocumentFragment();
  let list: HTMLOListElement | HTMLUListElement | null = null;
  let paragraph: HTMLParagraphElement | null = null;
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const ordered = ORDERED.exec(line);
    const bullet = ordered === null ? BULLET.exec(line) : null;
    if (line.trim() === '') {
      list = null;
      paragraph = null;
    } else if (ordered !== null || bullet !== null) {
      paragraph = null;
      const tag = ordered !== null ? 'ol' : 'ul';
      if (list === null || list.tagName.toLowerCase() !== tag) {
        list = document.createElement(tag);
        if (ordered !== null && ordered[1] !== '1') list.setAttribute('start', ordered[1] ?? '1');
        out.appendChild(list);
      }
      const li = document.createElement('li');
      inline(li, (ordered !== null ? ordered[2] : bullet?.[1]) ?? '');
      list.appendChild(li);
    } else if (list !== null && /^\s+/.test(line)) {
      // An indented line continues the list item above it.
      const last = list.lastElementChild;
      if (last !== null) {
        last.appendChild(document.createElement('br'));
        inline(last, line.trim());
      }
    } else {
      list = null;
      if (paragraph === null) {
        paragraph = document.createElement('p');
        out.appendChild(paragraph);
      } else {
        paragraph.appendChild(document.createElement('br'));
      }
      inline(paragraph, line);
    }
  }
  return out;
}

/** **bold** and *italic*, everything else as plain text. */
function inline(parent: Node, text: string): void {
  const pattern = /\*\*(.+?)\*\*|\*(?!\s)(.+?)\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) parent.appendChild(document.createTextNode(text.slice(last, at)));
    const el = document.createElement(match[1] !== undefined ? 'strong' : 'em');
    el.textContent = match[1] ?? match[2] ?? '';
    parent.appendChild(el);
    last = at + match[0].length;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}
