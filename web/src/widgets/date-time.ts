// Date and time fields that read Latvian whatever the browser's language: text inputs taking
// 09.07.2025. (or 9.7.2025, 2025-07-09) and 14.00 (or 14:00, 14, 9.30), shown back as 09.07.2025.
// and 14.00, holding the ISO value the API keeps. A field's `change` reaches the view's own
// listeners only with a valid value; what cannot be read stays on the field with a message.
import { describedBy, h, uid } from '../dom.ts';
import { dateLv, parseDateLv, parseTimeLv, timeLv } from '../format.ts';

interface Kind {
  parse: (text: string) => string | null;
  show: (value: string) => string;
  /** Whether the text is finished while still typing (so it may be saved before the field is left). */
  finished: (text: string) => boolean;
  placeholder: string;
  hint: string;
  invalid: string;
  missing: string;
}

const KINDS: Record<'date' | 'time', Kind> = {
  date: {
    parse: parseDateLv,
    show: dateLv,
    // The year comes last in 09.07.2025 and the day in 2025-07-09: either way, readable means finished.
    finished: () => true,
    placeholder: 'dd.mm.gggg.',
    hint: 'Datums, piemēram, 09.07.2025.',
    invalid: 'Datumu nevar nolasīt: ierakstiet to, piemēram, kā 09.07.2025.',
    missing: 'Ierakstiet datumu, piemēram, 09.07.2025.',
  },
  time: {
    parse: parseTimeLv,
    show: timeLv,
    // 1 may become 14.00: a bare hour is taken only once the field is left.
    finished: (text) => /[.:,]\d{2}$/u.test(text.trim()),
    placeholder: 'hh.mm',
    hint: 'Laiks, piemēram, 14.00',
    invalid: 'Laiku nevar nolasīt: ierakstiet to, piemēram, kā 14.00 vai 9.30.',
    missing: 'Ierakstiet laiku, piemēram, 14.00.',
  },
};

const values = new WeakMap<HTMLInputElement, string | null>();
const kinds = new WeakMap<HTMLInputElement, Kind>();

/** A date field holding an ISO date (or null when empty and not required). */
export function dateEntry(iso: string | null, options: { required?: boolean } = {}): HTMLInputElement {
  return entry('date', iso, options.required === true);
}

/** A time field holding HH:MM (or null when empty). */
export function timeEntry(time: string | null): HTMLInputElement {
  return entry('time', time, false);
}

/** The value the API keeps: ISO date or HH:MM, null when empty. */
export function entryValue(input: HTMLInputElement): string | null {
  return values.get(input) ?? null;
}

/** Shows a value from the server (ISO date or HH:MM) and clears any message. */
export function showEntry(input: HTMLInputElement, value: string | null): void {
  const kind = kinds.get(input);
  if (kind === undefined) return;
  values.set(input, value);
  input.value = value === null ? '' : kind.show(value);
  flag(input, null);
}

/** The visually hidden format hint for a field's aria-describedby; place it next to the field. */
export function entryHint(input: HTMLInputElement): HTMLElement {
  const hint = h('span', { class: 'visually-hidden', id: uid('format') }, kinds.get(input)?.hint ?? '');
  describedBy(input, hint.id, true);
  return hint;
}

function entry(name: 'date' | 'time', value: string | null, required: boolean): HTMLInputElement {
  const kind = KINDS[name];
  const input = h('input', {
    type: 'text',
    class: `${name}-entry`,
    'data-kind': name,
    inputmode: 'decimal',
    autocomplete: 'off',
    placeholder: kind.placeholder,
    maxlength: 16,
    // Not `required`: the browser would answer an empty field in its own language.
    'aria-required': required ? 'true' : undefined,
  });
  kinds.set(input, kind);
  showEntry(input, value);
  // Registered before any view's listener, so an unreadable value stops here.
  input.addEventListener('change', (event) => {
    if (event instanceof CustomEvent) return;
    if (!commitEntry(input)) event.stopImmediatePropagation();
  });
  input.addEventListener('input', () => {
    const parsed = kind.parse(input.value);
    if (parsed === null || !kind.finished(input.value)) return;
    flag(input, null);
    if (parsed === values.get(input)) return;
    values.set(input, parsed);
    // Saved as soon as it is complete, as the browser's own date field did.
    input.dispatchEvent(new CustomEvent('change'));
  });
  return input;
}

/**
 * Reads what is typed: a readable value is kept and shown back the Latvian way (true); otherwise
 * the field says what is wrong and keeps its last good value (false).
 */
export function commitEntry(input: HTMLInputElement): boolean {
  const kind = kinds.get(input);
  if (kind === undefined) return true;
  const text = input.value.trim();
  const parsed = text === '' ? null : kind.parse(text);
  if (text !== '' && parsed === null) flag(input, kind.invalid);
  else if (parsed === null && input.getAttribute('aria-required') === 'true') flag(input, kind.missing);
  else {
    showEntry(input, parsed);
    return true;
  }
  return false;
}

const messages = new WeakMap<HTMLInputElement, HTMLElement>();

function flag(input: HTMLInputElement, message: string | null): void {
  let el = messages.get(input);
  if (message === null) {
    input.removeAttribute('aria-invalid');
    if (el !== undefined) {
      describedBy(input, el.id, false);
      el.remove();
    }
    return;
  }
  if (el === undefined) {
    el = h('small', { class: 'field-error', id: uid('invalid') });
    messages.set(input, el);
  }
  el.textContent = message;
  if (!el.isConnected) input.after(el);
  input.setAttribute('aria-invalid', 'true');
  describedBy(input, el.id, true);
}
