// How responses travel: compressed (brotli or gzip) when the client asks and only then, never altering
// the bytes the client decodes; the front end's hashed files kept for good, its page asked again.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { utf8Bytes } from '../../server/http/body-bytes.ts';
import { EncodedBody } from '../../server/http/compression.ts';
import { bytesOfView } from '../../server/http/fresh.ts';
import { FRONT_END_DIR } from '../../server/paths.ts';
import { docxText } from '../minutes/helpers.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The body as the client has it after undoing the response's content-encoding. */
function decoded(res: LightMyRequestResponse): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.rawPayload);
  if (encoding === 'gzip') return gunzipSync(res.rawPayload);
  expect(encoding).toBeUndefined();
  return res.rawPayload;
}

/** A sitting whose JSON is well above the 1 KB below which nothing is compressed. */
async function importedSitting(): Promise<number> {
  return (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
}

describe('large bodies', () => {
  it('are encoded to the same bytes as Node encodes text: one- to four-byte characters, short and long, and a lone surrogate as U+FFFD', () => {
    const long = 'Rancāne, Kārkliņa — ģimene; '.repeat(400);
    const texts = ['', 'a', 'Rancāne, Kārkliņa — ģimene', '€ ✓ 😀 '.repeat(2000), 'x\ud800y', 'z\udfff', '\ud83d'];
    // Long ones as well: past the size where another way of encoding is taken, with a lone surrogate too.
    texts.push(long, `${long}\ud800${long}`, `${long}\udfff`, 'é '.repeat(5000), 'plain '.repeat(2000));
    for (const text of texts) {
      const bytes = utf8Bytes(text);
      expect(bytes.equals(Buffer.from(text, 'utf8')), JSON.stringify(text.slice(0, 20))).toBe(true);
      expect(bytes.length).toBe(Buffer.byteLength(text));
    }
  });

  it('keep their bytes while later bodies are encoded, smaller, larger and past the size of the reused copy', () => {
    const body = (n: number) => `{"text":"${'Kārkliņa anketa, ģimenes ārsts; '.repeat(n)}"}`;
    const sizes = [200, 2_000, 150, 40_000, 300];
    const sent = sizes.map((n) => utf8Bytes(body(n)));
    sizes.forEach((n, i) => expect(sent[i]!.equals(Buffer.from(body(n), 'utf8')), `body ${i}`).toBe(true));
  });

  it('go out as their UTF-8 bytes over a real connection, the length header counting bytes, not characters', async () => {
    const uncached = await testApp('admin', { readCache: false });
    try {
      const session = await uncached.loginAs('admin');
      const id = (await uncached.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
      const expected = (await uncached.inject({ method: 'GET', url: `/api/sittings/${id}` })).body;
      expect(expected.length).toBeGreaterThan(4096);
      expect(expected).toMatch(/[āčēģīķļņšūž]/u);
      await uncached.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = uncached.app.server.address() as AddressInfo;
      const res = await new Promise<{ length: string | undefined; bytes: Buffer }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: `/api/sittings/${id}`, headers: { cookie: session.cookie } }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ length: incoming.headers['content-length'], bytes: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(Number(res.length)).toBe(res.bytes.length);
      expect(res.bytes.length).toBeGreaterThan(expected.length);
      expect(res.bytes.toString('utf8')).toBe(expected);
    } finally {
      await uncached.close();
    }
  });
});

describe('compression of API responses', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
  ])('JSON is sent %s-compressed when the client accepts it, and decodes to the same JSON', async (accept, expected) => {
    const id = await importedSitting();
    const plain = await t.inject({ method: 'GET', url: `/api/sittings/${id}` });
    const packed = await t.inject({ method: 'GET', url: `/api/sittings/${id}`, headers: { 'accept-encoding': accept } });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe(expected);
    expect(packed.headers.vary).toMatch(/accept-encoding/iu);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(decoded(packed).toString('utf8'))).toEqual(plain.json());
  });

  it('JSON is sent as it is when the client does not ask for compression, or asks for identity', async () => {
    const id = await importedSitting();
    for (const headers of [{}, { 'accept-encoding': 'identity' }]) {
      const res = await t.inject({ method: 'GET', url: `/api/sittings/${id}`, headers });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.json()).toMatchObject({ id });
    }
  });

  it('a cached read picks the encoding the compression plugin picks for the same request, and decodes to the same JSON', async () => {
    const uncached = await testApp('admin', { readCache: false });
    try {
      const ids = [await importedSitting(), (await uncached.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id];
      const asks: Array<Record<string, string>> = [
        { 'accept-encoding': 'br;q=0, gzip' },
        { 'accept-encoding': 'gzip;q=0.5, br;q=0.4' },
        { 'accept-encoding': 'BR' },
        { 'accept-encoding': '*' },
        { 'accept-encoding': 'x-gzip' },
        { 'accept-encoding': 'deflate' },
        { 'accept-encoding': 'br', 'x-no-compression': '1' },
      ];
      for (const headers of asks) {
        const [cached, plain] = [
          await t.inject({ method: 'GET', url: `/api/sittings/${ids[0]}`, headers }),
          await uncached.inject({ method: 'GET', url: `/api/sittings/${ids[1]}`, headers }),
        ];
        expect(cached.headers.etag, 'from the cache').toBeDefined();
        expect(plain.headers.etag, 'not from the cache').toBeUndefined();
        const what = JSON.stringify(headers);
        expect(cached.headers['content-encoding'], what).toBe(plain.headers['content-encoding']);
        expect(cached.headers.vary, what).toBe(plain.headers.vary);
        expect(Number(cached.headers['content-length']), what).toBe(cached.rawPayload.length);
        const json = JSON.parse(decoded(cached).toString('utf8')) as { id: number };
        expect(json, what).toEqual((await t.inject({ method: 'GET', url: `/api/sittings/${ids[0]}` })).json());
      }
    } finally {
      await uncached.close();
    }
  });

  it('a cached view is serialized once, and compressed once in each encoding asked for', () => {
    const calls: string[] = [];
    const view = { id: 1, text: 'Rancāne '.repeat(300) };
    const serialize = (body: object) => {
      calls.push('serialize');
      return JSON.stringify(body);
    };
    const bytes = bytesOfView(view, serialize);
    expect(bytesOfView(view, serialize)).toBe(bytes);
    expect(bytesOfView({ ...view }, serialize)).not.toBe(bytes);
    const counted = new EncodedBody(bytes.identity, (input, encoding) => {
      calls.push(encoding);
      return Buffer.from(`${encoding}:${input.length}`);
    });
    for (let i = 0; i < 3; i++)
      for (const encoding of ['br', 'gzip'] as const) expect(counted.in(encoding).toString()).toBe(`${encoding}:${bytes.identity.length}`);
    expect(calls).toEqual(['serialize', 'serialize', 'br', 'gzip']);
    expect(brotliDecompressSync(bytes.in('br')).equals(bytes.identity)).toBe(true);
    expect(gunzipSync(bytes.in('gzip')).equals(bytes.identity)).toBe(true);
  });

  it('a DOCX download is never compressed again and still opens', async () => {
    const id = await importedSitting();
    const res = await t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(await docxText(res.rawPayload)).toContain('SĒDES PROTOKOLS');
  });

  it('the signed minutes, compressed or not, decode to exactly the bytes whose SHA-256 the x-content-sha256 header gives', async () => {
    const id = await importedSitting();
    const { version } = (await t.call({ method: 'GET', url: `/api/sittings/${id}` })).body;
    const signed = await t.call({ method: 'POST', url: `/api/sittings/${id}/sign`, payload: { version } });
    expect(signed.status).toBe(200);
    const checked: string[] = [];
    for (const file of ['minutes.docx', 'minutes.html', 'minutes.docx?version=public', 'minutes.html?version=public']) {
      for (const accept of ['br', 'gzip', 'identity']) {
        const res = await t.inject({ method: 'GET', url: `/api/sittings/${id}/${file}`, headers: { 'accept-encoding': accept } });
        expect(res.statusCode).toBe(200);
        const header = res.headers['x-content-sha256'];
        if (file.startsWith('minutes.docx')) expect(header).toMatch(/^[0-9a-f]{64}$/u);
        if (typeof header === 'string') {
          expect(sha(decoded(res)), `${file} ${accept}`).toBe(header);
          checked.push(`${file} ${accept} ${res.headers['content-encoding'] ?? 'identity'}`);
        }
      }
    }
    expect(checked).toContain('minutes.docx br identity');
    expect(sha(decoded(await t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx` })))).toBe(signed.body.sha256Full);
  });
});

describe('the front end: compressed, and cached by content-hashed names', () => {
  let bundle: string;
  let styles: string;
  beforeAll(async () => ({ bundle, styles } = await buildWeb()), 60_000);

  it('the page names the bundle and the styles by their content hash, and the build leaves no other bundle behind', async () => {
    expect(bundle).toMatch(/^app\.[0-9a-f]{10}\.js$/u);
    expect(styles).toMatch(/^styles\.[0-9a-f]{10}\.css$/u);
    const page = await t.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain(`<script type="module" src="/${bundle}"></script>`);
    expect(page.body).toContain(`<link rel="stylesheet" href="/${styles}" />`);
    const served = await t.inject({ method: 'GET', url: `/${bundle}` });
    expect(createHash('sha256').update(served.rawPayload).digest('hex').slice(0, 10)).toBe(bundle.split('.')[1]);
    expect(readdirSync(FRONT_END_DIR).filter((name) => /^app\..*\.js$/u.test(name))).toEqual([bundle]);
  });

  it('the hashed bundle and styles are kept for a year without asking again; the page and the icon are asked again (no-cache)', async () => {
    for (const url of [`/${bundle}`, `/${styles}`]) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    for (const url of ['/', '/index.html', '/favicon.svg']) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('the API keeps its own cache headers', async () => {
    const id = await importedSitting();
    const docx = await t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx`, headers: { 'accept-encoding': 'br' } });
    expect(docx.headers['cache-control']).toBe('no-store');
    const json = await t.inject({ method: 'GET', url: `/api/sittings/${id}`, headers: { 'accept-encoding': 'br' } });
    expect(json.headers['cache-control'] ?? '').not.toMatch(/immutable|max-age=[1-9]/u);
  });

  it.each(['br', 'gzip'])(
    'the bundle, styles and page are sent %s-compressed when accepted, decoding to the very file',
    async (encoding) => {
      for (const url of [`/${bundle}`, `/${styles}`, '/']) {
        const plain = await t.inject({ method: 'GET', url });
        const packed = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
        expect(plain.headers['content-encoding'], url).toBeUndefined();
        expect(packed.headers['content-encoding'], url).toBe(encoding);
        expect(packed.headers.vary, url).toMatch(/accept-encoding/iu);
        expect(packed.headers['content-type'], url).toBe(plain.headers['content-type']);
        expect(packed.rawPayload.length, url).toBeLessThan(plain.rawPayload.length / 2);
        expect(decoded(packed).equals(plain.rawPayload), url).toBe(true);
      }
    },
  );

  it('a bundle name that is not the current build is not found', async () => {
    const stale = bundle.replace(/\.[0-9a-f]{10}\./u, '.0000000000.');
    expect((await t.inject({ method: 'GET', url: `/${stale}` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/${bundle}.br` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/app.js' })).statusCode).toBe(404);
  });
});
