// A group's own wording: GROUP_TEMPLATES_DIR/<slug>/ overrides templates/ key by key for that group
// only — its minutes (draft and signed, DOCX on the thread and HTML), its mails, its exports — while
// another group words as the project; a broken override is refused at load, naming file and key.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_PROFILE } from '../../server/domain/group-settings.ts';
import { slugOf } from '../../server/domain/group-slug.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { addGroup } from '../../server/services/group.ts';
import { createUser } from '../../server/services/accounts.ts';
import { deliverDue, smtpMailer, type Mailer } from '../../server/services/mail/delivery.ts';
import { checkGroupTemplates } from '../../server/wording/group-templates.ts';
import { loadMailTemplates } from '../../server/wording/mail-templates.ts';
import { TemplateOverrideError } from '../../server/wording/overrides.ts';
import { DEFAULT_TEMPLATES_DIR, loadMinutesTemplates } from '../../server/wording/templates.ts';
import { logIn, testApp, TEST_PASSWORD, withSession, type Session, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { samplePlan } from '../plans/story.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { docxText, htmlText, plainSpaces } from '../minutes/helpers.ts';

const FROM = 'protokols@example.lv';
const A_TITLE = 'ZZALFA NOVADA SADARBĪBAS GRUPAS SĒDES PROTOKOLS';
const PROJECT_TITLE = 'SĒDES PROTOKOLS';
const A_CSV_HEADER = 'Nr.;Datums;Teksts;Atbildīgie;Termiņš;Pasākums;Statuss;Nokavēts';

/** The first group's slug on a fresh database: its folder has to be there before the app starts. */
const slugA = slugOf(DEFAULT_GROUP_PROFILE.name);

let dir: string;
let t: TestApp;
let smtp: TestSmtp;
let mailer: Mailer;
let groupB: number;
let bAdmin: Session;

const writeJson = (file: string, value: unknown) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-templates-'));
  writeJson(path.join(dir, slugA, 'minutes.lv.json'), { title: A_TITLE, exports: { csvHeader: A_CSV_HEADER } });
  writeJson(path.join(dir, slugA, 'plan-report.lv.json'), { title: 'ZZALFA UZRAUDZĪBAS PĀRSKATS PAR {{year}}.~GADU' });
  writeJson(path.join(dir, slugA, 'mail.lv.json'), { invitation: { subject: 'Zzalfa aicina uz sēdi Nr.~{{number}}' } });
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
  t = await testApp('admin', { groupTemplatesDir: dir, mailFrom: FROM });
  groupB = (await addGroup(t.db, SYSTEM, { name: 'Zzbeta novada sadarbības grupa', municipality: 'Zzbeta novads' })).id;
  await createUser(t.db, groupB, { login: 'zzbeta-admin', password: TEST_PASSWORD, role: 'admin' }, t.app.passwords);
  bAdmin = await logIn(t.app, 'zzbeta-admin');
});
afterAll(async () => {
  mailer?.close();
  await t?.close();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Caller = (options: Parameters<TestApp['inject']>[0]) => ReturnType<TestApp['inject']>;
const asA: Caller = (options) => t.inject(options);
const asB: Caller = (options) => t.app.inject(withSession(options, bAdmin));

async function importDraft(as: Caller): Promise<{ id: number; version: number }> {
  const res = await as({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
  expect(res.statusCode).toBe(201);
  return (await as({ method: 'GET', url: `/api/sittings/${res.json().id}` })).json();
}

async function minutesText(as: Caller, id: number): Promise<{ docx: string; html: string }> {
  const docx = await as({ method: 'GET', url: `/api/sittings/${id}/minutes.docx` });
  const html = await as({ method: 'GET', url: `/api/sittings/${id}/minutes.html` });
  expect([docx.statusCode, html.statusCode]).toEqual([200, 200]);
  return { docx: plainSpaces(await docxText(docx.rawPayload)), html: plainSpaces(htmlText(html.body)) };
}

describe("a group's override folder", () => {
  let aDraft: { id: number; version: number };
  let bDraft: { id: number; version: number };
  beforeAll(async () => {
    aDraft = await importDraft(asA);
    bDraft = await importDraft(asB);
  });

  it("words group A's draft minutes, DOCX and HTML, with A's phrase; group B's keep the project's", async () => {
    const a = await minutesText(asA, aDraft.id);
    const b = await minutesText(asB, bDraft.id);
    expect(a.docx).toContain(A_TITLE);
    expect(a.html).toContain(A_TITLE);
    for (const text of [b.docx, b.html]) {
      expect(text).toContain(PROJECT_TITLE);
      expect(text).not.toContain(A_TITLE);
    }
  });

  it("overlays key by key: a phrase A's file leaves out keeps the project's wording", async () => {
    const a = await minutesText(asA, aDraft.id);
    for (const text of [a.docx, a.html]) {
      expect(text).toContain('Darba kārtība:');
      expect(text).toContain('Sadarbības grupa nolemj:');
      expect(text).toContain('Sēdi vada:');
    }
  });

  it("signs group A's minutes in A's wording: the stored DOCX and HTML keep it", async () => {
    const signed = await asA({ method: 'POST', url: `/api/sittings/${aDraft.id}/sign`, payload: { version: aDraft.version } });
    expect(signed.statusCode).toBe(200);
    const a = await minutesText(asA, aDraft.id);
    expect(a.docx).toContain(A_TITLE);
    expect(a.html).toContain(A_TITLE);
    const bSigned = await asB({ method: 'POST', url: `/api/sittings/${bDraft.id}/sign`, payload: { version: bDraft.version } });
    expect(bSigned.statusCode).toBe(200);
    expect((await minutesText(asB, bDraft.id)).docx).not.toContain(A_TITLE);
  });

  it("words group A's invitation mail with A's subject; group B's with the project's", async () => {
    for (const [as, email] of [
      [asA, 'anna@zzalfa.example.lv'],
      [asB, 'berta@zzbeta.example.lv'],
    ] as const) {
      const person = await as({ method: 'POST', url: '/api/people', payload: { fullName: 'Anna Bērziņa', email, isMember: true } });
      expect(person.statusCode).toBe(201);
      const sitting = await as({ method: 'POST', url: '/api/sittings', payload: { date: '2026-12-01', startTime: '10:00' } });
      expect(sitting.statusCode).toBe(201);
      expect((await as({ method: 'POST', url: `/api/sittings/${sitting.json().id}/announce` })).statusCode).toBe(200);
    }
    await deliverDue(t.db, mailer, { from: FROM });
    const subjectTo = (email: string) => smtp.received.find((m) => m.to.includes(email))?.parsed.subject;
    expect(subjectTo('anna@zzalfa.example.lv')).toMatch(/^Zzalfa aicina uz sēdi Nr.\u00a0\d+$/u);
    expect(subjectTo('berta@zzbeta.example.lv')).toMatch(/^Uzaicinājums uz sēdi Nr.\u00a0\d+ 2026.\u00a0gada 1.\u00a0decembrī$/u);
    // The parts A's file leaves out are the project's.
    const aText = smtp.received.find((m) => m.to.includes('anna@zzalfa.example.lv'))?.parsed.text ?? '';
    expect(aText).toContain('Labdien, Anna Bērziņa!');
  });

  it("words group A's plan report, DOCX and HTML, with A's title; group B's with the project's", async () => {
    const reportOf = async (as: Caller) => {
      const plan = await as({ method: 'POST', url: '/api/plans/import', payload: samplePlan() });
      expect(plan.statusCode).toBe(201);
      const url = (format: string) => `/api/plans/${plan.json().id}/report.${format}?year=2026`;
      const [docx, html] = await Promise.all([as({ method: 'GET', url: url('docx') }), as({ method: 'GET', url: url('html') })]);
      expect([docx.statusCode, html.statusCode]).toEqual([200, 200]);
      return [plainSpaces(await docxText(docx.rawPayload)), plainSpaces(htmlText(html.body))];
    };
    for (const text of await reportOf(asA)) {
      expect(text).toContain('ZZALFA UZRAUDZĪBAS PĀRSKATS PAR 2026. GADU');
      expect(text).toContain('1. Sadarbības grupas sēdes');
    }
    for (const text of await reportOf(asB)) expect(text).toContain('PREVENCIJAS PLĀNA ĪSTENOŠANAS UZRAUDZĪBAS PĀRSKATS PAR 2026. GADU');
  });

  it("words group A's register export with A's folder, and B's (no folder) with the project's", async () => {
    const aCsv = await asA({ method: 'GET', url: '/api/decisions.csv' });
    const bCsv = await asB({ method: 'GET', url: '/api/decisions.csv' });
    expect([aCsv.statusCode, bCsv.statusCode]).toEqual([200, 200]);
    const header = (csv: string) => csv.replace(/^\uFEFF/u, '').split(/\r?\n/u)[0];
    expect(header(aCsv.body)).toBe(A_CSV_HEADER);
    expect(header(bCsv.body)).toBe('Lēmums;Sēdes datums;Lēmuma teksts;Atbildīgie;Termiņš;Prevencijas plāna pasākums;Statuss;Nokavēts');
  });
});

describe('a broken override', () => {
  const folder = (files: Record<string, unknown>) => {
    const at = mkdtempSync(path.join(tmpdir(), 'override-'));
    for (const [name, value] of Object.entries(files)) writeJson(path.join(at, name), value);
    return at;
  };
  const refusal = (load: () => unknown): string => {
    try {
      load();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateOverrideError);
      return (error as Error).message;
    }
    throw new Error('the override was taken');
  };

  it('is refused when its JSON is bad, naming the file', () => {
    const at = folder({ 'minutes.lv.json': '{ "title": "PROTOKOLS", }' });
    expect(refusal(() => loadMinutesTemplates(DEFAULT_TEMPLATES_DIR, at))).toMatch(/minutes\.lv\.json: nav derīgs JSON/u);
  });

  it('is refused for a key the project has not, naming file and key', () => {
    const at = folder({ 'minutes.lv.json': { followUp: { statusFinished: 'Pabeigts' } } });
    expect(refusal(() => loadMinutesTemplates(DEFAULT_TEMPLATES_DIR, at))).toMatch(
      /minutes\.lv\.json: atslēga "followUp\.statusFinished" projekta veidnēs/u,
    );
  });

  it('is refused where a text is needed and something else is given, naming file and key', () => {
    expect(refusal(() => loadMailTemplates(DEFAULT_TEMPLATES_DIR, folder({ 'mail.lv.json': { restricted: ['Slēpts'] } })))).toMatch(
      /mail\.lv\.json: atslēgai "restricted" jābūt tekstam/u,
    );
    expect(refusal(() => loadMinutesTemplates(DEFAULT_TEMPLATES_DIR, folder({ 'minutes.lv.json': { closed: 7 } })))).toMatch(
      /minutes\.lv\.json: atslēgai "closed" jābūt tekstam vai tekstu grupai/u,
    );
  });

  it('is refused for a Handlebars syntax error, naming file and key', () => {
    const at = folder({ 'mail.lv.json': { reminder: { subject: 'Atgādinājums {{#if dateLong}}{{dateLong}}' } } });
    expect(refusal(() => loadMailTemplates(DEFAULT_TEMPLATES_DIR, at))).toMatch(
      /mail\.lv\.json: atslēgas "reminder\.subject" veidnē ir Handlebars kļūda/u,
    );
  });

  it('is refused for a value the phrase is never given, naming file, key and value', () => {
    const at = folder({ 'minutes.lv.json': { opened: 'Sēde sākās plkst.~{{tiem}}' } });
    expect(refusal(() => loadMinutesTemplates(DEFAULT_TEMPLATES_DIR, at))).toMatch(
      /minutes\.lv\.json: atslēgas "opened" veidnē ir vērtība, kuras šai frāzei nav: \{\{tiem\}\} \(pieejamās: \{\{time\}\}\)/u,
    );
  });

  it('stops the app at start, naming the file and the key', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'group-templates-'));
    writeJson(path.join(root, slugA, 'plan-report.lv.json'), { nosaukums: 'Pārskats' });
    await expect(testApp('admin', { groupTemplatesDir: root })).rejects.toThrow(/plan-report\.lv\.json: atslēga "nosaukums"/u);
  });

  it('is listed by the check with every other broken group, and a folder no group has is a warning', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'group-templates-'));
    writeJson(path.join(root, 'alfa', 'minutes.lv.json'), { nav: 'x' });
    writeJson(path.join(root, 'beta', 'mail.lv.json'), '[');
    writeJson(path.join(root, 'gamma', 'minutes.lv.json'), { title: 'GAMMA' });
    writeJson(path.join(root, 'alfa', 'minutes.json'), {});
    const { errors, warnings } = checkGroupTemplates(root, [{ slug: 'alfa' }, { slug: 'beta' }]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/alfa.minutes\.lv\.json: atslēga "nav"/u);
    expect(errors[1]).toMatch(/beta.mail\.lv\.json: nav derīgs JSON/u);
    expect(warnings.join('\n')).toMatch(/minutes\.json: šāda veidņu faila nav/u);
    expect(warnings.join('\n')).toMatch(/gamma: nevienas grupas saīsne nav "gamma"/u);
  });
});
