import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SittingDocument } from '../../server/interchange/sitting-document.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { notAProtocolDocx, plainProtocolDocx, variantProtocolDocx } from '../support/old-protocol-docx.ts';
import { nr7, sharedPath } from '../support/reference.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const nr7File = () => readFileSync(sharedPath('reference', 'old-protocol-nr7.docx'));

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

interface Imported {
  id: number;
  number: number;
  doubts: Array<{ paragraph: number; excerpt: string; message: string }>;
  /** Of a refusal. */
  message?: string;
  field?: string;
}

const importWord = (file: Buffer, fileName = 'protokols.docx', contentType = DOCX) =>
  t.call<Imported>({
    method: 'POST',
    url: `/api/sittings/import-word?fileName=${encodeURIComponent(fileName)}`,
    headers: { 'content-type': contentType },
    payload: file,
  });
const exported = async (id: number) => (await t.call<SittingDocument>({ method: 'GET', url: `/api/sittings/${id}/export` })).body;
const sitting = async (id: number) => (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;

describe('importing an old Word protocol', () => {
  it('Nr. 7 lands as a draft equal to the reference in number, date, times, attendance, agenda, decisions, owners and deadlines', async () => {
    const res = await importWord(nr7File(), 'Protokols Nr.7.docx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: 7, doubts: [] });
    const doc = await exported(res.body.id);
    const expected = nr7();
    expect(doc).toMatchObject({
      number: 7,
      date: expected.date,
      place: expected.place,
      startTime: expected.startTime,
      endTime: expected.endTime,
      chair: expected.chair,
      recorder: expected.recorder,
      members: expected.members,
    });
    expect(doc.agenda.map((a) => a.title)).toEqual(expected.agenda.map((a) => a.title));
    expect(doc.decisions.map((d) => [d.owners ?? [], d.due])).toEqual(expected.decisions.map((d) => [d.owners ?? [], d.due]));
    expect(doc.decisions.slice(0, 5).map((d) => d.text)).toEqual(expected.decisions.slice(0, 5).map((d) => d.text));
    expect((await sitting(res.body.id)).state).toBe('draft');
  });

  it('keeps the original file with its SHA-256 and marks the draft "importēts no Word"', async () => {
    const file = nr7File();
    const { body } = await importWord(file, 'Protokols Nr.7.docx');
    const info = await t.call({ method: 'GET', url: `/api/sittings/${body.id}/word-import` });
    expect(info.body).toMatchObject({
      label: 'importēts no Word',
      fileName: 'Protokols Nr.7.docx',
      contentType: DOCX,
      size: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
      confirmedAt: null,
      doubts: [],
    });
    const original = await t.inject({ method: 'GET', url: `/api/sittings/${body.id}/word-import/original` });
    expect(original.statusCode).toBe(200);
    expect(Buffer.compare(original.rawPayload, file)).toBe(0);
  });

  it('with a directory that already holds the people, owners link to them and no one is added twice', async () => {
    const ids: Record<string, number> = {};
    for (const fullName of ['Elita Rancāne', 'Inga Kārkliņa', 'Guntars Norbuts']) {
      const res = await t.call<{ id: number }>({ method: 'POST', url: '/api/people', payload: { fullName, isMember: true } });
      ids[fullName] = res.body.id;
    }
    const { body } = await importWord(nr7File());
    const s = await sitting(body.id);
    expect(s.decisions[1].owners).toEqual([{ personId: ids['Elita Rancāne'], name: 'E.Rancāne' }]);
    expect(s.decisions[3].owners).toEqual([
      { personId: ids['Inga Kārkliņa'], name: 'I.Kārkliņa' },
      { personId: ids['Elita Rancāne'], name: 'E.Rancāne' },
    ]);
    expect(s.chair.personId).toBe(ids['Guntars Norbuts']);
    const people = (await t.call<Array<{ fullName: string }>>({ method: 'GET', url: '/api/people' })).body;
    expect(people).toHaveLength(5);
  });

  it('an imported draft deleted takes its import record along, and the file can be imported again', async () => {
    const { body } = await importWord(nr7File());
    const { version } = await sitting(body.id);
    expect((await t.inject({ method: 'DELETE', url: `/api/sittings/${body.id}?version=${version}` })).statusCode).toBe(204);
    expect(await t.db.selectFrom('word_imports').selectAll().execute()).toEqual([]);
    expect((await importWord(nr7File())).status).toBe(201);
  });

  it('never changes an existing sitting of the same number: 409 naming its date, nothing written', async () => {
    await importWord(nr7File());
    const before = await snapshot(t.db);
    const again = await importWord(nr7File());
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('Nr. 7');
    expect(again.body.message).toContain('08.07.2025.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a file that is no Word document is refused with 415, a Word file that is no protocol with 400; nothing written', async () => {
    const before = await snapshot(t.db);
    const pdf = await importWord(Buffer.from('%PDF-1.4 nav protokols'), 'x.pdf', 'application/octet-stream');
    expect(pdf.status).toBe(415);
    const broken = await importWord(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]), 'x.docx');
    expect(broken.status).toBe(400);
    expect(broken.body.field).toBe('file');
    const invitation = await importWord(await notAProtocolDocx(), 'balle.docx');
    expect(invitation.status).toBe(400);
    expect(invitation.body.message).toContain('nav atpazīts kā sēdes protokols');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a body of another content type gets 415, one over 20 MB gets 413, in Latvian; nothing written', async () => {
    const before = await snapshot(t.db);
    const text = await importWord(Buffer.from('Protokols Nr. 1'), 'x.txt', 'text/plain');
    expect(text.status).toBe(415);
    const huge = await importWord(Buffer.alloc(20 * 1024 * 1024 + 1, 0x50), 'liels.docx');
    expect(huge.status).toBe(413);
    for (const refused of [text, huge]) expect(refused.body.message).toMatch(/[āēīūčšžņļķģ]/u);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a second protocol built with every variant imports: Word numbering, headings, bracketed owners, `pl:`, per-item decisions', async () => {
    const res = await importWord(await variantProtocolDocx());
    expect(res.status).toBe(201);
    const doc = await exported(res.body.id);
    expect(doc).toMatchObject({ number: 12, date: '2026-03-02', place: 'Valmierā', startTime: '15:00', endTime: '17:00' });
    expect(doc.chair).toEqual({ name: 'Anna Ozola', position: 'Sociālā dienesta vadītāja' });
    expect(doc.recorder).toEqual({ name: 'Kārlis Kalnis', position: 'Bāriņtiesa' });
    expect(doc.invited).toEqual([{ name: 'Marta Zariņa', position: 'skolas psiholoģe' }]);
    expect(doc.absent).toEqual([{ name: 'Līga Liepiņa', position: 'Izglītības pārvalde', reason: 'atvaļinājumā' }]);
    expect(doc.agenda.map((a) => [a.title, a.rapporteur])).toEqual([
      ['Par iepriekšējā gada darba rezultātiem', 'A.Ozola'],
      ['Par sadarbību ar skolām', 'M.Zariņa'],
    ]);
    expect(doc.decisions.map((d) => [d.owners ?? [], d.due, d.agendaItem])).toEqual([
      [[], undefined, 1],
      [['A.Ozola', 'J.Bērziņš'], '2026-03-31', 1],
      [['K.Kalnis', 'M.Zariņa'], '2026-04-15', 1],
      [[], '2026-09-14', 2],
      [['R.Vītols'], '2026-03-20', 2],
    ]);
    expect(res.body.doubts).toEqual([
      { paragraph: 25, excerpt: expect.stringContaining('R.Vītolam'), message: expect.stringContaining('"R.Vītols" nav atrasts') },
    ]);
  });
});

describe('the follow-up in a later protocol', () => {
  const nr8 = () =>
    plainProtocolDocx([
      'SĒDES PROTOKOLS Nr. 8',
      '2025. gada 8. septembrī',
      'Sēde sākās plkst. 14:00',
      'Piedalās: Elita Rancāne (Sociālā dienesta ĢBAN nodaļas vadītāja), Inga Kārkliņa (Sociālā dienesta vadītāja)',
      'Darba kārtība:',
      '1. Par iepriekšējās sēdes lēmumu izpildi',
      'Sēdes Nr. 7 lēmums Nr. 2 – izpildīts.',
      'Sēdes Nr. 7 lēmums Nr. 4 – daļēji izpildīts.',
      'Sēdes Nr. 5 lēmums Nr. 1 – izpildīts.',
      'Sadarbības grupa nolemj:',
      '1. Informāciju pieņemt zināšanai.',
    ]);

  it('records the reviews of decisions the register holds, and doubts the ones it does not', async () => {
    const first = await importWord(nr7File());
    const second = await importWord(await nr8());
    expect(second.status).toBe(201);
    expect(second.body.doubts).toEqual([
      { paragraph: 9, excerpt: 'Sēdes Nr. 5 lēmums Nr. 1 – izpildīts.', message: expect.stringContaining('nav atrasts reģistrā') },
    ]);
    expect((await exported(second.body.id)).reviews).toEqual([
      { sitting: 7, decision: 2, status: 'done' },
      { sitting: 7, decision: 4, status: 'in_progress' },
    ]);
    const decisions = (await sitting(first.body.id)).decisions as Array<{ id: number }>;
    expect((await t.call({ method: 'GET', url: `/api/decisions/${decisions[1]!.id}` })).body.currentStatus).toBe('done');
  });

  it('imported before the protocol it follows up, the reviews become doubts and the sitting still lands', async () => {
    const res = await importWord(await nr8());
    expect(res.status).toBe(201);
    expect(res.body.doubts.map((d) => d.paragraph)).toEqual([7, 8, 9]);
    expect((await exported(res.body.id)).reviews ?? []).toEqual([]);
  });
});

describe('confirming an import and the old decisions', () => {
  it('confirmed, the sitting is signed on paper, and its open decisions carry over to the next sitting', async () => {
    const { body } = await importWord(nr7File());
    const stale = await t.call({ method: 'POST', url: `/api/sittings/${body.id}/confirm-import`, payload: { version: 99 } });
    expect(stale.status).toBe(409);
    const { version } = await sitting(body.id);
    const confirmed = await t.call({ method: 'POST', url: `/api/sittings/${body.id}/confirm-import`, payload: { version } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ label: 'parakstīts papīra formā', confirmedAt: expect.any(String) });
    expect((await sitting(body.id)).state).toBe('signed');
    const again = await t.call({ method: 'POST', url: `/api/sittings/${body.id}/confirm-import`, payload: { version } });
    expect(again.status).toBe(409);

    const next = await t.call<{ id: number }>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } });
    const carried = (await sitting(next.body.id)).carryOver as Array<{ number: number }>;
    expect(carried.length).toBeGreaterThan(0);
  });

  it('a sitting typed in the tool has no import record and is not confirmed as an import', async () => {
    const made = await t.call<{ id: number }>({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } });
    expect((await t.call({ method: 'GET', url: `/api/sittings/${made.body.id}/word-import` })).body).toBeNull();
    const { version } = await sitting(made.body.id);
    const res = await t.call({ method: 'POST', url: `/api/sittings/${made.body.id}/confirm-import`, payload: { version } });
    expect(res.status).toBe(409);
  });

  it('"mark done before" finishes the open decisions of confirmed imported sittings before that day, only those', async () => {
    const { body } = await importWord(nr7File());
    await t.call({
      method: 'POST',
      url: `/api/sittings/${body.id}/confirm-import`,
      payload: { version: (await sitting(body.id)).version },
    });
    const typed = await t.call({
      method: 'POST',
      url: '/api/sittings/import',
      payload: { ...nr7(), number: 8, date: '2025-08-01', signed: true },
    });
    expect(typed.status).toBe(201);

    const none = await t.call({ method: 'POST', url: '/api/decisions/mark-done', payload: { before: '2025-07-08', importedOnly: true } });
    expect(none.body).toEqual({ marked: 0 });
    const res = await t.call({ method: 'POST', url: '/api/decisions/mark-done', payload: { before: '2025-12-31', importedOnly: true } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ marked: 6 });
    const imported = (await sitting(body.id)).decisions as Array<{ id: number }>;
    for (const d of imported) {
      const detail = (await t.call({ method: 'GET', url: `/api/decisions/${d.id}` })).body;
      expect(detail.currentStatus).toBe('done');
      // The note says why, worded from templates/minutes.lv.json.
      expect(JSON.stringify(detail)).toContain('Atzīmēts kā izpildīts: importēta protokola lēmums pieņemts pirms 31.12.2025.');
    }
    const others = (await sitting(typed.body.id)).decisions as Array<{ id: number }>;
    expect((await t.call({ method: 'GET', url: `/api/decisions/${others[0]!.id}` })).body.currentStatus).toBe('open');
  });

  it('"mark done before" refuses a day in the future, naming the field', async () => {
    const res = await t.call({ method: 'POST', url: '/api/decisions/mark-done', payload: { before: '2999-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('before');
  });
});
