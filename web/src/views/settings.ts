// The group's settings (admin): its names and place, and how its minutes are laid out and signed.
import { api, ApiError, errorText } from '../api.ts';
import { field, h, notice, replaceChildren } from '../dom.ts';
import type { Group } from '../types.ts';

export async function showSettings(root: HTMLElement): Promise<void> {
  document.title = 'Iestatījumi – protokols';
  let group = await api.get<Group>('/api/group');
  const text = (value: string) => h('input', { type: 'text', required: true, maxlength: 300, value });
  const name = text(group.name);
  const nameGenitive = text(group.nameGenitive);
  const municipality = text(group.municipality);
  const defaultPlace = text(group.defaultPlace);
  const paper = h('input', {
    type: 'radio',
    name: 'signature',
    value: 'paper',
    id: 'sig-paper',
    checked: group.minutes.signatureMode === 'paper',
  });
  const esig = h('input', {
    type: 'radio',
    name: 'signature',
    value: 'esignature',
    id: 'sig-e',
    checked: group.minutes.signatureMode === 'esignature',
  });
  const notice_ = h('textarea', { rows: 2, required: true, maxlength: 500 });
  notice_.value = group.minutes.esignatureNotice;
  const font = h('input', { type: 'text', required: true, maxlength: 100, value: group.minutes.fontFamily });
  const size = h('input', {
    type: 'number',
    min: 8,
    max: 20,
    step: 0.5,
    required: true,
    value: String(group.minutes.fontSizePt),
    class: 'short',
  });
  const margin = (v: number) => h('input', { type: 'number', min: 5, max: 60, step: 1, required: true, value: String(v), class: 'short' });
  const m = group.minutes.marginsMm;
  const [left, right, top, bottom] = [margin(m.left), margin(m.right), margin(m.top), margin(m.bottom)];
  const message = h('div', { 'aria-live': 'polite' });

  const form = h(
    'form',
    {
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        try {
          group = await api.patch<Group>('/api/group', {
            version: group.version,
            name: name.value.trim(),
            nameGenitive: nameGenitive.value.trim(),
            municipality: municipality.value.trim(),
            defaultPlace: defaultPlace.value.trim(),
            minutes: {
              signatureMode: esig.checked ? 'esignature' : 'paper',
              esignatureNotice: notice_.value.trim(),
              fontFamily: font.value.trim(),
              fontSizePt: Number(size.value),
              marginsMm: { left: Number(left.value), right: Number(right.value), top: Number(top.value), bottom: Number(bottom.value) },
            },
          });
          replaceChildren(message, notice('ok', 'Iestatījumi saglabāti.'));
        } catch (err) {
          const stale = err instanceof ApiError && err.status === 409;
          replaceChildren(
            message,
            notice('error', stale ? `${err.message} Pārlādējiet lapu, lai redzētu jaunākos iestatījumus.` : errorText(err)),
          );
        }
      },
    },
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'group-title' },
      h('h2', { id: 'group-title' }, 'Grupa'),
      h(
        'div',
        { class: 'grid wide' },
        field('Nosaukums', name),
        field('Nosaukums ģenitīvā (protokola virsrakstam)', nameGenitive, 'piem., Bērnu tiesību aizsardzības Sadarbības grupas'),
        field('Pašvaldība', municipality),
        field('Sēžu vieta pēc noklusējuma', defaultPlace, 'piem., Cēsīs, Cēsu novadā'),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'minutes-title' },
      h('h2', { id: 'minutes-title' }, 'Protokols'),
      h(
        'fieldset',
        { class: 'radios' },
        h('legend', null, 'Parakstīšana'),
        h('div', { class: 'check' }, paper, h('label', { for: 'sig-paper' }, 'Uz papīra (ar vietu parakstam)')),
        h('div', { class: 'check' }, esig, h('label', { for: 'sig-e' }, 'Ar drošu elektronisko parakstu')),
      ),
      field('E-paraksta piezīme protokola beigās', notice_),
      h('div', { class: 'grid' }, field('Fonts', font), field('Burtu izmērs (pt)', size)),
      h(
        'fieldset',
        { class: 'margins' },
        h('legend', null, 'Malas (mm)'),
        h('div', { class: 'grid four' }, field('Kreisā', left), field('Labā', right), field('Augšējā', top), field('Apakšējā', bottom)),
      ),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Saglabāt iestatījumus'),
    message,
  );
  replaceChildren(root, h('h1', { tabindex: -1 }, 'Iestatījumi'), form);
}
