// The minutes of one sitting: HTML preview (full and public), DOCX downloads, signing (showing what
// is missing), the signed copy upload, the signed versions, and amendments.
import { api, ApiError, errorText } from '../api.ts';
import { can, currentUser } from '../auth.ts';
import { saver } from '../autosave.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import { awaitingLabel, dateLv, dateTimeLv } from '../format.ts';
import type { Signature, SittingDetail } from '../types.ts';
import { confirmDialog } from '../widgets/confirm.ts';
import { filePick } from '../widgets/file-pick.ts';

const UPLOAD_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  asice: 'application/vnd.etsi.asic-e+zip',
  sce: 'application/vnd.etsi.asic-e+zip',
  edoc: 'application/vnd.etsi.asic-e+zip',
};

export async function showMinutes(root: HTMLElement, [idText]: string[]): Promise<void> {
  const id = Number(idText);
  // Room for the A4 preview beside the actions on a wide screen.
  root.dataset.wide = 'true';
  // The preview must show what was typed a moment ago.
  const settled = await saver.settle(4000);
  let sitting = await api.get<SittingDetail>(`/api/sittings/${id}`);
  document.title = `Protokols Nr. ${sitting.number} – protokols`;
  const base = `/api/sittings/${id}`;

  let version: 'full' | 'public' = 'full';
  const frame = h('iframe', { class: 'preview-frame', title: 'Protokola priekšskatījums', sandbox: '' });
  const openLink = h('a', { target: '_blank', rel: 'noopener' }, 'Atvērt jaunā cilnē');
  const showVersion = () => {
    const url = `${base}/minutes.html${version === 'public' ? '?version=public' : ''}`;
    frame.src = `${url}${url.includes('?') ? '&' : '?'}t=${Date.now()}`;
    openLink.href = url;
  };
  const versionRadios = (['full', 'public'] as const).map((v) => {
    const input = h('input', { type: 'radio', name: 'minutes-version', value: v, checked: v === version, id: `version-${v}` });
    input.addEventListener('change', () => {
      version = v;
      showVersion();
    });
    return h(
      'div',
      { class: 'check' },
      input,
      h('label', { for: `version-${v}` }, v === 'full' ? 'Pilnā versija' : 'Publiskā versija (bez ierobežotas pieejamības informācijas)'),
    );
  });
  showVersion();

  const signArea = h('div');
  const signatures = h('div');
  const head = h('h1', { tabindex: -1 });

  const backLink = h('a', { href: `#/sedes/${id}`, class: 'button' });
  const render = async () => {
    head.textContent = `Protokols Nr. ${sitting.number}, ${dateLv(sitting.date)}`;
    backLink.textContent = sitting.state === 'signed' ? '← Atpakaļ uz sēdi' : '← Atpakaļ uz sēdes melnrakstu';
    const list = await api.get<Signature[]>(`${base}/signatures`);
    const latest = list[list.length - 1];
    // Signed minutes say so once, here, with whose signature they still wait for.
    if (sitting.state === 'signed' && latest !== undefined) replaceChildren(signMessage, notice('ok', signedStatus(latest)));
    replaceChildren(
      signArea,
      sitting.state === 'draft'
        ? can('sittings:sign')
          ? signForm()
          : h('p', null, 'Protokols vēl nav parakstīts.')
        : [
            can('sittings:sign') && latest !== undefined && awaitsMySignature(latest) ? signForm() : null,
            can('sittings:amend') ? amendForm() : null,
          ],
    );
    replaceChildren(signatures, signatureList(list));
  };

  const signedStatus = (s: Signature) => {
    const signed = `Protokols parakstīts (${s.version}. versija, ${dateTimeLv(s.signedAt)}) un vairs nav maināms`;
    return s.awaiting.length === 0 ? `${signed}.` : `${signed}; ${awaitingLabel(s.awaiting)}.`;
  };

  /** The first signature locks the minutes; the other signer then signs the same version. */
  const awaitsMySignature = (s: Signature) => {
    const role = currentUser()?.role;
    if (role === 'chair') return s.chairSignedAt === null;
    if (role === 'secretary') return s.recorderSignedAt === null;
    return s.chairSignedAt === null || s.recorderSignedAt === null;
  };
  const signMessage = h('div', { 'aria-live': 'polite' });
  const signForm = () =>
    h(
      'div',
      null,
      h('p', null, 'Parakstot protokols tiek saglabāts nemainīgā veidā; vēlāk to var mainīt tikai ar grozījumu.'),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: async () => {
            const sure = await confirmDialog({
              title: 'Parakstīt protokolu?',
              text:
                sitting.state === 'draft'
                  ? 'Parakstot protokols tiks saglabāts nemainīgā veidā un slēgts: to vairs nevarēs mainīt, tikai labot ar grozījumu.'
                  : 'Jūsu paraksts tiks pievienots jau slēgtajai protokola versijai; protokolu vairs nevarēs mainīt, tikai labot ar grozījumu.',
              confirm: 'Parakstīt',
            });
            if (!sure) return;
            if (!(await saver.settle(4000))) {
              replaceChildren(signMessage, notice('error', 'Ne visas izmaiņas ir saglabātas. Pārbaudiet savienojumu un mēģiniet vēlreiz.'));
              return;
            }
            try {
              const fresh = await api.get<SittingDetail>(base);
              await api.post<Signature>(`${base}/sign`, { version: fresh.version });
              sitting = await api.get<SittingDetail>(base);
              showVersion();
              await render();
            } catch (err) {
              replaceChildren(
                signMessage,
                notice('error', err instanceof ApiError && err.status === 409 ? err.message : `Neizdevās parakstīt: ${errorText(err)}`),
              );
            }
          },
        },
        'Parakstīt protokolu',
      ),
    );

  const amendForm = () => {
    const reason = h('textarea', { rows: 3, required: true, minlength: 5, maxlength: 5000 });
    const message = h('div', { 'aria-live': 'polite' });
    return h(
      'form',
      {
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          try {
            await api.post(`${base}/amend`, { version: sitting.version, reason: reason.value });
            sitting = await api.get<SittingDetail>(base);
            location.hash = `#/sedes/${id}`;
          } catch (err) {
            replaceChildren(message, notice('error', errorText(err)));
          }
        },
      },
      h('h3', null, 'Grozījums'),
      h('p', null, 'Grozījums atkal atver protokolu labošanai; parakstītās versijas saglabājas.'),
      field('Grozījuma iemesls', reason),
      h('button', { type: 'submit' }, 'Atvērt labošanai (grozījums)'),
      message,
    );
  };

  // A list rather than a table: it sits in the narrow column beside the preview.
  const signatureList = (list: Signature[]) =>
    list.length === 0
      ? h('p', null, 'Protokols vēl nav parakstīts.')
      : h(
          'ol',
          { class: 'signatures' },
          list.map((s) =>
            h(
              'li',
              null,
              h('strong', null, `${s.version}. versija`),
              `, parakstīta ${dateTimeLv(s.signedAt)}`,
              h(
                'div',
                null,
                `Protokolētājs: ${s.recorderSignedAt === null ? 'gaida parakstu' : `parakstīja ${dateTimeLv(s.recorderSignedAt)}`}`,
              ),
              h(
                'div',
                null,
                `Sēdes vadītājs: ${s.chairSignedAt === null ? 'gaida parakstu' : `parakstīja ${dateTimeLv(s.chairSignedAt)}`}`,
              ),
              s.amendmentReason === null ? null : h('div', null, `Grozījuma iemesls: ${s.amendmentReason}`),
              h(
                'div',
                null,
                h('a', { href: `${base}/signatures/${s.version}/minutes.docx`, download: '' }, 'DOCX'),
                ' · ',
                h('a', { href: `${base}/signatures/${s.version}/minutes.docx?version=public`, download: '' }, 'publiskā DOCX'),
              ),
              h('div', { class: 'hash' }, `SHA-256: ${s.sha256Full}`),
            ),
          ),
        );

  const file = filePick(
    'Parakstītā kopija (PDF vai eDoc/ASiC-E)',
    '.pdf,.asice,.sce,.edoc,application/pdf,application/vnd.etsi.asic-e+zip',
  );
  const uploadMessage = h('div', { 'aria-live': 'polite' });
  const upload = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        const chosen = file.chosen();
        if (chosen === undefined) return;
        const ext = chosen.name.split('.').pop()?.toLowerCase() ?? '';
        const type = UPLOAD_TYPES[ext] ?? (chosen.type === '' ? 'application/octet-stream' : chosen.type);
        try {
          const stored = await api.upload<{ fileName: string; size: number; signedVersion: number }>(
            `${base}/signed-copy?fileName=${encodeURIComponent(chosen.name)}`,
            chosen,
            type,
          );
          replaceChildren(
            uploadMessage,
            notice(
              'ok',
              `Augšupielādēts: ${stored.fileName} (${Math.round(stored.size / 1024)} KB), ${stored.signedVersion}. versijai. `,
              h('a', { href: `${base}/signed-copy`, download: '' }, 'Lejupielādēt'),
            ),
          );
        } catch (err) {
          replaceChildren(uploadMessage, notice('error', errorText(err)));
        }
      },
    },
    file.el,
    h('button', { type: 'submit' }, 'Augšupielādēt'),
  );

  replaceChildren(
    root,
    h('div', { class: 'page-head' }, head, h('nav', { class: 'page-tools', 'aria-label': 'Sēdes sadaļas' }, backLink)),
    settled ? null : notice('warn', 'Dažas izmaiņas vēl nav saglabātas serverī, tāpēc priekšskatījumā tās var neparādīties.'),
    h(
      'div',
      { class: 'minutes-layout' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'preview-title' },
        h('h2', { id: 'preview-title' }, 'Priekšskatījums'),
        h('fieldset', { class: 'radios' }, h('legend', null, 'Versija'), versionRadios),
        h('p', null, openLink),
        frame,
      ),
      h(
        'div',
        null,
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'download-title' },
          h('h2', { id: 'download-title' }, 'Lejupielāde'),
          h(
            'ul',
            { class: 'downloads' },
            h('li', null, h('a', { href: `${base}/minutes.docx`, download: '', class: 'button' }, 'Lejupielādēt DOCX (pilnā versija)')),
            h(
              'li',
              null,
              h(
                'a',
                { href: `${base}/minutes.docx?version=public`, download: '', class: 'button' },
                'Lejupielādēt DOCX (publiskā versija)',
              ),
            ),
          ),
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'sign-title' },
          h('h2', { id: 'sign-title' }, 'Parakstīšana'),
          signMessage,
          signArea,
        ),
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'versions-title' },
          h('h2', { id: 'versions-title' }, 'Parakstītās versijas'),
          signatures,
          can('signed-copy:upload') ? [h('h3', null, 'Parakstītā kopija'), upload, uploadMessage] : null,
        ),
      ),
    ),
  );
  await render();
}
