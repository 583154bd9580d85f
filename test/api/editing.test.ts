import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

async function newDraft(payload: object = { date: '2025-09-08' }) {
  const res = await t.call({ method: 'POST', url: '/api/sittings', payload });
  expect(res.status).toBe(201);
  return res.body;
}

const titles = async (id: number) =>
  (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body.agendaItems.map(
    (i: { position: number; title: string }) => `${i.position}:${i.title}`,
  );
const decisionTexts = async (id: number) =>
  (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body.decisions.map(
    (d: { number: number; text: string }) => `${d.number}:${d.text}`,
  );

describe('opening a sitting', () => {
  it('a new sitting gets the next number, the group place and the active members as present', async () => {
    await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
    const people = (await t.call<Array<{ id: number; fullName: string; version: number }>>({ method: 'GET', url: '/api/people' })).body;
    const berga = people.find((p) => p.fullName === 'Kristīne Berga')!;
    await t.call({ method: 'PATCH', url: `/api/people/${berga.id}`, payload: { version: berga.version, active: false } });
    await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Māris Šteins', position: 'deputāts', isMember: false } });

    const draft = await newDraft();
    expect(draft.number).toBe(8);
    expect(draft.state).toBe('draft');
    expect(draft.place).toBe('Cēsīs, Cēsu novadā');
    expect(draft.attendance.map((a: { name: string; role: string }) => `${a.role}:${a.name}`)).toEqual([
      'member:Dina Dombrovska',
      'member:Elita Rancāne',
      'member:Guntars Norbuts',
      'member:Inga Kārkliņa',
    ]);
    expect(draft.attendance[0].position).toBe('Izglītības pārvalde');
  });

  it('a number can be given, and the first sitting of a group is Nr. 1', async () => {
    expect((await newDraft()).number).toBe(1);
    expect((await newDraft({ date: '2025-10-01', number: 12 })).number).toBe(12);
    expect((await newDraft({ date: '2025-11-01' })).number).toBe(13);
  });

  it('the chair and recorder keep the position they had at that sitting', async () => {
    const person = (
      await t.call({
        method: 'POST',
        url: '/api/people',
        payload: { fullName: 'Guntars Norbuts', position: 'PP priekšnieks', isMember: true },
      })
    ).body;
    const draft = await newDraft({ date: '2025-09-08', chairId: person.id });
    await t.call({
      method: 'PATCH',
      url: `/api/people/${person.id}`,
      payload: { version: person.version, position: 'Pašvaldības policijas priekšnieks' },
    });
    const again = (await t.call({ method: 'GET', url: `/api/sittings/${draft.id}` })).body;
    expect(again.chair).toMatchObject({ name: 'Guntars Norbuts', shortName: 'G.\u00a0Norbuts', position: 'PP priekšnieks' });
    expect(again.attendance.find((a: { personId: number }) => a.personId === person.id).position).toBe('PP priekšnieks');
  });
});

describe('agenda items', () => {
  it('items can be added at a position, moved and deleted, and positions stay 1..n', async () => {
    const { id } = await newDraft();
    const add = (title: string, position?: number) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title, ...(position ? { position } : {}) } });
    const a = (await add('A')).body;
    await add('B');
    const c = (await add('C', 1)).body;
    expect(await titles(id)).toEqual(['1:C', '2:A', '3:B']);

    const moved = await t.call({ method: 'POST', url: `/api/agenda-items/${c.id}/move`, payload: { version: c.version, to: 3 } });
    expect(moved.body.position).toBe(3);
    expect(await titles(id)).toEqual(['1:A', '2:B', '3:C']);

    expect((await t.call({ method: 'DELETE', url: `/api/agenda-items/${a.id}?version=${a.version}` })).status).toBe(204);
    expect(await titles(id)).toEqual(['1:B', '2:C']);
  });

  it('editing an item changes only what was sent and bumps its version', async () => {
    const { id } = await newDraft();
    const item = (
      await t.call({
        method: 'POST',
        url: `/api/sittings/${id}/agenda-items`,
        payload: { title: 'Par budžetu', rapporteur: 'I. Kārkliņa' },
      })
    ).body;
    const edited = await t.call({
      method: 'PATCH',
      url: `/api/agenda-items/${item.id}`,
      payload: { version: 1, proceedings: 'Teksts.', confidential: true },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Par budžetu',
      rapporteur: 'I. Kārkliņa',
      proceedings: 'Teksts.',
      confidential: true,
      version: 2,
    });
  });
});

describe('decisions', () => {
  it('numbers stay 1..n when a decision is added in the middle, moved or deleted', async () => {
    const { id } = await newDraft();
    const add = (text: string, number?: number) =>
      t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text, ...(number ? { number } : {}) } });
    await add('A');
    const b = (await add('B')).body;
    await add('C');
    await add('D', 2);
    expect(await decisionTexts(id)).toEqual(['1:A', '2:D', '3:B', '4:C']);

    await t.call({ method: 'POST', url: `/api/decisions/${b.id}/move`, payload: { version: b.version, to: 1 } });
    expect(await decisionTexts(id)).toEqual(['1:B', '2:A', '3:D', '4:C']);

    await t.call({ method: 'DELETE', url: `/api/decisions/${b.id}?version=${b.version + 1}` });
    expect(await decisionTexts(id)).toEqual(['1:A', '2:D', '3:C']);
  });

  it('a decision says when its text already names its owners and deadline, so the minutes print no owner line', async () => {
    const { id } = await newDraft();
    const added = await t.call({
      method: 'POST',
      url: `/api/sittings/${id}/decisions`,
      payload: { text: 'Sagatavot vēstuli.', owners: [{ name: 'I.Liepiņa' }], due: '2026-06-22' },
    });
    expect(added.body.ownerLineInText).toBe(false);
    const named = await t.call({
      method: 'PATCH',
      url: `/api/decisions/${added.body.id}`,
      payload: { version: added.body.version, text: 'I.Liepiņai līdz 22.06.2026. sagatavot vēstuli.' },
    });
    expect(named.body.ownerLineInText).toBe(true);
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    expect(sitting.decisions[0].ownerLineInText).toBe(true);
    const html = (await t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.html` })).body;
    expect(html).not.toContain('Termiņš: 22.06.2026.');
  });

  it('renumbering puts decisions in agenda order', async () => {
    const { id, version } = await newDraft();
    const first = (await t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: 'Pirmais' } })).body;
    const second = (await t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: 'Otrais' } })).body;
    await t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: 'par otro', agendaItemId: second.id } });
    await t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: 'bez punkta' } });
    await t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: 'par pirmo', agendaItemId: first.id } });
    const res = await t.call({ method: 'POST', url: `/api/sittings/${id}/decisions/renumber`, payload: { version } });
    expect(res.status).toBe(200);
    expect(await decisionTexts(id)).toEqual(['1:par pirmo', '2:par otro', '3:bez punkta']);
  });

  it('a plan activity is stored with its trailing dot, changed alone by a patch, and cleared with null', async () => {
    const { id } = await newDraft({ date: '2025-09-08', startTime: '10:00' });
    const created = await t.call({
      method: 'POST',
      url: `/api/sittings/${id}/decisions`,
      payload: { text: 'Plānot.', planActivity: '5.3.1' },
    });
    expect(created.status).toBe(201);
    expect(created.body.planActivity).toBe('5.3.1.');
    const d = created.body;

    const patched = await t.call({ method: 'PATCH', url: `/api/decisions/${d.id}`, payload: { version: d.version, planActivity: '2.1.' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ planActivity: '2.1.', text: 'Plānot.' });
    const other = await t.call({
      method: 'PATCH',
      url: `/api/decisions/${d.id}`,
      payload: { version: d.version + 1, text: 'Plānot vēl.' },
    });
    expect(other.body.planActivity).toBe('2.1.');
    const sitting = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    expect(sitting.decisions[0].planActivity).toBe('2.1.');
    const doc = (await t.call({ method: 'GET', url: `/api/sittings/${id}/export` })).body;
    expect(doc.decisions[0].planActivity).toBe('2.1.');

    const cleared = await t.call({
      method: 'PATCH',
      url: `/api/decisions/${d.id}`,
      payload: { version: d.version + 2, planActivity: null },
    });
    expect(cleared.body.planActivity).toBeNull();
  });

  it('owners picked by id print as short forms; typed names link when they match', async () => {
    const person = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Anna Marija Ozola', isMember: true } })).body;
    const { id } = await newDraft();
    const d = await t.call({
      method: 'POST',
      url: `/api/sittings/${id}/decisions`,
      payload: {
        text: 'Sagatavot ziņojumu.',
        owners: [{ personId: person.id }, { name: 'A.M. Ozola' }, { name: 'Cēsu klīnika' }],
        due: '2025-10-01',
      },
    });
    expect(d.status).toBe(201);
    expect(d.body.owners).toEqual([
      { personId: person.id, name: 'A.\u00a0M.\u00a0Ozola' },
      { personId: person.id, name: 'A.M. Ozola' },
      { personId: null, name: 'Cēsu klīnika' },
    ]);
  });
});

describe('attendance', () => {
  it('an invited specialist by name joins the directory as a non-member; a person cannot be listed twice', async () => {
    const { id } = await newDraft();
    const added = await t.call({
      method: 'POST',
      url: `/api/sittings/${id}/attendance`,
      payload: { name: 'M. Šteins', role: 'invited', position: 'deputāts' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'M. Šteins', role: 'invited', position: 'deputāts' });
    const again = await t.call({ method: 'POST', url: `/api/sittings/${id}/attendance`, payload: { name: 'M.Šteins', role: 'member' } });
    expect(again.status).toBe(409);
    const people = (await t.call({ method: 'GET', url: '/api/people?member=false' })).body;
    expect(people).toHaveLength(1);
  });

  it('an absent member keeps the reason; the reason goes when the member is present again', async () => {
    const p = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Jānis Ozols', isMember: true } })).body;
    const { id, attendance } = await newDraft();
    const row = attendance.find((a: { personId: number }) => a.personId === p.id);
    const absent = await t.call({
      method: 'PATCH',
      url: `/api/attendance/${row.id}`,
      payload: { version: row.version, role: 'absent', reason: 'slimības dēļ' },
    });
    expect(absent.body).toMatchObject({ role: 'absent', reason: 'slimības dēļ' });
    const back = await t.call({
      method: 'PATCH',
      url: `/api/attendance/${row.id}`,
      payload: { version: absent.body.version, role: 'member' },
    });
    expect(back.body).toMatchObject({ role: 'member', reason: null });
    expect((await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body.attendance).toHaveLength(1);
  });
});

describe('optimistic concurrency', () => {
  it('an update naming a stale version gets 409 and changes nothing, for every kind of record', async () => {
    const { id } = await newDraft();
    const item = (await t.call({ method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: 'A' } })).body;
    const decision = (await t.call({ method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: 'A' } })).body;
    const person = (await t.call({ method: 'POST', url: '/api/people', payload: { fullName: 'Jānis Ozols' } })).body;
    const attendee = (
      await t.call({ method: 'POST', url: `/api/sittings/${id}/attendance`, payload: { personId: person.id, role: 'member' } })
    ).body;

    // Someone else saves first…
    await t.call({ method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: 1, title: 'Pirmā versija' } });
    await t.call({ method: 'PATCH', url: `/api/decisions/${decision.id}`, payload: { version: 1, text: 'Pirmā versija' } });
    await t.call({ method: 'PATCH', url: `/api/people/${person.id}`, payload: { version: 1, position: 'pirmā' } });
    await t.call({ method: 'PATCH', url: `/api/sittings/${id}`, payload: { version: 1, place: 'Priekuļos' } });
    await t.call({ method: 'PATCH', url: `/api/attendance/${attendee.id}`, payload: { version: 1, position: 'pirmā' } });
    const group = (await t.call({ method: 'GET', url: '/api/group' })).body;
    await t.call({ method: 'PATCH', url: '/api/group', payload: { version: group.version, defaultPlace: 'Cēsīs' } });

    // …then a second editor writes from the version they loaded.
    const before = await snapshot(t.db);
    const stale = [
      { method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: 1, title: 'Otrā versija' } },
      { method: 'POST', url: `/api/agenda-items/${item.id}/move`, payload: { version: 1, to: 1 } },
      { method: 'DELETE', url: `/api/agenda-items/${item.id}?version=1` },
      { method: 'PATCH', url: `/api/decisions/${decision.id}`, payload: { version: 1, text: 'Otrā versija' } },
      { method: 'DELETE', url: `/api/decisions/${decision.id}?version=1` },
      { method: 'PATCH', url: `/api/people/${person.id}`, payload: { version: 1, position: 'otrā' } },
      { method: 'PATCH', url: `/api/sittings/${id}`, payload: { version: 1, place: 'Valmierā' } },
      { method: 'DELETE', url: `/api/sittings/${id}?version=1` },
      { method: 'PATCH', url: `/api/attendance/${attendee.id}`, payload: { version: 1, position: 'otrā' } },
      { method: 'PATCH', url: '/api/group', payload: { version: group.version, defaultPlace: 'Valmierā' } },
    ] as const;
    for (const request of stale) {
      const res = await t.inject(request as never);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(409);
      expect(res.json().message).toMatch(/Kāds cits/);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('a signed sitting is locked', () => {
  it('every write to a signed sitting or its parts gets 409 and changes nothing', async () => {
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), signed: true } })).body;
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    const [item] = s.agendaItems;
    const [decision] = s.decisions;
    const [attendee] = s.attendance;
    const before = await snapshot(t.db);
    const writes = [
      { method: 'PATCH', url: `/api/sittings/${id}`, payload: { version: s.version, place: 'Rīgā' } },
      { method: 'DELETE', url: `/api/sittings/${id}?version=${s.version}` },
      { method: 'POST', url: `/api/sittings/${id}/agenda-items`, payload: { title: 'X' } },
      { method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: item.version, title: 'X' } },
      { method: 'POST', url: `/api/agenda-items/${item.id}/move`, payload: { version: item.version, to: 2 } },
      { method: 'DELETE', url: `/api/agenda-items/${item.id}?version=${item.version}` },
      { method: 'POST', url: `/api/sittings/${id}/decisions`, payload: { text: 'X' } },
      { method: 'PATCH', url: `/api/decisions/${decision.id}`, payload: { version: decision.version, status: 'done' } },
      { method: 'POST', url: `/api/decisions/${decision.id}/move`, payload: { version: decision.version, to: 2 } },
      { method: 'DELETE', url: `/api/decisions/${decision.id}?version=${decision.version}` },
      { method: 'POST', url: `/api/sittings/${id}/decisions/renumber`, payload: { version: s.version } },
      { method: 'POST', url: `/api/sittings/${id}/attendance`, payload: { name: 'Jauns Cilvēks', role: 'invited' } },
      { method: 'PATCH', url: `/api/attendance/${attendee.id}`, payload: { version: attendee.version, role: 'absent' } },
      { method: 'DELETE', url: `/api/attendance/${attendee.id}?version=${attendee.version}` },
    ] as const;
    for (const request of writes) {
      const res = await t.inject(request as never);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(409);
      expect(res.json().message).toMatch(/parakstīts/);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });
});
