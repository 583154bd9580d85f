// The secretary's main screen: one page to record a whole sitting while it happens — header,
// attendance, follow-up of earlier decisions, agenda with proceedings and decisions. Everything
// autosaves (see autosave.ts).
import { api, errorText } from '../api.ts';
import { can } from '../auth.ts';
import { saver, type Fields } from '../autosave.ts';
import { field, h, notice, replaceChildren, uid } from '../dom.ts';
import { dateLv, ROLE_LABEL } from '../format.ts';
import type { Attendee, NewAttendeeBody, Person, SittingDetail } from '../types.ts';
import { AgendaEditor } from './draft-agenda.ts';
import { carryOverSection } from './draft-carry-over.ts';
import { importPanel } from './word-import.ts';
import { bind, type DraftContext } from './draft-shared.ts';
import { typographyTool } from './draft-typography.ts';
import { showLiveSitting } from './live.ts';
import { dateEntry, entryHint, entryValue, showEntry, timeEntry } from '../widgets/date-time.ts';
import { announceButton } from '../widgets/announce.ts';

export async function showDraft(root: HTMLElement, [idText]: string[]): Promise<() => void> {
  const id = Number(idText);
  const [sitting, people] = await Promise.all([
    api.get<SittingDetail>(`/api/sittings/${id}`),
    can('people:read') ? api.get<Person[]>('/api/people') : Promise.resolve([]),
  ]);
  // Those who may not edit follow a draft as it is written, in a view that refreshes itself.
  if (sitting.state === 'draft' && !can('sittings:write')) return showLiveSitting(root, sitting);
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  const ctx: DraftContext = {
    sitting,
    people,
    readOnly: sitting.state === 'signed' || !can('sittings:write'),
    fresh: () => api.get<SittingDetail>(`/api/sittings/${id}`),
    announce: (text) => {
      live.textContent = '';
      setTimeout(() => (live.textContent = text), 50);
    },
  };
  document.title = `Sēde Nr. ${sitting.number} – protokols`;

  const title = h('h1', { tabindex: -1 }, `Sēde Nr. ${sitting.number}, ${dateLv(sitting.date)}`);
  const agenda = new AgendaEditor(ctx);
  const body = h(
    'fieldset',
    { class: 'draft-body', disabled: ctx.readOnly },
    h('legend', { class: 'visually-hidden' }, sitting.state === 'signed' ? 'Sēdes protokols' : 'Sēdes protokola melnraksts'),
    headerSection(ctx, title),
    attendanceSection(ctx),
    carryOverSection(ctx),
    agenda.el,
    agenda.looseEl,
  );
  const typography = ctx.readOnly ? null : typographyTool(body);
  replaceChildren(
    root,
    h(
      'div',
      { class: 'page-head' },
      title,
      h(
        'nav',
        { class: 'page-tools', 'aria-label': 'Sēdes sadaļas' },
        h('a', { href: `#/sedes/${id}/protokols`, class: 'button' }, 'Protokols: priekšskatīt, lejupielādēt, parakstīt'),
        h('a', { href: `#/sedes/${id}/lemumi`, class: 'button' }, 'Nolasīt lēmumus'),
        typography?.button,
        sitting.state === 'draft' && !ctx.readOnly ? announceButton(id, ctx.announce) : null,
      ),
    ),
    typography?.message,
    sitting.state === 'signed'
      ? notice(
          'info',
          'Protokols ir parakstīts, un to vairs nevar mainīt. Labojumiem noformējiet grozījumu sadaļā ',
          h('a', { href: `#/sedes/${id}/protokols` }, 'Protokols'),
          '.',
        )
      : ctx.readOnly
        ? notice('info', 'Jums ir tiesības protokolu lasīt, bet ne labot.')
        : null,
    importPanel(sitting, ctx.fresh, () => saver.flushAll()),
    h(
      'nav',
      { class: 'jump', 'aria-label': 'Pāriet uz' },
      h('a', { href: '#', 'data-jump': 'header' }, 'Galvene'),
      h('a', { href: '#', 'data-jump': 'attendance' }, 'Dalībnieki'),
      sitting.carryOver === undefined ? null : h('a', { href: '#', 'data-jump': 'carry-over' }, 'Izpildes kontrole'),
      h('a', { href: '#', 'data-jump': 'agenda' }, 'Darba kārtība'),
      h('a', { href: '#', 'data-jump': 'decisions' }, 'Citi lēmumi'),
    ),
    body,
    live,
  );
  // In-page jumps without touching the hash, which is the router's.
  root.querySelector('.jump')?.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-jump]');
    if (target === null) return;
    event.preventDefault();
    const section = document.getElementById(target.dataset.jump ?? '');
    section?.querySelector('details.attendance-details')?.setAttribute('open', '');
    section?.scrollIntoView({ block: 'start' });
    section?.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    section?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  });
  root.dataset.sitting = String(id);
  return () => saver.flushAll();
}

// ---- header -------------------------------------------------------------------------------

function headerSection(ctx: DraftContext, title: HTMLElement): HTMLElement {
  const s = ctx.sitting;
  const entry = saver.track('sitting', s.id, s.version);
  const unsent = entry.unsent ?? {};
  const pick = <T>(key: string, value: T): T => (key in unsent ? (unsent[key] as T) : value);
  const number = h('input', {
    type: 'number',
    min: 1,
    step: 1,
    value: String(pick('number', s.number)),
    inputmode: 'numeric',
    class: 'short',
  });
  const date = dateEntry(pick('date', s.date), { required: true });
  const place = h('input', { type: 'text', value: pick('place', s.place), maxlength: 200, required: true });
  const start = timeEntry(pick('startTime', s.startTime));
  const end = timeEntry(pick('endTime', s.endTime));
  const active = ctx.people.filter((p) => p.active);
  const personSelect = (current: number | null) => {
    const select = h('select', null, h('option', { value: '' }, '— izvēlieties —'));
    const list = [...active];
    const missing = current !== null && !list.some((p) => p.id === current) ? ctx.people.find((p) => p.id === current) : undefined;
    if (missing !== undefined) list.push(missing);
    for (const p of list)
      select.append(h('option', { value: String(p.id) }, p.position === null ? p.fullName : `${p.fullName} (${p.position})`));
    select.value = current === null ? '' : String(current);
    return select;
  };
  const chair = personSelect(pick('chairId', s.chair?.personId ?? null));
  const recorder = personSelect(pick('recorderId', s.recorder?.personId ?? null));
  const errorSlot = h('div');
  const conflictSlot = h('div');

  const change = (fields: Fields, immediate = false) => saver.change(entry, fields, { immediate });
  number.addEventListener('input', () => {
    const n = Number(number.value);
    if (Number.isInteger(n) && n >= 1) change({ number: n });
  });
  date.addEventListener('change', () => {
    const iso = entryValue(date);
    if (iso !== null) change({ date: iso });
  });
  place.addEventListener('input', () => place.value.trim() !== '' && change({ place: place.value }));
  start.addEventListener('change', () => change({ startTime: entryValue(start) }));
  end.addEventListener('change', () => change({ endTime: entryValue(end) }));
  chair.addEventListener('change', () => change({ chairId: chair.value === '' ? null : Number(chair.value) }, true));
  recorder.addEventListener('change', () => change({ recorderId: recorder.value === '' ? null : Number(recorder.value) }, true));

  bind<SittingDetail>(ctx, entry, {
    kind: 'sitting',
    labels: {
      number: 'Numurs',
      date: 'Datums',
      place: 'Vieta',
      startTime: 'Sākums',
      endTime: 'Beigas',
      chairId: 'Sēdes vadītājs',
      recorderId: 'Protokolētājs',
    },
    conflictSlot,
    errorSlot,
    find: (fresh) => fresh,
    valuesOf: (x) => ({
      number: x.number,
      date: x.date,
      place: x.place,
      startTime: x.startTime,
      endTime: x.endTime,
      chairId: x.chair?.personId ?? null,
      recorderId: x.recorder?.personId ?? null,
    }),
    apply: (v) => {
      if (v.number !== undefined) number.value = String(v.number);
      if (v.date !== undefined) showEntry(date, String(v.date));
      if (v.place !== undefined) place.value = String(v.place);
      if (v.startTime !== undefined) showEntry(start, v.startTime as string | null);
      if (v.endTime !== undefined) showEntry(end, v.endTime as string | null);
      if (v.chairId !== undefined) chair.value = v.chairId === null ? '' : String(v.chairId);
      if (v.recorderId !== undefined) recorder.value = v.recorderId === null ? '' : String(v.recorderId);
    },
    saved: (record) => {
      const x = record as unknown as SittingDetail;
      title.textContent = `Sēde Nr. ${x.number}, ${dateLv(x.date)}`;
      document.title = `Sēde Nr. ${x.number} – protokols`;
    },
  });

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'header-title', id: 'header' },
    h('h2', { id: 'header-title' }, 'Sēdes galvene'),
    h(
      'div',
      { class: 'grid' },
      field('Numurs', number),
      field('Datums', date, entryHint(date)),
      field('Vieta', place),
      field('Sākums (plkst.)', start, entryHint(start)),
      field('Beigas (plkst.)', end, entryHint(end)),
      field('Sēdes vadītājs', chair),
      field('Protokolētājs', recorder),
    ),
    errorSlot,
    conflictSlot,
  );
}

// ---- attendance ---------------------------------------------------------------------------

function attendanceSection(ctx: DraftContext): HTMLElement {
  const s = ctx.sitting;
  const members = h('ul', { class: 'attendance-list' });
  const invited = h('ul', { class: 'attendance-list' });
  const message = h('div', { 'aria-live': 'polite' });
  const attendees: Attendee[] = [...s.attendance];
  const roles = new Map<number, Attendee['role']>(attendees.map((a) => [a.id, a.role]));
  const summaryText = h('span');
  const summarize = () => {
    const named = (role: Attendee['role']) => attendees.filter((a) => roles.get(a.id) === role);
    const absent = named('absent');
    summaryText.textContent =
      `Piedalās ${named('member').length}, nepiedalās ${absent.length}` +
      (absent.length === 0 ? '' : ` (${absent.map((a) => a.name).join(', ')})`) +
      `, pieaicināti ${named('invited').length}`;
  };

  const row = (a: Attendee): HTMLElement => {
    const entry = saver.track('attendance', a.id, a.version);
    const unsent = entry.unsent ?? {};
    let role = (unsent.role as Attendee['role'] | undefined) ?? a.role;
    const position = h('input', { type: 'text', value: (unsent.position as string | undefined) ?? a.position ?? '', maxlength: 500 });
    const reason = h('input', { type: 'text', value: (unsent.reason as string | undefined) ?? a.reason ?? '', maxlength: 500 });
    const present = h('input', { type: 'checkbox', checked: role !== 'absent' });
    const reasonField = h(
      'div',
      { class: 'field reason', hidden: role !== 'absent' },
      h('label', { for: (reason.id = uid()) }, 'Iemesls'),
      reason,
    );
    const errorSlot = h('div');
    const conflictSlot = h('div');
    const roleText = h('span', { class: 'muted role' }, ROLE_LABEL[role]);
    present.addEventListener('change', () => {
      role = present.checked ? 'member' : 'absent';
      roles.set(a.id, role);
      summarize();
      reasonField.hidden = role !== 'absent';
      roleText.textContent = ROLE_LABEL[role];
      saver.change(entry, role === 'absent' ? { role, reason: reason.value === '' ? null : reason.value } : { role }, { immediate: true });
      if (role === 'absent') reason.focus();
    });
    position.addEventListener('input', () => saver.change(entry, { position: position.value === '' ? null : position.value }));
    reason.addEventListener('input', () => saver.change(entry, { reason: reason.value === '' ? null : reason.value }));
    bind<Attendee>(ctx, entry, {
      kind: 'attendance',
      labels: { role: 'Dalība', position: 'Amats', reason: 'Iemesls' },
      conflictSlot,
      errorSlot,
      find: (fresh, id) => fresh.attendance.find((x) => x.id === id),
      valuesOf: (x) => ({ role: x.role, position: x.position, reason: x.reason }),
      apply: (v) => {
        if (v.role !== undefined) {
          role = v.role as Attendee['role'];
          roles.set(a.id, role);
          summarize();
          present.checked = role !== 'absent';
          reasonField.hidden = role !== 'absent';
          roleText.textContent = ROLE_LABEL[role];
        }
        if (v.position !== undefined) position.value = (v.position as string | null) ?? '';
        if (v.reason !== undefined) reason.value = (v.reason as string | null) ?? '';
      },
    });
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'icon danger',
        'aria-label': `Izņemt ${a.name} no saraksta`,
        title: 'Izņemt no saraksta',
        onclick: async () => {
          try {
            await saver.exclusive(entry, (version) => api.del(`/api/attendance/${a.id}?version=${version}`));
            saver.discard(entry);
            attendees.splice(attendees.indexOf(a), 1);
            summarize();
            // Taken off the list, a member can be added back from it.
            fillPersonSelect();
            li.remove();
            ctx.announce(`${a.name} izņemts no saraksta.`);
          } catch (err) {
            replaceChildren(errorSlot, notice('error', errorText(err)));
          }
        },
      },
      '✕',
    );
    const li = h(
      'li',
      { class: `attendee attendee-${a.role}`, 'data-person': a.personId },
      h(
        'div',
        { class: 'attendee-head' },
        a.role === 'invited'
          ? h('span', { class: 'name' }, a.name)
          : h('div', { class: 'check' }, present, h('label', { for: (present.id = uid()), class: 'name' }, a.name)),
        a.role === 'invited' ? null : roleText,
        remove,
      ),
      h(
        'div',
        { class: 'attendee-fields' },
        h('div', { class: 'field grow' }, h('label', { for: (position.id = uid()) }, 'Amats'), position),
        a.role === 'invited' ? null : reasonField,
      ),
      errorSlot,
      conflictSlot,
    );
    return li;
  };

  for (const a of attendees) (a.role === 'invited' ? invited : members).append(row(a));
  summarize();

  // Adding a directory person to the sitting.
  const personSelect = h('select');
  const fillPersonSelect = () => {
    const listed = new Set(attendees.map((a) => a.personId));
    personSelect.replaceChildren(
      h('option', { value: '' }, '— izvēlieties —'),
      // The server's rule for who is listed as a member of a new sitting: active, and a member.
      ...ctx.people.filter((p) => p.active && p.isMember && !listed.has(p.id)).map((p) => h('option', { value: String(p.id) }, p.fullName)),
    );
  };
  fillPersonSelect();
  const add = async (body: Fields) => {
    try {
      const a = await api.post<Attendee>(`/api/sittings/${s.id}/attendance`, body);
      attendees.push(a);
      roles.set(a.id, a.role);
      summarize();
      (a.role === 'invited' ? invited : members).append(row(a));
      fillPersonSelect();
      replaceChildren(message);
      ctx.announce(`${a.name} pievienots.`);
      return true;
    } catch (err) {
      replaceChildren(message, notice('error', errorText(err)));
      return false;
    }
  };
  const addMember = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        if (personSelect.value !== '') void add({ personId: Number(personSelect.value), role: 'member' });
      },
    },
    field('Grupas loceklis no saraksta', personSelect),
    h('button', { type: 'submit' }, 'Pievienot'),
  );
  const invitedName = h('input', { type: 'text', required: true, maxlength: 200, autocomplete: 'off' });
  const invitedPosition = h('input', { type: 'text', maxlength: 500 });
  const addInvited = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        if (invitedName.value.trim() === '') return;
        const body: NewAttendeeBody = { name: invitedName.value.trim(), role: 'invited' };
        if (invitedPosition.value.trim() !== '') body.position = invitedPosition.value.trim();
        if (await add(body)) {
          invitedName.value = '';
          invitedPosition.value = '';
          invitedName.focus();
        }
      },
    },
    field('Vārds, uzvārds', invitedName),
    field('Amats', invitedPosition),
    h('button', { type: 'submit' }, 'Pievienot speciālistu'),
  );

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'attendance-title', id: 'attendance' },
    h('h2', { id: 'attendance-title' }, 'Dalībnieki'),
    // Once listed, attendance folds to one line so the agenda shows on the first screen.
    h(
      'details',
      { class: 'attendance-details', open: attendees.length === 0 },
      h('summary', null, summaryText, h('span', { class: 'muted' }, ctx.readOnly ? ' — rādīt sarakstu' : ' — rādīt un labot')),
      h('h3', null, 'Grupas locekļi'),
      h('p', { class: 'hint' }, 'Noņemiet atzīmi tiem, kas nepiedalās, un ierakstiet iemeslu.'),
      members,
      ctx.readOnly ? null : addMember,
      h('h3', null, 'Pieaicinātie speciālisti'),
      invited,
      ctx.readOnly ? null : addInvited,
    ),
    message,
  );
}
