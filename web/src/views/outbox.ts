// "Izsūtne" (admin): the group's mail settings, and the e-mails the app has written, newest first,
// with their state and the SMTP server's last answer; a message opens as a preview (subject, text,
// HTML, attachments) and can be sent again.
import { api, errorText } from '../api.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { dateTimeLv } from '../format.ts';
import type { MailSettingsView, OutboxEntryView, OutboxMessageView } from '../types.ts';

const STATE: Record<OutboxEntryView['state'], string> = {
  pending: 'gaida',
  sending: 'tiek sūtīta',
  sent: 'nosūtīta',
  failed: 'neizdevās',
};

const KIND: Record<string, string> = {
  invitation: 'uzaicinājums',
  update: 'izmaiņas',
  cancellation: 'atcelšana',
  reminder: 'atgādinājums',
  signed: 'parakstīts protokols',
};

export async function showOutbox(root: HTMLElement): Promise<void> {
  document.title = 'Izsūtne – protokols';
  const preview = h('section', { class: 'card', 'aria-live': 'polite', hidden: true });
  const message = h('div', { 'aria-live': 'assertive' });
  const list = h('tbody');

  const open = async (id: number) => {
    replaceChildren(preview, h('p', { class: 'loading', role: 'status' }, 'Ielādē…'));
    preview.hidden = false;
    try {
      replaceChildren(preview, ...previewOf(await api.get<OutboxMessageView>(`/api/outbox/${id}`)));
      preview.scrollIntoView({ block: 'start' });
    } catch (err) {
      replaceChildren(preview, notice('error', errorText(err)));
    }
  };
  const resend = async (id: number) => {
    try {
      await api.post(`/api/outbox/${id}/resend`);
      replaceChildren(message, notice('ok', 'Vēstule ielikta rindā atkārtotai sūtīšanai.'));
      await load();
    } catch (err) {
      replaceChildren(message, notice('error', errorText(err)));
    }
  };
  const load = async () => {
    const entries = await api.get<OutboxEntryView[]>('/api/outbox');
    replaceChildren(
      list,
      entries.length === 0
        ? h('tr', null, h('td', { colspan: 6 }, 'Izsūtnē vēl nav nevienas vēstules.'))
        : entries.map((e) =>
            h(
              'tr',
              { 'data-state': e.state },
              h('td', { 'data-label': 'Izveidota' }, dateTimeLv(e.createdAt)),
              h('td', { 'data-label': 'Veids' }, KIND[e.kind] ?? e.kind),
              h('td', { 'data-label': 'Adresāts' }, e.recipient),
              h(
                'td',
                { 'data-label': 'Temats' },
                h('a', { href: '#', onclick: (ev: Event) => (ev.preventDefault(), void open(e.id)) }, e.subject),
              ),
              h(
                'td',
                { 'data-label': 'Stāvoklis' },
                h('strong', null, STATE[e.state]),
                e.attempts > 0 ? ` (mēģinājumi: ${e.attempts})` : '',
                e.lastError === null ? null : h('div', { class: 'hint' }, e.lastError),
              ),
              h(
                'td',
                { 'data-label': 'Darbības' },
                e.state === 'sending'
                  ? null
                  : h('button', { type: 'button', onclick: () => void resend(e.id) }, e.state === 'sent' ? 'Sūtīt vēlreiz' : 'Sūtīt tagad'),
              ),
            ),
          ),
    );
  };
  await load();
  replaceChildren(
    root,
    h('h1', { tabindex: -1 }, 'Izsūtne'),
    settingsForm(await api.get<MailSettingsView>('/api/mail/settings')),
    h(
      'p',
      null,
      'Vēstules, ko lietotne ir sagatavojusi: uzaicinājumi uz sēdēm, atgādinājumi par lēmumu izpildi un parakstītie protokoli. Ja SMTP serveris vēstuli atraida, to mēģina sūtīt vēlreiz; pēc 24 stundām sūtīšana tiek pārtraukta.',
    ),
    message,
    h(
      'table',
      { class: 'table outbox' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Izveidota', 'Veids', 'Adresāts', 'Temats', 'Stāvoklis', 'Darbības'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      list,
    ),
    preview,
  );
}

/** A message as its reader would get it: the HTML part in a sandboxed frame, the text part, the attachments. */
function previewOf(m: OutboxMessageView): Node[] {
  const frame = h('iframe', { class: 'preview-frame', title: 'Vēstules priekšskatījums', sandbox: '' });
  frame.srcdoc = m.html;
  return [
    h('h2', null, m.subject),
    h('p', null, `Kam: ${m.recipient}`, h('br'), `Message-ID: ${m.messageId}`),
    frame,
    h('details', null, h('summary', null, 'Teksta versija'), h('pre', { class: 'mail-text' }, m.text)),
    m.attachments.length === 0
      ? h('p', null, 'Pielikumu nav.')
      : h(
          'ul',
          null,
          m.attachments.map((a) => h('li', null, `${a.fileName} (${a.contentType.split(';')[0]}, ${Math.ceil(a.size / 1024)} KB)`)),
        ),
  ];
}

/** Reply-to (the secretary), the days before a deadline of the first reminder, and whether the signed DOCX is attached. */
function settingsForm(initial: MailSettingsView): HTMLElement {
  let current = initial;
  const replyTo = h('input', { type: 'email', value: current.replyTo ?? '', autocomplete: 'off' });
  const days = h('input', { type: 'number', min: 0, max: 60, value: current.reminderDaysBefore, inputmode: 'numeric' });
  const attach = h('input', { type: 'checkbox', checked: current.attachDocx });
  const message = h('div', { 'aria-live': 'polite' });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'mail-settings' },
    h('h2', { id: 'mail-settings' }, 'E-pasta iestatījumi'),
    h(
      'form',
      {
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          try {
            current = await api.patch<MailSettingsView>('/api/mail/settings', {
              version: current.version,
              replyTo: replyTo.value.trim() === '' ? null : replyTo.value.trim(),
              reminderDaysBefore: Number(days.value),
              attachDocx: attach.checked,
            });
            replaceChildren(message, notice('ok', 'Iestatījumi saglabāti.'));
          } catch (err) {
            replaceChildren(message, notice('error', errorText(err)));
          }
        },
      },
      message,
      field('Atbildes adrese (sekretārs)', replyTo, 'Uz to nonāks atbildes uz lietotnes vēstulēm.'),
      field('Pirmais atgādinājums, dienas pirms termiņa', days, '0 — tikai pēc termiņa.'),
      h('label', null, attach, ' Pievienot parakstīto protokolu (DOCX; publisko versiju, ja sēdē ir ierobežotas pieejamības informācija)'),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Saglabāt iestatījumus')),
    ),
  );
}
