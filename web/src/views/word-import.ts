// Bringing old Word protocols in: the import card on the sittings screen (a file, then the draft
// and its doubts; the bulk "done before a date"), and the panel on an imported draft that shows
// its doubts and confirms it as a record signed on paper.
import { api, errorText } from '../api.ts';
import { can } from '../auth.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { dateLv, todayIso } from '../format.ts';
import type { SittingDetail, WordImportInfo } from '../types.ts';
import { confirmDialog } from '../widgets/confirm.ts';
import { commitEntry, dateEntry, entryHint, entryValue } from '../widgets/date-time.ts';
import { filePick } from '../widgets/file-pick.ts';

type Doubt = WordImportInfo['doubts'][number];

const WORD_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
};

function doubtList(doubts: readonly Doubt[]): HTMLElement {
  if (doubts.length === 0) return h('p', null, 'Šaubu nav: visas rindas atpazītas.');
  return h(
    'ul',
    { class: 'doubts' },
    doubts.map((d) => h('li', null, h('strong', null, `${d.paragraph}. rindkopa`), ` „${d.excerpt}”: `, d.message)),
  );
}

/** The card on the sittings screen: import one Word protocol; mark old imported decisions done. */
export function wordImportCard(): HTMLElement {
  const file = filePick('Vecais protokols (.docx, .doc vai .odt)', '.docx,.doc,.odt');
  const result = h('div', { 'aria-live': 'polite' });
  const importForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        const chosen = file.chosen();
        if (chosen === undefined) {
          replaceChildren(result, notice('error', 'Izvēlieties Word failu.'));
          return;
        }
        const ext = chosen.name.split('.').pop()?.toLowerCase() ?? '';
        replaceChildren(result, h('p', { class: 'muted' }, 'Nolasa protokolu…'));
        try {
          const imported = await api.upload<{ id: number; number: number; doubts: Doubt[] }>(
            `/api/sittings/import-word?fileName=${encodeURIComponent(chosen.name)}`,
            chosen,
            WORD_TYPES[ext] ?? 'application/octet-stream',
          );
          replaceChildren(
            result,
            notice(
              imported.doubts.length === 0 ? 'ok' : 'warn',
              `Sēde Nr. ${imported.number} importēta kā melnraksts. `,
              h('a', { href: `#/sedes/${imported.id}` }, 'Pārbaudīt un apstiprināt'),
            ),
            doubtList(imported.doubts),
          );
        } catch (err) {
          replaceChildren(result, notice('error', errorText(err)));
        }
      },
    },
    file.el,
    h('button', { type: 'submit', class: 'primary' }, 'Importēt no Word'),
  );

  const before = dateEntry(todayIso(), { required: true });
  const marked = h('div', { 'aria-live': 'polite' });
  const markForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        if (!commitEntry(before)) {
          before.focus();
          return;
        }
        const day = entryValue(before) ?? todayIso();
        const sure = await confirmDialog({
          title: 'Atzīmēt vecos lēmumus kā izpildītus?',
          text: `Visi apstiprināto importēto sēžu neizpildītie lēmumi, kas pieņemti pirms ${dateLv(day)}, tiks atzīmēti kā izpildīti.`,
          confirm: 'Atzīmēt',
        });
        if (!sure) return;
        try {
          const res = await api.post<{ marked: number }>('/api/decisions/mark-done', { before: day, importedOnly: true });
          replaceChildren(marked, notice('ok', `Atzīmēti kā izpildīti: ${res.marked}.`));
        } catch (err) {
          replaceChildren(marked, notice('error', errorText(err)));
        }
      },
    },
    field('Pieņemti pirms', before, entryHint(before)),
    h('button', { type: 'submit' }, 'Atzīmēt kā izpildītus līdz datumam'),
  );

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'word-import-title' },
    h('h2', { id: 'word-import-title' }, 'Importēt vecos protokolus no Word'),
    importForm,
    result,
    h('h3', null, 'Vecie lēmumi'),
    markForm,
    marked,
  );
}

/**
 * On a sitting's screen: nothing for a sitting made here; for an imported one its label, the
 * doubts, the original file and, while a draft, the confirmation as a record signed on paper.
 */
export function importPanel(sitting: SittingDetail, fresh: () => Promise<SittingDetail>, beforeConfirm: () => void): HTMLElement {
  const panel = h('div');
  void (async () => {
    let info: WordImportInfo | null;
    try {
      info = await api.get<WordImportInfo | null>(`/api/sittings/${sitting.id}/word-import`);
    } catch {
      return; // the panel is an addition; the sitting's screen works without it
    }
    if (info === null) return; // made here, not imported
    const message = h('div', { 'aria-live': 'polite' });
    const confirm =
      info.confirmedAt === null && sitting.state === 'draft' && can('sittings:write')
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              onclick: async () => {
                beforeConfirm();
                const sure = await confirmDialog({
                  title: 'Apstiprināt kā vēsturisku ierakstu?',
                  text: 'Sēde kļūs par „parakstīts papīra formā”, to vairs nevarēs labot, un tās neizpildītie lēmumi nonāks izpildes kontrolē.',
                  confirm: 'Apstiprināt',
                });
                if (!sure) return;
                try {
                  const latest = await fresh();
                  await api.post(`/api/sittings/${sitting.id}/confirm-import`, { version: latest.version });
                  location.reload();
                } catch (err) {
                  replaceChildren(message, notice('error', errorText(err)));
                }
              },
            },
            'Apstiprināt kā vēsturisku ierakstu',
          )
        : null;
    replaceChildren(
      panel,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'word-origin-title' },
        h('h2', { id: 'word-origin-title' }, `Sēde ${info.label}`),
        h(
          'p',
          null,
          'Oriģināls: ',
          h('a', { href: `/api/sittings/${sitting.id}/word-import/original`, download: '' }, info.fileName),
          h('span', { class: 'muted' }, ` · SHA-256 ${info.sha256}`),
        ),
        info.confirmedAt === null ? h('h3', null, 'Pārbaudāmais') : null,
        info.confirmedAt === null ? doubtList(info.doubts) : null,
        confirm,
        message,
      ),
    );
  })();
  return panel;
}
