// E-mail against a real SMTP server on 127.0.0.1: the invitation with its agenda and .ics, the
// update when the time changes, the cancellation, reminders on the right days and never twice,
// the outside owner's signed link, unsubscribing, the signed minutes, and no confidential text in
// any message or attachment.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { addDays } from '../../server/domain/mail.ts';
import { deliverDue, smtpMailer, type Mailer } from '../../server/services/mail/delivery.ts';
import { enqueueAllReminders, remindersOfDay } from '../../server/services/mail/reminders.ts';
import { outsidePage } from '../../server/services/mail/outside.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { mailFixture, SECRET_DECISION, SECRET_ITEM, type MailFixture } from '../support/mail-fixture.ts';
import { unzip } from '../minutes/helpers.ts';
import { startSmtp, type Received, type TestSmtp } from '../support/smtp.ts';

const BASE = 'https://protokols.example.lv';
const FROM = 'Sadarbības grupa <protokols@example.lv>';
const ctx = { baseUrl: BASE, from: FROM };

let smtp: TestSmtp;
let t: TestApp;
let f: MailFixture;
let mailer: Mailer;
/** What the fixture's signing of the first sitting sent. */
let signedMails: Received[];

beforeAll(async () => {
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
  t = await testApp('admin', { publicUrl: BASE, mailFrom: FROM });
  f = await mailFixture(t);
  await deliverDue(t.db, mailer, { from: FROM });
  signedMails = [...smtp.received];
});
afterAll(async () => {
  mailer?.close();
  await t?.close();
  await smtp?.close();
});

const deliver = () => deliverDue(t.db, mailer, { from: FROM });
const since = (n: number) => smtp.received.slice(n);
const to = (messages: Received[], address: string) => messages.filter((m) => m.to.includes(address));

/** The calendar part of a message, parsed by ical.js. */
function calendarOf(m: Received) {
  const part = m.parsed.attachments.find((a) => /calendar|ics/u.test(a.contentType) || a.filename?.endsWith('.ics'));
  expect(part, 'an .ics part').toBeDefined();
  const text = part!.content.toString('utf8');
  const cal = new ICAL.Component(ICAL.parse(text));
  const event = cal.getFirstSubcomponent('vevent')!;
  const start = event.getFirstProperty('dtstart')!;
  return {
    text,
    method: cal.getFirstPropertyValue('method'),
    tzids: cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    startTzid: start.getParameter('tzid'),
    start: String(start.getFirstValue()),
  };
}

/** Every text a message carries to its reader: subject, text, HTML, headers and each attachment (DOCX unzipped). */
async function everyText(m: Received): Promise<string> {
  const parts = [m.raw, m.parsed.subject ?? '', m.parsed.text ?? '', typeof m.parsed.html === 'string' ? m.parsed.html : ''];
  for (const a of m.parsed.attachments) {
    if (a.filename?.endsWith('.docx')) {
      for (const file of unzip(a.content).values()) parts.push(file.toString('utf8'));
    } else parts.push(a.content.toString('utf8'));
  }
  return parts.join('\n');
}

describe('the invitation to a sitting', () => {
  let invitations: Received[];

  it('announcing a draft sends each present member and invited specialist with an address the date, time, place and agenda', async () => {
    const before = smtp.received.length;
    const res = await t.call({ method: 'POST', url: `/api/sittings/${f.draftId}/announce` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recipients: 3, sequence: 0 });
    // Written to the outbox with the announcement; nothing is sent until the worker delivers.
    expect(smtp.received.length).toBe(before);
    await deliver();
    invitations = since(before);
    expect(invitations.flatMap((m) => m.to).sort()).toEqual(['anna@example.lv', 'janis@example.lv', 'peteris@example.lv']);
    const m = to(invitations, 'peteris@example.lv')[0]!;
    expect(m.parsed.subject).toBe('Uzaicinājums uz sēdi Nr.\u00a02 2026.\u00a0gada 1.\u00a0decembrī');
    const text = m.parsed.text ?? '';
    expect(text).toContain('Labdien, Pēteris Ozols!');
    expect(text).toContain('Laiks: plkst.\u00a010.00–12.00');
    expect(text).toContain('Vieta: Cēsīs, Raunas ielā 4');
    expect(m.parsed.from?.text).toContain('protokols@example.lv');
    expect(m.messageId).toMatch(/^<[0-9a-f-]+@example\.lv>$/u);
  });

  it('lists the follow-up item first, with the carried decisions under it, then the other items', async () => {
    const text = to(invitations, 'anna@example.lv')[0]!.parsed.text ?? '';
    const followUp = text.indexOf('1. Par iepriekšējo sēžu lēmumu izpildi');
    expect(followUp).toBeGreaterThan(0);
    expect(text.indexOf('Nr.\u00a01, 2. Sagatavot vēstuli ministrijai. (termiņš 10.12.2026.)')).toBeGreaterThan(followUp);
    expect(text.indexOf('Nr.\u00a01, 3. Apzināt pusaudžu resursu centrus.')).toBeGreaterThan(followUp);
    // The confidential one by its reference only.
    expect(text).toContain('Nr.\u00a01, 1. Ierobežotas pieejamības informācija');
  });

  it('carries an .ics REQUEST in Europe/Riga with its VTIMEZONE, a UID and SEQUENCE 0, which ical.js reads', async () => {
    const cal = calendarOf(invitations[0]!);
    expect(cal.method).toBe('REQUEST');
    expect(cal.tzids).toEqual(['Europe/Riga']);
    expect(cal.startTzid).toBe('Europe/Riga');
    expect(cal.start).toBe('2026-12-01T10:00:00');
    expect(cal.sequence).toBe(0);
    expect(cal.uid).toMatch(/@protokols\.example\.lv$/u);
    expect(new Set(invitations.map((m) => calendarOf(m).uid)).size).toBe(1);
    // Europe/Riga in December is UTC+2: ical.js resolves the zone from the VTIMEZONE given.
    const comp = new ICAL.Component(ICAL.parse(cal.text));
    const zone = new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!);
    const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    const start = event.startDate;
    start.zone = zone;
    expect(start.toUnixTime()).toBe(Date.parse('2026-12-01T08:00:00Z') / 1000);
  });

  it('a later change of time sends an update: the same UID, a higher SEQUENCE, the new time', async () => {
    const uid = calendarOf(invitations[0]!).uid;
    const before = smtp.received.length;
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${f.draftId}` })).body;
    expect(
      (await t.call({ method: 'PATCH', url: `/api/sittings/${f.draftId}`, payload: { version: s.version, startTime: '11:00' } })).status,
    ).toBe(200);
    await deliver();
    const updates = since(before);
    expect(updates).toHaveLength(3);
    for (const m of updates) {
      const cal = calendarOf(m);
      expect(cal).toMatchObject({ uid, sequence: 1, method: 'REQUEST', start: '2026-12-01T11:00:00' });
      expect(m.parsed.subject).toMatch(/^Mainīts: sēde Nr.\u00a02/u);
    }
  });

  it('an edit that changes neither date, time nor place sends nothing', async () => {
    const before = smtp.received.length;
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${f.draftId}` })).body;
    await t.call({ method: 'PATCH', url: `/api/sittings/${f.draftId}`, payload: { version: s.version, chairId: f.people.janis } });
    await deliver();
    expect(since(before)).toHaveLength(0);
  });

  it('a signed sitting cannot be announced', async () => {
    const res = await t.call({ method: 'POST', url: `/api/sittings/${f.firstId}/announce` });
    expect(res.status).toBe(409);
  });
});

describe('reminders to owners', () => {
  let byRecipient: Map<string, string[]>;
  let reminders: Received[];

  it('go N days before the deadline and the day after it, then weekly for 4 weeks; one digest per person per day, never twice', async () => {
    const before = smtp.received.length;
    // Every day from mid-November to February, each run twice (as two scripts or instances would).
    for (let day = '2026-11-15'; day <= '2027-02-15'; day = addDays(day, 1)) {
      await enqueueAllReminders(t.db, day, ctx);
      await enqueueAllReminders(t.db, day, ctx);
      await deliver();
    }
    reminders = since(before);
    byRecipient = new Map();
    for (const m of reminders) {
      const date =
        /(\d{4})\.\u00a0gada (\d+)\.\u00a0(\S+)$/u
          .exec(m.parsed.subject ?? '')
          ?.slice(1)
          .join(' ') ?? '?';
      for (const r of m.to) byRecipient.set(r, [...(byRecipient.get(r) ?? []), date]);
    }
    // Jānis: due 3 December (7 days before: 26 November; after: 4, 11, 18, 25 December, 1 January).
    expect(byRecipient.get('janis@example.lv')).toEqual([
      '2026 26 novembrī',
      '2026 4 decembrī',
      '2026 11 decembrī',
      '2026 18 decembrī',
      '2026 25 decembrī',
      '2027 1 janvārī',
    ]);
    // Anna (a member) and Ilze (an outside owner): due 10 December.
    const tenth = ['2026 3 decembrī', '2026 11 decembrī', '2026 18 decembrī', '2026 25 decembrī', '2027 1 janvārī', '2027 8 janvārī'];
    expect(byRecipient.get('anna@example.lv')).toEqual(tenth);
    expect(byRecipient.get('ilze.liepa@skola.example.lv')).toEqual(tenth);
    expect(byRecipient.has('peteris@example.lv')).toBe(false);
    expect(new Set(reminders.map((m) => m.messageId)).size).toBe(reminders.length);
  });

  it("a digest lists all the person's unfinished decisions, the overdue marked, and names its date in the subject", async () => {
    const m = to(reminders, 'janis@example.lv')[1]!;
    expect(m.parsed.subject).toBe('Atgādinājums par lēmumu izpildi 2026.\u00a0gada 4.\u00a0decembrī');
    expect(m.parsed.text).toContain('Nr.\u00a01, 3. Apzināt pusaudžu resursu centrus. Termiņš: 03.12.2026. Termiņš ir nokavēts.');
    // Jānis has no account: his digest links to the page behind his signed link.
    expect(m.parsed.text).toMatch(/#\/izpilde\//u);
  });

  it('can be turned off from the mail itself: RFC 8058 one-click List-Unsubscribe, and a link', async () => {
    const m = to(reminders, 'janis@example.lv')[0]!;
    const head = m.raw.slice(0, m.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/gu, ' ');
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/mu);
    const url = /^List-Unsubscribe: <([^>]+)>$/mu.exec(head)![1]!;
    expect(m.parsed.text).toContain(url);
    const path = url.slice(BASE.length);
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Atteikties no atgādinājumiem');
    // What a mail client sends: a form POST, no cookie, no CSRF token.
    const post = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
    const before = smtp.received.length;
    await enqueueAllReminders(t.db, '2027-01-22', ctx);
    await enqueueAllReminders(t.db, '2026-12-04', ctx);
    await deliver();
    expect(to(since(before), 'janis@example.lv')).toHaveLength(0);
    expect((await t.app.inject({ method: 'POST', url: `${path}x` })).statusCode).toBe(404);
  });

  it('a member with an account is linked into the app; an outside owner gets a signed link instead', async () => {
    const anna = to(reminders, 'anna@example.lv')[0]!;
    expect(anna.parsed.text).toContain(`${BASE}/#/uzdevumi`);
    expect(anna.parsed.text).not.toContain('/#/izpilde/');
    const ilze = to(reminders, 'ilze.liepa@skola.example.lv')[0]!;
    expect(ilze.parsed.text).toMatch(/#\/izpilde\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/u);
  });
});

describe("an outside owner's link", () => {
  const tokenOf = (m: Received) => /#\/izpilde\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/u.exec(m.parsed.text ?? '')![1]!;

  it('shows their unfinished decisions without a login and records a progress note the secretary sees marked "ārējs"', async () => {
    const before = smtp.received.length;
    await enqueueAllReminders(t.db, '2026-12-03', { ...ctx }, new Date());
    await deliver();
    // Already sent for that day: the link of the day's digest is in the earlier mail.
    expect(since(before)).toHaveLength(0);
    const anyIlze = smtp.received.filter((m) => m.to.includes('ilze.liepa@skola.example.lv')).at(-1)!;
    const token = tokenOf(anyIlze);
    const page = await t.app.inject({ method: 'GET', url: `/api/outside/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      name: 'Ilze Liepa',
      decisions: [{ decisionId: f.decisions.letter, text: 'Sagatavot vēstuli ministrijai.' }],
    });
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/outside/${token}/notes`,
      payload: { decisionId: f.decisions.letter, note: 'Vēstule nosūtīta 20. novembrī.', done: true },
    });
    expect(note.statusCode).toBe(200);
    expect(note.json().decisions).toEqual([]);
    const detail = (await t.call({ method: 'GET', url: `/api/decisions/${f.decisions.letter}` })).body;
    expect(detail.currentStatus).toBe('done');
    expect(detail.history.at(-1)).toMatchObject({ kind: 'note', note: 'Vēstule nosūtīta 20. novembrī.', status: 'done', external: true });
    const actions = (await t.call({ method: 'GET', url: `/api/people/${f.people.ilze}/actions` })).body;
    expect(actions.recentlyFinished[0].notes).toEqual([
      expect.objectContaining({ note: 'Vēstule nosūtīta 20. novembrī.', external: true }),
    ]);
  });

  it("may note only on the holder's own decisions, and a changed token is refused", async () => {
    const token = tokenOf(smtp.received.filter((m) => m.to.includes('ilze.liepa@skola.example.lv')).at(-1)!);
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/outside/${token}/notes`,
      payload: { decisionId: f.decisions.centres, note: 'Nav mans.' },
    });
    expect(other.statusCode).toBe(403);
    const [payload, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify(['outside', t.groupId, f.people.janis, 4102444800])).toString('base64url')}.${signature}`;
    expect((await t.app.inject({ method: 'GET', url: `/api/outside/${forged}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/outside/${payload}.${signature}A` })).statusCode).toBe(404);
  });

  it('expires 14 days after it was sent', async () => {
    const m = smtp.received.filter((r) => r.to.includes('ilze.liepa@skola.example.lv')).at(-1)!;
    const token = tokenOf(m);
    const sent = new Date(m.parsed.date ?? Date.now());
    await expect(outsidePage(t.db, token, new Date(sent.getTime() + 13 * 86_400_000))).resolves.toMatchObject({ name: 'Ilze Liepa' });
    await expect(outsidePage(t.db, token, new Date(sent.getTime() + 14 * 86_400_000 + 60_000))).rejects.toThrow(/termiņš/u);
  });
});

describe('the signed minutes', () => {
  it('the last signature sends each member with an address a link to the minutes and their SHA-256', async () => {
    const signed = signedMails;
    expect(signed.every((m) => /^Parakstīts sēdes protokols Nr.\u00a01/u.test(m.parsed.subject ?? ''))).toBe(true);
    expect(signed.flatMap((m) => m.to).sort()).toEqual(['anna@example.lv', 'janis@example.lv']);
    const signatures = (await t.call({ method: 'GET', url: `/api/sittings/${f.firstId}/signatures` })).body;
    const sha = (await t.app.inject({ method: 'GET', url: `/api/sittings/${f.firstId}/minutes.docx`, headers: {} })).headers[
      'x-content-sha256'
    ];
    expect(signatures.length).toBeGreaterThan(0);
    for (const m of signed) {
      expect(m.parsed.text).toContain(`${BASE}/api/sittings/${f.firstId}/minutes.docx`);
      expect(m.parsed.text).toMatch(/SHA-256: [0-9a-f]{64}/u);
      if (typeof sha === 'string') expect(m.parsed.text).toContain(sha);
    }
  });

  it('with the group setting, attaches the DOCX: the public version, since the sitting has a confidential item', async () => {
    const settings = (await t.call({ method: 'GET', url: '/api/mail/settings' })).body;
    expect(settings).toMatchObject({ reminderDaysBefore: 7, attachDocx: false });
    const patched = await t.call({
      method: 'PATCH',
      url: '/api/mail/settings',
      payload: { version: settings.version, attachDocx: true, replyTo: 'sekretare@example.lv' },
    });
    expect(patched.status).toBe(200);
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${f.firstId}` })).body;
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/sittings/${f.firstId}/amend`,
          payload: { version: s.version, reason: 'Labota drukas kļūda.' },
        })
      ).status,
    ).toBeLessThan(300);
    const again = (await t.call({ method: 'GET', url: `/api/sittings/${f.firstId}` })).body;
    const before = smtp.received.length;
    expect(
      (await t.call({ method: 'POST', url: `/api/sittings/${f.firstId}/sign`, payload: { version: again.version } })).status,
    ).toBeLessThan(300);
    await deliver();
    const mails = since(before);
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      const docx = m.parsed.attachments.find((a) => a.filename?.endsWith('.docx'));
      expect(docx?.filename).toMatch(/_publiska\.docx$/u);
      expect(m.parsed.replyTo?.text).toContain('sekretare@example.lv');
      expect(m.parsed.text).toContain('publiskā versija');
    }
  });
});

describe('the signed copy in e-signature mode', () => {
  it('the last signature sends nothing; the upload of the signed copy sends its link and its own SHA-256, once per version', async () => {
    const group = (await t.call({ method: 'GET', url: '/api/group' })).body;
    expect(
      (await t.call({ method: 'PATCH', url: '/api/group', payload: { version: group.version, minutes: { signatureMode: 'esignature' } } }))
        .status,
    ).toBe(200);
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${f.firstId}` })).body;
    await t.call({ method: 'POST', url: `/api/sittings/${f.firstId}/amend`, payload: { version: s.version, reason: 'Otrs labojums.' } });
    const again = (await t.call({ method: 'GET', url: `/api/sittings/${f.firstId}` })).body;
    const before = smtp.received.length;
    expect(
      (await t.call({ method: 'POST', url: `/api/sittings/${f.firstId}/sign`, payload: { version: again.version } })).status,
    ).toBeLessThan(300);
    await deliver();
    expect(since(before)).toHaveLength(0);

    const pdf = Buffer.from(await (await PDFDocument.create()).save());
    const upload = () =>
      t.inject({
        method: 'POST',
        url: `/api/sittings/${f.firstId}/signed-copy`,
        headers: { 'content-type': 'application/pdf' },
        payload: pdf,
      });
    const stored = (await upload()).json();
    await upload();
    await deliver();
    const mails = since(before);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['anna@example.lv', 'janis@example.lv']);
    for (const m of mails) expect(m.parsed.text).toContain(`SHA-256: ${stored.sha256}`);
  });
});

describe('the scheduler', () => {
  it("claims a day's reminders once across instances: a second claim of the same day writes nothing, even for a new owner", async () => {
    const sitting = (await t.call({ method: 'POST', url: '/api/sittings', payload: { date: '2027-02-20' } })).body;
    const owe = (personId: number) =>
      t.call({
        method: 'POST',
        url: `/api/sittings/${sitting.id}/decisions`,
        payload: { text: 'Sagatavot pārskatu.', owners: [{ personId }], due: '2027-03-08' },
      });
    await owe(f.people.anna);
    expect(await remindersOfDay(t.db, '2027-03-01', ctx)).toBe(1);
    await owe(f.people.peteris);
    // Another instance's pass of the same day: the day is taken.
    expect(await remindersOfDay(t.db, '2027-03-01', ctx)).toBe(0);
    expect(await t.db.selectFrom('mail_schedule').selectAll().execute()).toEqual([{ group_id: t.groupId, reminders_date: '2027-03-01' }]);
    // The command line computes the day again on purpose; each person still gets one digest.
    expect(await enqueueAllReminders(t.db, '2027-03-01', ctx)).toBe(1);
    expect(await enqueueAllReminders(t.db, '2027-03-01', ctx)).toBe(0);
    await deliver();
  });
});

describe('confidentiality', () => {
  it("a confidential decision's text and its item's title appear in no message, body or attachment", async () => {
    expect(smtp.received.length).toBeGreaterThan(25);
    for (const m of smtp.received) {
      const all = await everyText(m);
      expect(all, m.parsed.subject).not.toContain(SECRET_DECISION);
      expect(all, m.parsed.subject).not.toContain('Zelmas');
      expect(all, m.parsed.subject).not.toContain(SECRET_ITEM);
    }
    // Where it was, the mail says so and links into the app.
    const anna = smtp.received.find((m) => m.to.includes('anna@example.lv') && /Atgādinājums/u.test(m.parsed.subject ?? ''))!;
    expect(anna.parsed.text).toContain(`Nr.\u00a01, 1. Ierobežotas pieejamības informācija`);
    expect(anna.parsed.text).toContain(`${BASE}/#/uzdevumi`);
  });
});

describe('the cancellation', () => {
  it('deleting an announced draft sends METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
    const uid = calendarOf(smtp.received.find((m) => /^Uzaicinājums/u.test(m.parsed.subject ?? ''))!).uid;
    const before = smtp.received.length;
    const s = (await t.call({ method: 'GET', url: `/api/sittings/${f.draftId}` })).body;
    expect((await t.call({ method: 'DELETE', url: `/api/sittings/${f.draftId}?version=${s.version}` })).status).toBe(204);
    await deliver();
    const cancelled = since(before);
    expect(cancelled).toHaveLength(3);
    for (const m of cancelled) {
      expect(m.parsed.subject).toMatch(/^Atcelts: sēde Nr.\u00a02/u);
      expect(calendarOf(m)).toMatchObject({ uid, method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
    }
  });
});
