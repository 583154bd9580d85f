// A tiny DOM builder: h('label', { for: id }, 'Datums'). Event handlers are attached as
// listeners (never inline attributes), which the Content-Security-Policy requires.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: never) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'readOnly', 'required', 'indeterminate']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    else if (PROPERTIES.has(key)) (el as unknown as Record<string, unknown>)[key] = value;
    else if (value === false) continue;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
/** A unique element id, for label/for and aria-describedby pairs. */
export function uid(prefix = 'f'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled field: the label above, the control, and an optional hint (text, or an element already describing it). */
export function field(label: string, control: HTMLElement, hint?: string | HTMLElement): HTMLElement {
  if (control.id === '') control.id = uid();
  const hintEl = typeof hint === 'string' ? h('small', { class: 'hint', id: uid('hint') }, hint) : (hint ?? null);
  if (typeof hint === 'string' && hintEl !== null) describedBy(control, hintEl.id, true);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/** Adds or removes one id in an element's aria-describedby, keeping the others. */
export function describedBy(el: Element, id: string, on: boolean): void {
  const others = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x !== '' && x !== id);
  const ids = on ? [...others, id] : others;
  if (ids.length === 0) el.removeAttribute('aria-describedby');
  else el.setAttribute('aria-describedby', ids.join(' '));
}

/** A message box for errors and notices, announced to screen readers. */
export function notice(kind: 'error' | 'info' | 'ok' | 'warn', ...children: Child[]): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

export function spinner(text = 'Ielādē…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/**
 * A screen shown before the app itself (logging in, replacing a one-time password, creating the
 * first admin): a card with its heading, an optional line of explanation and the form.
 */
export function cardScreen(main: HTMLElement, view: string, title: string, intro: string | null, form: HTMLElement): void {
  const titleId = `${view}-title`;
  replaceChildren(
    main,
    h(
      'section',
      { class: 'card login-card', 'aria-labelledby': titleId },
      h('h1', { id: titleId, tabindex: -1 }, title),
      intro === null ? null : h('p', null, intro),
      form,
    ),
  );
  main.dataset.ready = 'true';
  main.dataset.view = view;
}

/** A new password typed twice (first admin, replacing a one-time password). */
export interface NewPassword {
  password: HTMLInputElement;
  repeat: HTMLInputElement;
  /** False, with the message shown in `into` and the repeat field focused, when the two differ. */
  matches: (into: HTMLElement) => boolean;
}

export function newPassword(): NewPassword {
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const repeat = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  return {
    password,
    repeat,
    matches: (into) => {
      if (password.value === repeat.value) return true;
      replaceChildren(into, notice('error', 'Paroles nesakrīt: ierakstiet to pašu paroli abos laukos.'));
      repeat.focus();
      return false;
    },
  };
}
