// A real SMTP server (the nodemailer project's smtp-server) on 127.0.0.1 for the mail tests: it
// keeps every message it accepts, parsed, and can be told how to answer the next messages:
// refuse with 4xx or 5xx, drop the connection in the middle of the data, or hold its answer.
import type { Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Answer = 'accept' | '4xx' | '5xx' | 'drop' | 'hold';

export interface Received {
  raw: string;
  parsed: ParsedMail;
  to: string[];
  messageId: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  /** Answers for the next messages, in order; then each is accepted. */
  answers: Answer[];
  /** Resolves when a message is being held (answer `hold`): the data is in, the answer not given. */
  held: () => Promise<void>;
  /** Resolves once `count` messages have been accepted. */
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const sockets = new Set<Socket>();
  let onHeld: (() => void) | null = null;
  let heldNow = false;
  const server = new SMTPServer({
    authOptional: true,
    // A login over plain text is fine on 127.0.0.1; any user and password are taken.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(session, callback) {
      callback();
    },
    onData(stream, session, callback) {
      const answer = answers.shift() ?? 'accept';
      const chunks: Buffer[] = [];
      let dropped = false;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (answer === 'drop' && !dropped) {
          dropped = true;
          // The client's socket is cut in the middle of the message.
          for (const s of sockets) s.destroy();
        }
      });
      stream.on('end', () => {
        if (answer === 'drop') return;
        const raw = Buffer.concat(chunks).toString('utf8');
        const record = async () => {
          const parsed = await simpleParser(raw);
          received.push({ raw, parsed, to: session.envelope.rcptTo.map((r) => r.address), messageId: parsed.messageId ?? '' });
        };
        if (answer === '4xx') return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        if (answer === '5xx') return callback(Object.assign(new Error('Transaction failed'), { responseCode: 554 }));
        if (answer === 'hold') {
          // The message is in; the answer never comes (the sender is killed meanwhile).
          void record().then(() => {
            heldNow = true;
            onHeld?.();
          });
          return;
        }
        void record().then(() => callback(null, 'Queued'));
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    answers,
    held: () =>
      new Promise((resolve) => {
        if (heldNow) resolve();
        else onHeld = resolve;
      }),
    waitFor: async (count, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`only ${received.length} of ${count} messages arrived`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
