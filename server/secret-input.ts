// Reads a password from standard input: from a terminal without echo, or the first line of a pipe.
import { createInterface } from 'node:readline';

export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let data = '';
    for await (const chunk of input) data += String(chunk);
    return data.split(/\r?\n/u)[0] ?? '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  const rl = createInterface({ input, terminal: false });
  try {
    return await new Promise<string>((resolve) => {
      let value = '';
      input.on('data', function onData(chunk: Buffer) {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            input.off('data', onData);
            process.stderr.write('\n');
            return resolve(value);
          }
          if (ch === '\u0003') process.exit(130);
          value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
        }
      });
    });
  } finally {
    input.setRawMode(false);
    rl.close();
    input.pause();
  }
}
