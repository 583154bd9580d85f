// The stop on SIGTERM/SIGINT: closes the app once and exits 0, or exits 1 when closing fails or hangs.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { gracefulStop, SHUTDOWN_TIMEOUT_MS } from '../../server/shutdown.ts';

function recorder() {
  const lines: Array<{ level: string; msg: string }> = [];
  const at = (level: string) => (_fields: object, msg: string) => void lines.push({ level, msg });
  const log = { info: at('info'), error: at('error') } as unknown as FastifyBaseLogger;
  const exits: number[] = [];
  return { log, lines, exits, exit: (code: number) => void exits.push(code) };
}

describe('stopping on a signal', () => {
  it('closes the app and exits 0, once however many signals arrive', async () => {
    const r = recorder();
    const close = vi.fn(async () => undefined);
    const stop = gracefulStop({ log: r.log, close, exit: r.exit });
    await Promise.all([stop('SIGTERM'), stop('SIGINT')]);
    expect(close).toHaveBeenCalledTimes(1);
    expect(r.exits).toEqual([0]);
  });

  it('exits 1 with an error line when closing fails', async () => {
    const r = recorder();
    await gracefulStop({ log: r.log, close: () => Promise.reject(new Error('busy')), exit: r.exit })('SIGTERM');
    expect(r.exits).toEqual([1]);
    expect(r.lines.at(-1)).toEqual({ level: 'error', msg: 'stopping failed' });
  });

  it('exits 1 with an error line when closing takes longer than the timeout (10 s unless told)', async () => {
    expect(SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    vi.useFakeTimers();
    try {
      const r = recorder();
      void gracefulStop({ log: r.log, close: () => new Promise(() => undefined), exit: r.exit, timeoutMs: 500 })('SIGTERM');
      await vi.advanceTimersByTimeAsync(499);
      expect(r.exits).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(r.exits).toEqual([1]);
      expect(r.lines.at(-1)).toEqual({ level: 'error', msg: 'stopping took too long; exiting without finishing' });
    } finally {
      vi.useRealTimers();
    }
  });

  it("exits only once pino's destination has written every line, in order", async () => {
    // pino writes on libuv's threads, as the server's stdout does: a line still being written
    // when the process exits came out after the lines behind it.
    const dir = mkdtempSync(path.join(tmpdir(), 'protokols-stop-'));
    try {
      const file = path.join(dir, 'log');
      const destination = pino.destination({ dest: file, sync: false });
      await once(destination, 'ready');
      const log = pino(destination) as unknown as FastifyBaseLogger;
      const atExit: string[][] = [];
      const exit = () =>
        void atExit.push(
          readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .map((line) => (JSON.parse(line) as { msg: string }).msg),
        );
      await gracefulStop({ log, close: async () => undefined, exit })('SIGTERM');
      expect(atExit).toEqual([['stopping', 'stopped']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
