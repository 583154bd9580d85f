// Reads a password from standard input: typed twice at a terminal without echo, so a typo is caught,
// or the first line of a pipe, the way a script gives it.
import type { Writable } from 'node:stream';

/** Standard input as this module uses it: a terminal has isTTY and setRawMode. */
export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface SecretStreams {
  input: SecretInput;
  /** Where the prompts go: standard error, so standard output carries only the result. */
  output: Writable;
}

const standard = (): SecretStreams => ({ input: process.stdin, output: process.stderr });

/** Ctrl-C at a prompt: the command stops without doing anything. */
export class Interrupted extends Error {}

/** A refusal to go on after the two typings kept differing. */
export class PasswordsDiffer extends Error {}

export const PROMPT = 'Parole: ';
export const REPEAT_PROMPT = 'Parole vēlreiz: ';
export const ATTEMPTS = 3;

/** Keystrokes that arrived after the last line read, kept for the next prompt (typed ahead). */
interface TypedAhead {
  rest: string;
}

/**
 * Reads one line per prompt from a terminal already in raw mode (nothing is echoed), the next prompt
 * written when a line ends. Backspace edits, Ctrl-D ends the line, Ctrl-C rejects with Interrupted.
 */
function readTerminalLines({ input, output }: SecretStreams, prompts: readonly string[], ahead: TypedAhead): Promise<string[]> {
  const lines: string[] = [];
  let line = '';
  let previous = '';
  output.write(prompts[0] ?? '');
  return new Promise<string[]>((resolve, reject) => {
    const finish = (rest: string[], error?: Error) => {
      ahead.rest = rest.join('');
      input.off('data', onData);
      input.pause();
      if (error === undefined) resolve(lines);
      else reject(error);
    };
    function onData(chunk: Buffer | string) {
      const chars = [...String(chunk)];
      for (const [i, ch] of chars.entries()) {
        const after = previous;
        previous = ch;
        // A terminal sends Enter as \r; a \n right after it is the same Enter.
        if (ch === '\n' && after === '\r') continue;
        if (ch === '\u0003') {
          output.write('\n');
          return finish([], new Interrupted('Pārtraukts.'));
        }
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          output.write('\n');
          lines.push(line);
          line = '';
          if (lines.length === prompts.length) return finish(chars.slice(i + 1));
          output.write(prompts[lines.length]!);
          continue;
        }
        line = ch === '\u007f' || ch === '\b' ? [...line].slice(0, -1).join('') : line + ch;
      }
    }
    const typed = ahead.rest;
    ahead.rest = '';
    if (typed !== '') onData(typed);
    if (lines.length < prompts.length) {
      input.on('data', onData);
      input.resume();
    }
  });
}

async function firstLineOf(input: SecretInput): Promise<string> {
  let data = '';
  for await (const chunk of input) data += String(chunk);
  return data.split(/\r?\n/u)[0] ?? '';
}

/**
 * A new password: at a terminal typed twice, asked again while the two differ (up to ATTEMPTS
 * times, then PasswordsDiffer); from a pipe, its first line.
 */
export async function readNewPassword(streams: SecretStreams = standard()): Promise<string> {
  if (streams.input.isTTY !== true) return firstLineOf(streams.input);
  const ahead: TypedAhead = { rest: '' };
  // Raw mode before the first prompt and until the last line: a terminal echoes what arrives at
  // once, even before anyone reads it.
  streams.input.setRawMode?.(true);
  try {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const [first = '', second = ''] = await readTerminalLines(streams, [PROMPT, REPEAT_PROMPT], ahead);
      if (first === second) return first;
      streams.output.write(attempt < ATTEMPTS ? 'Paroles nesakrīt; ievadiet vēlreiz.\n' : '');
    }
  } finally {
    streams.input.setRawMode?.(false);
  }
  throw new PasswordsDiffer(`Paroles ${ATTEMPTS} reizes nesakrita; lietotājs netika izveidots.`);
}
