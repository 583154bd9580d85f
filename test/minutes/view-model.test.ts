import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FollowUp } from './helpers.ts';
import { DEFAULT_TEMPLATES_DIR, loadMinutesTemplates } from '../../server/wording/templates.ts';
import { longDateParts } from '../../server/minutes/typography.ts';
import { buildMinutesViewModel, defaultFollowUpItemTitle, minutesFileName } from '../../server/minutes/view-model.ts';
import type { FollowUpTable } from '../../server/minutes/view-model.ts';
import { nr7, nr7WithConfidentialItem, source } from './helpers.ts';

const NBSP = '\u00a0';

const followUps: FollowUp[] = [
  { sittingNumber: 6, decisionNumber: 2, text: 'Sagatavot pārskatu.', owners: ['I. Kārkliņa'], due: '2025-06-30', status: 'done' },
  {
    sittingNumber: 6,
    decisionNumber: 3,
    text: 'Izvērtēt ģimenes situāciju.',
    owners: ['E. Rancāne'],
    due: '2025-06-15',
    status: 'in_progress',
    note: 'Gaida ziņas no skolas.',
    newDue: '2025-09-01',
    confidential: true,
  },
  { sittingNumber: 5, decisionNumber: 1, text: 'Rīkot semināru.', owners: [], status: 'cancelled' },
  { sittingNumber: 5, decisionNumber: 4, text: 'Atjaunot sarakstu.', owners: ['Sociālais dienests'], status: 'open' },
];

describe('the minutes view model', () => {
  it('prints the date in the locative for every month (2025. gada 8. jūlijā)', () => {
    const months = [
      'janvārī',
      'februārī',
      'martā',
      'aprīlī',
      'maijā',
      'jūnijā',
      'jūlijā',
      'augustā',
      'septembrī',
      'oktobrī',
      'novembrī',
      'decembrī',
    ];
    months.forEach((month, i) => {
      expect(longDateParts(`2025-${String(i + 1).padStart(2, '0')}-08`)).toEqual({ year: '2025', day: '8', month });
    });
    expect(buildMinutesViewModel(source(), 'full').date).toBe(`2025.${NBSP}gada 8.${NBSP}jūlijā`);
  });

  it('writes times with a dot and ties numbers to Nr. and plkst. with non-breaking spaces', () => {
    const vm = buildMinutesViewModel(source(), 'full');
    expect(vm.number).toBe(`Nr.${NBSP}7`);
    expect(vm.opened).toBe(`Sēde sākās plkst.${NBSP}14.00`);
    expect(vm.closed).toBe(`Sēde slēgta plkst.${NBSP}16.00`);
  });

  it('omits an attendance line whose list is empty and keeps positions in brackets', () => {
    const vm = buildMinutesViewModel(source(), 'full');
    expect(vm.attendance).toHaveLength(3);
    expect(vm.attendance[0]).toMatch(
      /^Sēdē piedalās Sadarbības grupas locekļi: Kristīne Berga \(Bāriņtiesas priekšsēdētājas vietniece\), Elita Rancāne/u,
    );
    expect(vm.attendance.some((line) => line.startsWith('Nepiedalās') || line.startsWith('Pieaicinātie'))).toBe(false);

    const sitting = nr7();
    sitting.absent = [{ name: 'Jānis Ozols', position: 'Izglītības pārvalde', reason: 'atvaļinājumā' }, { name: 'Anna Liepa' }];
    sitting.invited = [{ name: 'M.Šteins', position: 'deputāts' }];
    const lines = buildMinutesViewModel(source(sitting), 'full').attendance;
    expect(lines).toContain('Nepiedalās: Jānis Ozols (Izglītības pārvalde, atvaļinājumā), Anna Liepa');
    expect(lines).toContain(`Pieaicinātie speciālisti: M.${NBSP}Šteins (deputāts)`);
  });

  it('adds no owner line under Nr. 7 decisions, whose texts already name their owners and dates', () => {
    const vm = buildMinutesViewModel(source(), 'full');
    expect(vm.decisions.map((d) => d.ownerLine)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('adds "Atbildīgie: … Termiņš: …" when the text does not name the owners, in short form', () => {
    const sitting = nr7();
    sitting.decisions.push(
      { text: 'Sagatavot vēstuli ministrijām.', owners: ['Inga Kārkliņa', 'I.Liepiņa'], due: '2026-06-22' },
      { text: 'I.Kārkliņai sagatavot pārskatu.', owners: ['I.Kārkliņa'], due: '2026-06-22' },
      { text: 'Sagatavot sarakstu.', owners: ['Sociālais dienests'] },
      { text: 'Sagatavot plānu.', due: '2026-01-05' },
    );
    const lines = buildMinutesViewModel(source(sitting), 'full')
      .decisions.slice(6)
      .map((d) => d.ownerLine);
    expect(lines).toEqual([
      `Atbildīgie: I.${NBSP}Kārkliņa, I.${NBSP}Liepiņa. Termiņš: 22.06.2026.`,
      // The owner is named but the date is not: the whole line is printed.
      `Atbildīgie: I.${NBSP}Kārkliņa. Termiņš: 22.06.2026.`,
      'Atbildīgie: Sociālais dienests.',
      'Termiņš: 05.01.2026.',
    ]);
  });

  it('prints the restricted marking only in the full version of a sitting with a confidential item', () => {
    expect(buildMinutesViewModel(source(), 'full').restrictedMarking).toBeUndefined();
    expect(buildMinutesViewModel(source(nr7WithConfidentialItem()), 'full').restrictedMarking).toBe('Ierobežotas pieejamības informācija');
    expect(buildMinutesViewModel(source(nr7WithConfidentialItem()), 'public').restrictedMarking).toBeUndefined();
  });

  it('prints the restricted marking in the full version that follows up a confidential decision, though no item of its own is', () => {
    expect(buildMinutesViewModel(source(nr7(), followUps), 'full').restrictedMarking).toBe('Ierobežotas pieejamības informācija');
    expect(buildMinutesViewModel(source(nr7(), followUps), 'public').restrictedMarking).toBeUndefined();
    const publicOnly = followUps.filter((f) => f.confidential !== true);
    expect(buildMinutesViewModel(source(nr7(), publicOnly), 'full').restrictedMarking).toBeUndefined();
  });

  it('replaces a confidential item and its decisions in the public version, keeping the numbering', () => {
    const vm = buildMinutesViewModel(source(nr7WithConfidentialItem()), 'public');
    expect(vm.agenda).toHaveLength(4);
    expect(vm.agenda[2]).toBe('Ierobežotas pieejamības informācija');
    expect(vm.items[2]).toEqual({ title: 'Ierobežotas pieejamības informācija', blocks: [] });
    expect(vm.decisions).toHaveLength(6);
    expect(vm.decisions[3]).toEqual({ text: 'Ierobežotas pieejamības informācija', under: [] });
    expect(vm.decisions[4]?.text).toMatch(/^I\.Kārkliņai kopīgot/u);
    expect(JSON.stringify(vm)).not.toMatch(/Rotary|17\.00/u);
  });

  it('prints the prevention-plan activity after a decision and its owner line, but not for a hidden decision', () => {
    const sitting = nr7WithConfidentialItem();
    sitting.decisions.push({ text: 'Sagatavot vēstuli.', owners: ['Inga Kārkliņa'], due: '2026-06-22', planActivity: '5.3.1.' });
    sitting.decisions[3]!.planActivity = '2.1.';
    const full = buildMinutesViewModel(source(sitting), 'full');
    expect(full.decisions[6]).toEqual({
      text: 'Sagatavot vēstuli.',
      ownerLine: `Atbildīgie: I.${NBSP}Kārkliņa. Termiņš: 22.06.2026.`,
      planActivity: `(Prevencijas plāna pasākums${NBSP}5.3.1.)`,
      under: [`Atbildīgie: I.${NBSP}Kārkliņa. Termiņš: 22.06.2026.`, `(Prevencijas plāna pasākums${NBSP}5.3.1.)`],
    });
    expect(full.decisions[3]?.planActivity).toBe(`(Prevencijas plāna pasākums${NBSP}2.1.)`);
    expect(full.decisions[0]?.planActivity).toBeUndefined();
    const pub = buildMinutesViewModel(source(sitting), 'public');
    expect(pub.decisions[3]).toEqual({ text: 'Ierobežotas pieejamības informācija', under: [] });
    expect(pub.decisions[6]?.planActivity).toBe(`(Prevencijas plāna pasākums${NBSP}5.3.1.)`);
  });

  it('makes the follow-up table the proceedings of agenda item 1, with statuses in words', () => {
    const sitting = nr7();
    sitting.agenda.unshift({ title: 'Par iepriekšējo sēžu lēmumu izpildi', proceedings: 'Informē E.Rancāne.' });
    const vm = buildMinutesViewModel(source(sitting, followUps), 'full');
    const [table, after] = vm.items[0]?.blocks ?? [];
    expect(table?.kind).toBe('followUps');
    expect(after).toEqual({ kind: 'paragraph', runs: [{ text: 'Informē E.Rancāne.' }] });
    const rows = (table as FollowUpTable).rows;
    expect(rows.map((r) => r.decision)).toEqual([`Nr.${NBSP}6, 2.`, `Nr.${NBSP}6, 3.`, `Nr.${NBSP}5, 1.`, `Nr.${NBSP}5, 4.`]);
    expect(rows.map((r) => r.outcome)).toEqual([
      'izpildīts',
      'izpilde turpinās\nGaida ziņas no skolas.\nJauns termiņš: 01.09.2025.',
      'atcelts',
      'nav izpildīts',
    ]);
    expect(rows[0]).toMatchObject({ text: 'Sagatavot pārskatu.', owners: `I.${NBSP}Kārkliņa`, due: '30.06.2025.' });
    expect(vm.items.slice(1).every((item) => item.blocks.every((b) => b.kind !== 'followUps'))).toBe(true);
  });

  it('hides a confidential follow-up’s text, owners and note in the public version', () => {
    const sitting = nr7();
    sitting.agenda.unshift({ title: 'Par iepriekšējo sēžu lēmumu izpildi' });
    const table = buildMinutesViewModel(source(sitting, followUps), 'public').items[0]?.blocks[0] as FollowUpTable;
    expect(table.rows[1]).toEqual({
      decision: `Nr.${NBSP}6, 3.`,
      text: 'Ierobežotas pieejamības informācija',
      owners: '',
      due: '15.06.2025.',
      outcome: 'izpilde turpinās\nJauns termiņš: 01.09.2025.',
    });
    expect(table.rows[0]?.text).toBe('Sagatavot pārskatu.');
  });

  it('creates the follow-up item with its default title when a sitting with follow-ups has no agenda', () => {
    const sitting = nr7();
    sitting.agenda = [];
    sitting.decisions = [];
    const vm = buildMinutesViewModel(source(sitting, followUps), 'full');
    expect(vm.agenda).toEqual(['Par iepriekšējo sēžu lēmumu izpildi']);
    expect(defaultFollowUpItemTitle()).toBe('Par iepriekšējo sēžu lēmumu izpildi');
  });

  it('signs with "(paraksts)" on paper and with the group’s notice when e-signed', () => {
    const paper = buildMinutesViewModel(source(), 'full');
    expect(paper.signatures).toEqual([
      { role: 'Sēdes vadītājs', name: `G.${NBSP}Norbuts` },
      { role: 'Protokolētājs', name: `E.${NBSP}Rancāne` },
    ]);
    expect(paper.signatureHint).toBe('(paraksts)');
    expect(paper.esignatureNotice).toBeUndefined();
    const notice = 'Šis dokuments ir elektroniski parakstīts ar drošu elektronisko parakstu un satur laika zīmogu';
    const signed = buildMinutesViewModel(source(nr7(), [], { signatureMode: 'esignature', esignatureNotice: notice }), 'full');
    expect(signed.signatureHint).toBeUndefined();
    expect(signed.esignatureNotice).toBe(notice);
  });

  it('names the file Protokols_Nr_7_2025-07-08.docx', () => {
    expect(minutesFileName(7, '2025-07-08')).toBe('Protokols_Nr_7_2025-07-08.docx');
    expect(minutesFileName(12, '2026-01-20', 'html')).toBe('Protokols_Nr_12_2026-01-20.html');
  });
});

describe('the minutes templates', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function copyOfTemplates(change: (phrases: Record<string, unknown>) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'protokols-templates-'));
    dirs.push(dir);
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    const file = join(dir, 'minutes.lv.json');
    const phrases = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    change(phrases);
    writeFileSync(file, JSON.stringify(phrases));
    return dir;
  }

  it('lets a group reword its minutes without a code change', () => {
    const dir = copyOfTemplates((p) => {
      p.decisionOwners =
        '{{#if owners}}{{#if ownerCount}}Atbildīgā: {{owners}}.{{/if}}{{/if}}{{#if due}} Izpildes termiņš – {{due}}{{/if}}';
      p.signatureChair = 'Sēdes vadītāja';
      p.opened = 'Sēdi atklāj plkst.~{{time}}';
    });
    const sitting = nr7();
    sitting.decisions.push({ text: 'Sagatavot vēstuli.', owners: ['Inga Kārkliņa'], due: '2026-06-22' });
    const vm = buildMinutesViewModel(source(sitting), 'full', { templates: loadMinutesTemplates(dir) });
    expect(vm.opened).toBe(`Sēdi atklāj plkst.${NBSP}14.00`);
    expect(vm.signatures[0]?.role).toBe('Sēdes vadītāja');
    expect(vm.decisions[6]?.ownerLine).toBe(`Atbildīgā: I.${NBSP}Kārkliņa. Izpildes termiņš – 22.06.2026.`);
  });

  it('refuses templates that lack a phrase, naming it', () => {
    const dir = copyOfTemplates((p) => {
      delete p.closed;
      delete (p.followUp as Record<string, unknown>).statusDone;
    });
    expect(() => loadMinutesTemplates(dir)).toThrow(/missing template keys closed, followUp\.statusDone/u);
  });

  it('fails loudly on a misspelt value name in a template', () => {
    const dir = copyOfTemplates((p) => {
      p.opened = 'Sēde sākās plkst. {{tiem}}';
    });
    expect(() => buildMinutesViewModel(source(), 'full', { templates: loadMinutesTemplates(dir) })).toThrow(/"opened" failed/u);
  });
});
