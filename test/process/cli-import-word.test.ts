import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/db/sqlite.ts';
import { notAProtocolDocx, plainProtocolDocx, variantProtocolDocx } from '../support/old-protocol-docx.ts';
import { protokols } from '../support/cli.ts';
import { sharedPath } from '../support/reference.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** An archive folder whose names sort otherwise than the dates, with a broken file and a non-protocol among them. */
async function archive(root: string): Promise<string> {
  const folder = path.join(root, 'arhīvs');
  mkdirSync(folder);
  writeFileSync(
    path.join(folder, 'a-nr13.docx'),
    await variantProtocolDocx({ number: 13, writtenDate: '2026.gada 06.aprīlis', startLine: 'Sēde sākās: pl: 14.00' }),
  );
  writeFileSync(path.join(folder, 'b-nr12.docx'), await variantProtocolDocx());
  copyFileSync(sharedPath('reference', 'old-protocol-nr7.docx'), path.join(folder, 'c-nr7.docx'));
  // Named to come first, dated after Nr. 7, whose decision it follows up.
  writeFileSync(
    path.join(folder, '0-nr8.docx'),
    await plainProtocolDocx([
      'SĒDES PROTOKOLS Nr. 8',
      '2025. gada 8. septembrī',
      'Sēde sākās plkst. 14:00',
      'Darba kārtība:',
      '1. Par iepriekšējās sēdes lēmumu izpildi',
      'Sēdes Nr. 7 lēmums Nr. 2 – izpildīts.',
      'Nolemj:',
      '1. Informāciju pieņemt zināšanai.',
    ]),
  );
  writeFileSync(path.join(folder, 'd-bojāts.docx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]));
  writeFileSync(path.join(folder, 'e-balle.docx'), await notAProtocolDocx());
  writeFileSync(path.join(folder, 'piezīmes.txt'), 'nav Word fails');
  return folder;
}

describe('protokols import-word', { timeout: 180_000 }, () => {
  it('--dry-run after the folder prints its protocols in date order, reports the broken ones and makes no database', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-word-'));
    const folder = await archive(dir);
    const database = path.join(dir, 'nav.db');
    const res = await protokols(database, 'import-word', folder, '--dry-run');
    expect(res.code).toBe(1);
    const documents = JSON.parse(res.stdout) as Array<{ number: number; date: string }>;
    expect(documents.map((d) => [d.number, d.date])).toEqual([
      [7, '2025-07-08'],
      [8, '2025-09-08'],
      [12, '2026-03-02'],
      [13, '2026-04-06'],
    ]);
    expect(res.stderr).toMatch(/d-bojāts\.docx: izlaists — .*bojāts/u);
    expect(res.stderr).toMatch(/e-balle\.docx: izlaists — .*nav atpazīts kā sēdes protokols/u);
    expect(res.stderr).toMatch(/b-nr12\.docx: 25\. rindkopa „R\.Vītolam.*”: .*"R\.Vītols" nav atrasts/u);
    expect(res.stderr).not.toContain('piezīmes');
    expect(existsSync(database)).toBe(false);
  });

  it('--dry-run of one file prints its document alone', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-word-'));
    const res = await protokols(path.join(dir, 'nav.db'), 'import-word', '--dry-run', sharedPath('reference', 'old-protocol-nr7.docx'));
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(res.stdout)).toMatchObject({ format: 'protokols.sitting/1', number: 7, date: '2025-07-08' });
  });

  it('imports the folder in date order as drafts, a follow-up finding the earlier decision, skipping the broken files', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'protokols-word-'));
    const folder = await archive(dir);
    const database = path.join(dir, 'p.db');
    const res = await protokols(database, 'import-word', folder);
    expect(res.code).toBe(1);
    expect(
      res.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(1, 3)),
    ).toEqual([
      ['Nr. 7', '2025-07-08'],
      ['Nr. 8', '2025-09-08'],
      ['Nr. 12', '2026-03-02'],
      ['Nr. 13', '2026-04-06'],
    ]);
    expect(res.stderr).toContain('d-bojāts.docx: izlaists');
    const db = openSqlite(database);
    try {
      const rows = await db.selectFrom('sittings').select(['id', 'number', 'state']).orderBy('id').execute();
      expect(rows.map((r) => [r.number, r.state])).toEqual([
        [7, 'draft'],
        [8, 'draft'],
        [12, 'draft'],
        [13, 'draft'],
      ]);
      expect(await db.selectFrom('word_imports').select('file_name').orderBy('id').execute()).toEqual([
        { file_name: 'c-nr7.docx' },
        { file_name: '0-nr8.docx' },
        { file_name: 'b-nr12.docx' },
        { file_name: 'a-nr13.docx' },
      ]);
      expect(await db.selectFrom('decision_reviews').select('status').execute()).toEqual([{ status: 'done' }]);
      expect(res.stderr).not.toContain('0-nr8.docx');
    } finally {
      await db.destroy();
    }
  });
});
