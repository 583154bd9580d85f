import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FollowUp } from './helpers.ts';
import { renderMinutesHtml } from '../../server/minutes/render-html.ts';
import { renderMinutes } from '../../server/minutes/render-minutes.ts';
import { buildMinutesViewModel } from '../../server/minutes/view-model.ts';
import type { Block, MinutesViewModel } from '../../server/minutes/view-model.ts';
import { expectInOrder, htmlText, nr7, nr7WithConfidentialItem, plainSpaces, source } from './helpers.ts';

/** Every line of the view model, in reading order (what any renderer must print). */
function linesOf(vm: MinutesViewModel): string[] {
  const blockLines = (blocks: readonly Block[]): string[] =>
    blocks.flatMap((b) => {
      if (b.kind === 'paragraph') return b.runs.flatMap((r) => r.text.split('\n'));
      if (b.kind === 'list') return b.items.flatMap((i) => blockLines(i.blocks));
      return [...Object.values(b.header), ...b.rows.flatMap((r) => Object.values(r).flatMap((v) => v.split('\n')))];
    });
  return [
    ...(vm.restrictedMarking === undefined ? [] : [vm.restrictedMarking]),
    ...vm.titleLines,
    vm.place,
    vm.date,
    vm.number,
    ...(vm.opened === undefined ? [] : [vm.opened]),
    ...vm.attendance,
    vm.agendaHeading,
    ...vm.agenda,
    vm.proceedingsHeading,
    ...vm.items.flatMap((item) => [item.title, ...blockLines(item.blocks)]),
    vm.decisionsHeading,
    ...vm.decisions.flatMap((d) => [d.text, ...(d.ownerLine === undefined ? [] : [d.ownerLine])]),
    ...(vm.closed === undefined ? [] : [vm.closed]),
    ...vm.signatures.flatMap((s) => [s.role, ...(vm.signatureHint === undefined ? [] : [vm.signatureHint]), s.name]),
    ...(vm.esignatureNotice === undefined ? [] : [vm.esignatureNotice]),
  ]
    .filter((line) => line !== '')
    .map(plainSpaces);
}

describe('the HTML preview', () => {
  it('carries the same lines as the minutes, in the same order', () => {
    const sitting = nr7();
    sitting.decisions.push({ text: 'Sagatavot vēstuli.', owners: ['Inga Kārkliņa'], due: '2026-06-22' });
    const vm = buildMinutesViewModel(source(sitting), 'full');
    const text = htmlText(renderMinutesHtml(vm));
    expectInOrder(text, linesOf(vm));
    expectInOrder(text, [
      '2025. gada 8. jūlijā',
      'Nr. 7',
      'Sēde slēgta plkst. 16.00',
      '(paraksts)',
      'G. Norbuts',
      '(paraksts)',
      'E. Rancāne',
    ]);
    expect(text).toContain('Atbildīgie: I. Kārkliņa. Termiņš: 22.06.2026.');
  });

  it('is a complete A4 page in Latvian that loads nothing and runs nothing', () => {
    const html = renderMinutesHtml(buildMinutesViewModel(source(), 'full'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="lv">/u);
    expect(html).toMatch(/@page \{ size: A4; margin: 20mm 15mm 20mm 30mm;/u);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\son\w+=|url\(|@import|https?:/iu);
  });

  it('allows its own inline style, and nothing else, by the hash in its CSP', async () => {
    const rendered = await renderMinutes(source(), 'full', 'html');
    const html = rendered.body.toString('utf8');
    const style = /<style>([\s\S]*)<\/style>/u.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(rendered.headers['content-security-policy']).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(html).toContain(`style-src &#39;sha256-${hash}&#39;`);
    expect(rendered.contentType).toBe('text/html; charset=utf-8');
    expect(rendered.fileName).toBe('Protokols_Nr_7_2025-07-08.html');
  });

  it('prints hostile markup in proceedings as escaped plain text', () => {
    const sitting = nr7();
    const item = sitting.agenda[1];
    if (item === undefined) throw new Error('no item 2');
    item.proceedings = '<script>alert(1)</script>\n\n[saite](javascript:alert(1))\n\n# Virsraksts\n\n<img src=x onerror="alert(1)">';
    sitting.decisions[0] = { text: '</li><script>alert(2)</script>' };
    const html = renderMinutesHtml(buildMinutesViewModel(source(sitting), 'full'));
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).toContain('<p>[saite](javascript:alert(1))</p>');
    expect(html).toContain('<p># Virsraksts</p>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;/li&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<a |<h1|<img/u);
  });

  it('renders bold, italic and the lists of proceedings as HTML elements', () => {
    const sitting = nr7();
    const item = sitting.agenda[1];
    if (item === undefined) throw new Error('no item 2');
    item.proceedings = 'Ir **svarīgi** un *steidzami*:\n\n1. pirmais\n2. otrais\n\n- punkts';
    const html = renderMinutesHtml(buildMinutesViewModel(source(sitting), 'full'));
    expect(html).toContain(
      '<p>Ir <strong>svarīgi</strong> un <em>steidzami</em>:</p><ol><li><p>pirmais</p></li><li><p>otrais</p></li></ol><ul><li><p>punkts</p></li></ul>',
    );
  });

  it('leaves a confidential item out of the public version', () => {
    const full = htmlText(renderMinutesHtml(buildMinutesViewModel(source(nr7WithConfidentialItem()), 'full')));
    const publicText = htmlText(renderMinutesHtml(buildMinutesViewModel(source(nr7WithConfidentialItem()), 'public')));
    expect(full).toContain('Rotary');
    expect(publicText).not.toMatch(/Rotary|piedalījusies sarunās|17\.00 piedalīties/u);
    expect(publicText.match(/Ierobežotas pieejamības informācija/gu)).toHaveLength(3);
  });

  it('ends with the e-signature notice and no "(paraksts)" when signed electronically', () => {
    const vm = buildMinutesViewModel(source(nr7(), [], { signatureMode: 'esignature' }), 'full');
    const text = htmlText(renderMinutesHtml(vm));
    expect(text).not.toContain('(paraksts)');
    expect(text.trimEnd().endsWith('DOKUMENTS IR PARAKSTĪTS AR DROŠU ELEKTRONISKO PARAKSTU UN SATUR LAIKA ZĪMOGU')).toBe(true);
  });

  it('renders the follow-up table with its header and status words', () => {
    const sitting = nr7();
    sitting.agenda.unshift({ title: 'Par iepriekšējo sēžu lēmumu izpildi' });
    const followUps: FollowUp[] = [
      { sittingNumber: 6, decisionNumber: 2, text: 'Sagatavot <pārskatu>.', owners: ['I. Kārkliņa'], due: '2025-06-30', status: 'done' },
      { sittingNumber: 6, decisionNumber: 3, text: 'Izvērtēt.', owners: [], status: 'in_progress', note: 'Gaida ziņas.' },
    ];
    const html = renderMinutesHtml(buildMinutesViewModel(source(sitting, followUps), 'full'));
    expect(html).toContain(
      '<thead><tr><th scope="col">Lēmums</th><th scope="col">Lēmuma teksts</th><th scope="col">Atbildīgie</th><th scope="col">Termiņš</th><th scope="col">Izpilde</th></tr></thead>',
    );
    expect(html).toContain('<td>Sagatavot &lt;pārskatu&gt;.</td>');
    expect(html).toContain('<td>izpilde turpinās<br>Gaida ziņas.</td>');
  });
});
