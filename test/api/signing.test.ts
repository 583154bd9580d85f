import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderMinutes } from '../../server/minutes/render-minutes.ts';
import { DEFAULT_TEMPLATES_DIR, loadMinutesTemplates } from '../../server/wording/templates.ts';
import { loadMinutesSource } from '../../server/services/minutes-source.ts';
import { snapshot, testApp, withSession, type Session, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { docxText, expectInOrder, htmlText, plainSpaces, unzip } from '../minutes/helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Nr. 7 imported as a draft, ready to sign. */
async function draftNr7(change: (doc: ReturnType<typeof nr7>) => void = () => {}) {
  const doc = nr7();
  change(doc);
  const { body } = await t.call({ method: 'POST', url: '/api/sittings/import', payload: doc });
  return (await t.call({ method: 'GET', url: `/api/sittings/${body.id}` })).body;
}

const sign = (id: number, version: number) => t.call({ method: 'POST', url: `/api/sittings/${id}/sign`, payload: { version } });
const download = (url: string) => t.inject({ method: 'GET', url });

describe('minutes downloads', () => {
  it('the DOCX has the right type and a Latvian file name, UTF-8 safe', async () => {
    const s = await draftNr7();
    const res = await download(`/api/sittings/${s.id}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain('filename="Protokols_Nr_7_2025-07-08.docx"');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Protokols_Nr_7_2025-07-08.docx");
    const text = await docxText(res.rawPayload);
    expect(text).toContain('SĒDES PROTOKOLS');
    expect(text).toContain('Sēde slēgta plkst. 16.00');
  });

  it('the date is printed with the month in the locative (8. jūlijā), never the nominative (jūlijs)', async () => {
    const s = await draftNr7();
    const docx = plainSpaces(await docxText((await download(`/api/sittings/${s.id}/minutes.docx`)).rawPayload));
    const html = plainSpaces(htmlText((await download(`/api/sittings/${s.id}/minutes.html`)).body));
    for (const text of [docx, html]) {
      expect(text).toContain('2025. gada 8. jūlijā');
      expect(text).not.toMatch(/jūlijs/u);
    }
  });

  it('the public version leaves out a confidential item, in DOCX and HTML', async () => {
    const s = await draftNr7((d) => void (d.agenda[2]!.confidential = true));
    const full = await docxText((await download(`/api/sittings/${s.id}/minutes.docx`)).rawPayload);
    const pub = await docxText((await download(`/api/sittings/${s.id}/minutes.docx?version=public`)).rawPayload);
    const html = htmlText((await download(`/api/sittings/${s.id}/minutes.html?version=public`)).body);
    expect(full).toContain('Rotary');
    for (const text of [pub, html]) {
      expect(text).not.toContain('Rotary');
      expect(text).toContain('Ierobežotas pieejamības informācija');
    }
  });

  it('a decision’s prevention-plan activity is printed after its owner line, in DOCX and HTML, and not in the public version of a confidential one', async () => {
    const s = await draftNr7((d) => {
      d.agenda[2]!.confidential = true;
      d.decisions[3]!.planActivity = '2.1.';
      d.decisions.push({ text: 'Sagatavot vēstuli.', owners: ['Inga Kārkliņa'], due: '2026-06-22', planActivity: '5.3.1.' });
    });
    const docx = await docxText((await download(`/api/sittings/${s.id}/minutes.docx`)).rawPayload);
    const html = htmlText((await download(`/api/sittings/${s.id}/minutes.html`)).body);
    for (const text of [docx, html]) {
      expectInOrder(text, [
        'Rotary',
        '(Prevencijas plāna pasākums 2.1.)',
        'Sagatavot vēstuli.',
        'Atbildīgie: I. Kārkliņa. Termiņš: 22.06.2026.',
        '(Prevencijas plāna pasākums 5.3.1.)',
        'Sēde slēgta',
      ]);
    }
    const pub = await docxText((await download(`/api/sittings/${s.id}/minutes.docx?version=public`)).rawPayload);
    const pubHtml = htmlText((await download(`/api/sittings/${s.id}/minutes.html?version=public`)).body);
    for (const text of [pub, pubHtml]) {
      expect(text).toContain('(Prevencijas plāna pasākums 5.3.1.)');
      expect(text).not.toContain('2.1.)');
    }
  });

  it('a draft without a start time prints no "Sēde sākās plkst." line at all, in DOCX and HTML', async () => {
    const s = await draftNr7();
    expect((await t.call({ method: 'PATCH', url: `/api/sittings/${s.id}`, payload: { version: s.version, startTime: null } })).status).toBe(
      200,
    );
    const docx = plainSpaces(await docxText((await download(`/api/sittings/${s.id}/minutes.docx`)).rawPayload));
    const html = plainSpaces(htmlText((await download(`/api/sittings/${s.id}/minutes.html`)).body));
    for (const text of [docx, html]) {
      expect(text).not.toContain('Sēde sākās');
      expect(text).toContain('Sēde slēgta plkst. 16.00');
    }
  });

  it('the HTML preview is served with a Content-Security-Policy', async () => {
    const s = await draftNr7();
    const res = await download(`/api/sittings/${s.id}/minutes.html`);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(htmlText(res.body)).toContain('Nr. 7');
  });
});

describe('signing', () => {
  it('is refused with 409 naming what is missing, and changes nothing', async () => {
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08' } })).body;
    const before = await snapshot(t.db);
    const res = await sign(id, 1);
    expect(res.status).toBe(409);
    for (const part of ['sēdes vadītājs', 'protokolētājs', 'beigu laiks', 'grupas loceklis', 'darba kārtības punkts'])
      expect(res.body.message).toContain(part);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a refusal for missing chair, recorder or times also names the carried decisions without their follow-up', async () => {
    await draftNr7();
    // Opened without the header the previous sitting would lend it.
    const payload = { date: '2025-09-08', chairId: null, recorderId: null, startTime: null, endTime: null };
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings', payload })).body;
    const res = await sign(id, 1);
    expect(res.status).toBe(409);
    expect(res.body.field).toBe('chairId');
    const message = plainSpaces(res.body.message);
    expect(message).toMatch(/^Protokolu nevar parakstīt: trūkst sēdes vadītājs, protokolētājs, sēdes sākuma laiks, sēdes beigu laiks/u);
    expect(message).toContain('Nav ierakstīta arī izpilde iepriekšējo sēžu lēmumiem Nr. 7, 2.; Nr. 7, 4.; Nr. 7, 5.; Nr. 7, 6.');
    expect(message).toContain('Atzīmējiet izpildi vai "nav izskatīts".');
  });

  it('a stale sitting version is refused', async () => {
    const s = await draftNr7();
    expect((await sign(s.id, s.version + 5)).status).toBe(409);
  });

  it('stores the DOCX with its SHA-256 and every later download returns exactly those bytes', async () => {
    const s = await draftNr7();
    const signed = await sign(s.id, s.version);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ version: 1, fileName: 'Protokols_Nr_7_2025-07-08.docx', amendmentReason: null });

    const first = await download(`/api/sittings/${s.id}/minutes.docx`);
    const second = await download(`/api/sittings/${s.id}/minutes.docx`);
    expect(first.rawPayload.equals(second.rawPayload)).toBe(true);
    expect(sha(first.rawPayload)).toBe(signed.body.sha256Full);
    expect(first.headers['x-content-sha256']).toBe(signed.body.sha256Full);
    const pub = await download(`/api/sittings/${s.id}/minutes.docx?version=public`);
    expect(sha(pub.rawPayload)).toBe(signed.body.sha256Public);
    expect((await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body.state).toBe('signed');
  });

  it('a changed group setting or template after signing does not change the signed protocol', async () => {
    const s = await draftNr7();
    const signed = (await sign(s.id, s.version)).body;
    const group = (await t.call({ method: 'GET', url: '/api/group' })).body;
    await t.call({
      method: 'PATCH',
      url: '/api/group',
      payload: { version: group.version, nameGenitive: 'Pavisam citas grupas', minutes: { signatureMode: 'esignature' } },
    });
    const after = await download(`/api/sittings/${s.id}/minutes.docx`);
    expect(sha(after.rawPayload)).toBe(signed.sha256Full);
    expect(await docxText(after.rawPayload)).not.toContain('Pavisam citas');
    const html = await download(`/api/sittings/${s.id}/minutes.html`);
    expect(htmlText(html.body)).not.toContain('Pavisam citas');
  });

  it('signed minutes are served from their stored bytes, not rendered again with the changed font and margins', async () => {
    const s = await draftNr7();
    const signed = (await sign(s.id, s.version)).body;
    const group = (await t.call({ method: 'GET', url: '/api/group' })).body;
    const minutes = {
      ...group.minutes,
      fontFamily: 'DejaVu Serif',
      fontSizePt: 14,
      marginsMm: { left: 25, right: 25, top: 25, bottom: 25 },
    };
    expect((await t.call({ method: 'PATCH', url: '/api/group', payload: { version: group.version, minutes } })).status).toBe(200);

    const stored = await download(`/api/sittings/${s.id}/minutes.docx`);
    expect(sha(stored.rawPayload)).toBe(signed.sha256Full);
    expect(stored.headers['x-content-sha256']).toBe(signed.sha256Full);
    const pub = await download(`/api/sittings/${s.id}/minutes.docx?version=public`);
    expect(sha(pub.rawPayload)).toBe(signed.sha256Public);

    // Reopened, the same minutes render afresh with the new settings; the signed version 1 does not.
    const current = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    const amend = { version: current.version, reason: 'Pārbaude pēc iestatījumu maiņas.' };
    expect((await t.call({ method: 'POST', url: `/api/sittings/${s.id}/amend`, payload: amend })).status).toBe(204);
    const fresh = await download(`/api/sittings/${s.id}/minutes.docx`);
    expect(sha(fresh.rawPayload)).not.toBe(signed.sha256Full);
    expect([...unzip(fresh.rawPayload).values()].some((part) => part.toString('utf8').includes('DejaVu Serif'))).toBe(true);
    expect([...unzip(stored.rawPayload).values()].some((part) => part.toString('utf8').includes('DejaVu Serif'))).toBe(false);
    const version1 = await download(`/api/sittings/${s.id}/signatures/1/minutes.docx`);
    expect(sha(version1.rawPayload)).toBe(signed.sha256Full);
  });

  it('a changed template renders differently, yet the signed protocol stays byte for byte', async () => {
    const s = await draftNr7();
    const signed = (await sign(s.id, s.version)).body;
    const dir = mkdtempSync(path.join(tmpdir(), 'templates-'));
    const original = readFileSync(path.join(DEFAULT_TEMPLATES_DIR, 'minutes.lv.json'), 'utf8');
    writeFileSync(path.join(dir, 'minutes.lv.json'), original.replace('SĒDES PROTOKOLS', 'SĒDES PROTOKOLS (LABOTS)'));
    const source = await loadMinutesSource(t.db, t.groupId, s.id);
    const reworded = await renderMinutes(source, 'full', 'docx', { templates: loadMinutesTemplates(dir) });
    expect(await docxText(reworded.body)).toContain('(LABOTS)');
    const stored = await download(`/api/sittings/${s.id}/minutes.docx`);
    expect(sha(stored.rawPayload)).toBe(signed.sha256Full);
    expect(await docxText(stored.rawPayload)).not.toContain('(LABOTS)');
  });

  it('after signing every kind of write returns 409 and the database is unchanged', async () => {
    const s = await draftNr7();
    await sign(s.id, s.version);
    const now = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    const before = await snapshot(t.db);
    const [item] = now.agendaItems;
    const [decision] = now.decisions;
    const [attendee] = now.attendance;
    const writes = [
      { method: 'PATCH', url: `/api/sittings/${s.id}`, payload: { version: now.version, endTime: '17:00' } },
      { method: 'DELETE', url: `/api/sittings/${s.id}?version=${now.version}` },
      { method: 'POST', url: `/api/sittings/${s.id}/sign`, payload: { version: now.version } },
      { method: 'POST', url: `/api/sittings/${s.id}/agenda-items`, payload: { title: 'X' } },
      { method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: item.version, proceedings: 'X' } },
      { method: 'POST', url: `/api/agenda-items/${item.id}/move`, payload: { version: item.version, to: 2 } },
      { method: 'DELETE', url: `/api/agenda-items/${item.id}?version=${item.version}` },
      { method: 'POST', url: `/api/sittings/${s.id}/decisions`, payload: { text: 'X' } },
      { method: 'PATCH', url: `/api/decisions/${decision.id}`, payload: { version: decision.version, text: 'X' } },
      { method: 'POST', url: `/api/decisions/${decision.id}/move`, payload: { version: decision.version, to: 3 } },
      { method: 'DELETE', url: `/api/decisions/${decision.id}?version=${decision.version}` },
      { method: 'POST', url: `/api/sittings/${s.id}/decisions/renumber`, payload: { version: now.version } },
      { method: 'POST', url: `/api/sittings/${s.id}/attendance`, payload: { name: 'Jauns Cilvēks', role: 'invited' } },
      { method: 'PATCH', url: `/api/attendance/${attendee.id}`, payload: { version: attendee.version, role: 'absent' } },
      { method: 'DELETE', url: `/api/attendance/${attendee.id}?version=${attendee.version}` },
      { method: 'POST', url: `/api/sittings/${s.id}/reviews`, payload: { decisionId: decision.id, status: 'done' } },
    ] as const;
    for (const request of writes) {
      const res = await t.inject(request as never);
      expect(res.statusCode, `${request.method} ${request.url}`).toBe(409);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('an imported signed sitting is archived at import and its downloads never change', async () => {
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), signed: true } })).body;
    const [signature] = (await t.call({ method: 'GET', url: `/api/sittings/${id}/signatures` })).body;
    const file = await download(`/api/sittings/${id}/minutes.docx`);
    expect(sha(file.rawPayload)).toBe(signature.sha256Full);
  });
});

describe('amendments', () => {
  it('reopen signed minutes only with a reason; version 1 stays retrievable and the next signature is version 2', async () => {
    const s = await draftNr7();
    const v1 = (await sign(s.id, s.version)).body;
    let current = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    expect(
      (await t.call({ method: 'POST', url: `/api/sittings/${s.id}/amend`, payload: { version: current.version, reason: ' ' } })).status,
    ).toBe(400);
    const amend = await t.call({
      method: 'POST',
      url: `/api/sittings/${s.id}/amend`,
      payload: { version: current.version, reason: 'Labots lēmuma Nr. 5 termiņš.' },
    });
    expect(amend.status).toBe(204);

    current = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    expect(current.state).toBe('draft');
    const d5 = current.decisions[4];
    await t.call({ method: 'PATCH', url: `/api/decisions/${d5.id}`, payload: { version: d5.version, due: '2025-08-01' } });
    current = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    const v2 = (await sign(s.id, current.version)).body;
    expect(v2.version).toBe(2);
    expect(v2.sha256Full).not.toBe(v1.sha256Full);

    const signatures = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}/signatures` })).body;
    expect(signatures.map((x: { version: number; amendmentReason: string | null }) => [x.version, x.amendmentReason])).toEqual([
      [1, 'Labots lēmuma Nr. 5 termiņš.'],
      [2, null],
    ]);
    const old = await download(`/api/sittings/${s.id}/signatures/1/minutes.docx`);
    expect(sha(old.rawPayload)).toBe(v1.sha256Full);
    expect(sha((await download(`/api/sittings/${s.id}/minutes.docx`)).rawPayload)).toBe(v2.sha256Full);
  });

  it('a draft cannot be amended', async () => {
    const s = await draftNr7();
    expect(
      (await t.call({ method: 'POST', url: `/api/sittings/${s.id}/amend`, payload: { version: s.version, reason: 'Kāpēc ne' } })).status,
    ).toBe(409);
  });
});

describe('the two signatures', () => {
  it('the recorder signs first and the minutes lock; the chair then signs the same version', async () => {
    const s = await draftNr7();
    const secretary = await t.loginAs('secretary');
    const chair = await t.loginAs('chair');
    const as = (session: Session, version: number, extra: object = {}) =>
      t.app.inject(withSession({ method: 'POST', url: `/api/sittings/${s.id}/sign`, payload: { version, ...extra } }, session));

    const first = await as(secretary, s.version);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, chairSignedAt: null, awaiting: ['chair'] });
    expect(first.json().recorderSignedAt).toEqual(expect.any(String));
    const locked = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
    expect(locked.state).toBe('signed');
    expect((await as(secretary, locked.version)).statusCode).toBe(409);
    expect((await as(secretary, locked.version, { as: 'chair' })).statusCode).toBe(403);

    const second = await as(chair, locked.version);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ version: 1, sha256Full: first.json().sha256Full });
    expect(second.json().chairSignedAt).toEqual(expect.any(String));
    expect(second.json().awaiting).toEqual([]);
    const signatures = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}/signatures` })).body;
    expect(signatures).toHaveLength(1);
  });

  it('the sittings list says whose signature signed minutes still wait for, and nothing once both have signed', async () => {
    const s = await draftNr7();
    const secretary = await t.loginAs('secretary');
    const chair = await t.loginAs('chair');
    const awaiting = async () =>
      (await t.call<Array<{ id: number; awaitingSignatures: string[] }>>({ method: 'GET', url: '/api/sittings' })).body.find(
        (x) => x.id === s.id,
      )?.awaitingSignatures;
    expect(await awaiting()).toEqual([]);
    const signAs = async (session: Session) => {
      const { version } = (await t.call({ method: 'GET', url: `/api/sittings/${s.id}` })).body;
      const res = await t.app.inject(withSession({ method: 'POST', url: `/api/sittings/${s.id}/sign`, payload: { version } }, session));
      expect(res.statusCode).toBe(200);
    };
    await signAs(secretary);
    expect(await awaiting()).toEqual(['chair']);
    await signAs(chair);
    expect(await awaiting()).toEqual([]);

    const other = await draftNr7((d) => Object.assign(d, { number: 6, date: '2025-06-01' }));
    await t.call({ method: 'POST', url: `/api/sittings/${other.id}/sign`, payload: { version: other.version, as: 'chair' } });
    const list = (await t.call<Array<{ id: number; awaitingSignatures: string[] }>>({ method: 'GET', url: '/api/sittings' })).body;
    expect(list.find((x) => x.id === other.id)?.awaitingSignatures).toEqual(['recorder']);
  });

  it('minutes imported as signed elsewhere wait for no signature in the list', async () => {
    const { id } = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: { ...nr7(), signed: true } })).body;
    const list = (await t.call<Array<{ id: number; state: string; awaitingSignatures: string[] }>>({ method: 'GET', url: '/api/sittings' }))
      .body;
    expect(list.find((x) => x.id === id)).toMatchObject({ state: 'signed', awaitingSignatures: [] });
    const [signature] = (await t.call({ method: 'GET', url: `/api/sittings/${id}/signatures` })).body;
    expect(signature.awaiting).toEqual([]);
  });

  it('an admin signs as both at once, or as one when asked', async () => {
    const s = await draftNr7();
    const both = (await sign(s.id, s.version)).body;
    expect(both.recorderSignedAt).toEqual(expect.any(String));
    expect(both.chairSignedAt).toEqual(expect.any(String));

    const other = await draftNr7((d) => Object.assign(d, { number: 6, date: '2025-06-01' }));
    const onlyChair = await t.call({
      method: 'POST',
      url: `/api/sittings/${other.id}/sign`,
      payload: { version: other.version, as: 'chair' },
    });
    expect(onlyChair.body).toMatchObject({ recorderSignedAt: null });
  });
});
