// Converts documents with a headless LibreOffice (soffice), for previews and for tests that
// prove a rendered DOCX opens in a real word processor.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `command` can be run (found on PATH). */
export async function hasCommand(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', 'command -v "$0"', command]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts `file` to `format` (pdf, …) into `outDir` and returns the new file's path. Each call
 * uses a fresh LibreOffice profile, so parallel runs and a user's own profile never interfere.
 */
export async function convertWithLibreOffice(file: string, outDir: string, format = 'pdf', timeoutMs = 120_000): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'protokols-soffice-'));
  try {
    await run(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', format, '--outdir', outDir, file],
      { timeout: timeoutMs },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  return join(outDir, `${basename(file, extname(file))}.${format}`);
}
