// "Labot noformējumu": the Latvian typography corrections (server/domain/typography.ts) offered for
// the agenda item being edited (Ctrl+Shift+L) or the whole sitting (the button) — never silently:
// a preview lists each change, the fields then autosave as if typed, and one click undoes it.
import { fixTypography, TYPOGRAPHY_RULE_LABEL, typographyFixes, type TypographyFix } from '../../../server/domain/typography.ts';
import { h, notice, replaceChildren } from '../dom.ts';

/** The texts of the minutes the rules look at: item titles, rapporteurs, proceedings, decisions. */
const TEXT_FIELDS = 'input.item-title, .rapporteur input, textarea.proceedings, textarea.decision-text';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

interface Change {
  el: TextControl;
  before: string;
  after: string;
  fixes: TypographyFix[];
}

export interface TypographyTool {
  button: HTMLButtonElement;
  /** Where the outcome and its "Atsaukt" show. */
  message: HTMLElement;
}

export function typographyTool(root: HTMLElement): TypographyTool {
  const message = h('div', { class: 'typography-message', 'aria-live': 'polite' });
  const offer = async (scope: Element, whole: boolean) => {
    const controls = [...scope.querySelectorAll<TextControl>(TEXT_FIELDS)].filter((el) => !el.disabled && !el.readOnly);
    const changes: Change[] = controls
      .map((el) => ({ el, before: el.value, after: fixTypography(el.value), fixes: typographyFixes(el.value) }))
      .filter((c) => c.after !== c.before);
    if (changes.length === 0) {
      replaceChildren(message, notice('ok', `Noformējums ${whole ? 'visā sēdē' : 'šajā punktā'} ir kārtībā: nav ko labot.`));
      return;
    }
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const sure = await preview(changes, whole);
    back?.focus();
    if (!sure) return;
    const applied = changes.filter((c) => c.el.value === c.before);
    for (const c of applied) set(c.el, c.after);
    const count = applied.reduce((n, c) => n + c.fixes.length, 0);
    const undo = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          for (const c of applied) if (c.el.value === c.after) set(c.el, c.before);
          replaceChildren(message, notice('info', 'Noformējuma labojumi atsaukti.'));
          back?.focus();
        },
      },
      'Atsaukt',
    );
    replaceChildren(message, notice('ok', `Noformējums labots (${count} ${count === 1 ? 'vietā' : 'vietās'}). `, undo));
  };

  root.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'l')) return;
    event.preventDefault();
    const from = event.target instanceof Element ? event.target : null;
    const item = from?.closest('.agenda-item') ?? from?.closest('.decision') ?? null;
    void offer(item ?? root, item === null);
  });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'aria-keyshortcuts': 'Control+Shift+L',
      title: 'Visai sēdei; Ctrl+Shift+L – punktam, kurā atrodaties',
      onclick: () => void offer(root, true),
    },
    'Labot noformējumu',
  );
  return { button, message };
}

/** Sets a field as if typed, so that it autosaves. */
function set(el: TextControl, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The changes, each kind once with how often it occurs; resolves true to make them. */
function preview(changes: Change[], whole: boolean): Promise<boolean> {
  const counted = new Map<string, { fix: TypographyFix; times: number }>();
  for (const fix of changes.flatMap((c) => c.fixes)) {
    const key = `${fix.rule}\u0000${fix.before}`;
    const seen = counted.get(key);
    if (seen === undefined) counted.set(key, { fix, times: 1 });
    else seen.times += 1;
  }
  const total = changes.reduce((n, c) => n + c.fixes.length, 0);
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm typography', 'aria-labelledby': 'typography-title' });
    const finish = (ok: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(ok);
    };
    const apply = h('button', { type: 'button', class: 'primary', onclick: () => finish(true) }, `Labot (${total})`);
    dialog.append(
      h('h2', { id: 'typography-title' }, `Labot noformējumu ${whole ? 'visā sēdē' : 'šajā punktā'}?`),
      h(
        'ul',
        { class: 'typography-changes', 'aria-label': 'Labojumi', tabindex: 0 },
        [...counted.values()].map(({ fix, times }) =>
          h(
            'li',
            null,
            h('del', null, fix.before),
            ' → ',
            h('ins', null, fix.after),
            h('small', { class: 'hint' }, ` ${TYPOGRAPHY_RULE_LABEL[fix.rule]}${times > 1 ? `, ${times}×` : ''}`),
          ),
        ),
      ),
      h('p', { class: 'hint' }, 'Laukus var atjaunot ar “Atsaukt”.'),
      h('div', { class: 'actions' }, apply, h('button', { type: 'button', onclick: () => finish(false) }, 'Atcelt')),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    apply.focus();
  });
}
