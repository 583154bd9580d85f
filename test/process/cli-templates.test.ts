// `protokols templates check [--group ID]`: each group's override folder loaded as the server would
// load it at start; a broken file is named with its key and the exit code is 1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'protokols-cli-templates-'));
const templates = path.join(dir, 'group-templates');
mkdirSync(templates);
const env = { DATABASE_URL: path.join(dir, 'p.db'), GROUP_TEMPLATES_DIR: templates };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** The CLI in this process, its output caught. */
async function protokols(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(args, env);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const write = (slug: string, file: string, value: unknown) => {
  mkdirSync(path.join(templates, slug), { recursive: true });
  writeFileSync(path.join(templates, slug, file), JSON.stringify(value));
};

describe('protokols templates check', () => {
  it("passes a group's sound folder, and names the file and key of a broken one with exit code 1", async () => {
    const group = async (name: string) => {
      const added = await protokols('group', 'add', name, '--municipality', 'Zzalfa novads');
      expect(added.code).toBe(0);
      return { id: added.stdout.trimEnd().split('\n').at(-1) as string, slug: /saīsne ([a-z0-9-]+)/u.exec(added.stdout)?.[1] as string };
    };
    const alfa = await group('Zzalfa grupa');
    const beta = await group('Zzbeta grupa');
    write(alfa.slug, 'minutes.lv.json', { title: 'ZZALFA PROTOKOLS' });
    write(beta.slug, 'mail.lv.json', { signed: { subjekts: 'Parakstīts' } });

    const sound = await protokols('templates', 'check', '--group', alfa.id);
    expect(sound).toMatchObject({ code: 0, stdout: `Grupu veidnes kārtībā (${templates}).\n` });
    const broken = await protokols('templates', 'check');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      `Kļūda: ${path.join(templates, beta.slug, 'mail.lv.json')}: atslēga "signed.subjekts" projekta veidnēs (templates/mail.lv.json) nav; pārsaukt vai pievienot atslēgas nevar, tikai pārrakstīt esošās\n`,
    );
  });
});
