// What no stored text may hold and how large a number may be, on every route and in the
// imported sitting document; and what the static root serves.
import { Type } from '@sinclair/typebox';
import { parse } from 'csv-parse/sync';
import Fastify from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { refuseUncheckedStrings } from '../../server/validation/text-keyword.ts';
import { snapshot, testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';

let t: TestApp;
let sittingId: number;
beforeEach(async () => {
  t = await testApp();
  sittingId = (await t.call({ method: 'POST', url: '/api/sittings/import', payload: nr7() })).body.id;
});
afterEach(async () => t.close());

/** Sends `json` exactly as written, so a `\ud800` escape reaches the server as JSON.parse makes it. */
const raw = (method: 'POST' | 'PATCH', url: string, json: string) =>
  t.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: json });

/** The request is refused with 400 naming `field`, and the database is as before. */
async function refused(send: () => Promise<{ statusCode: number; body: string }>, field: string | RegExp): Promise<string> {
  const before = await snapshot(t.db);
  const res = await send();
  expect(res.statusCode, res.body).toBe(400);
  const body = JSON.parse(res.body) as { field: string; message: string };
  if (typeof field === 'string') expect(body.field).toBe(field);
  else expect(body.field).toMatch(field);
  expect(body.message).toContain(`Lauks "${body.field}"`);
  expect(await snapshot(t.db)).toEqual(before);
  return body.message;
}

const sitting = async () => (await t.call({ method: 'GET', url: `/api/sittings/${sittingId}` })).body;

describe('text that no document may hold', () => {
  it('a lone surrogate sent as a \\ud800 escape is refused with 400 naming the field', async () => {
    const message = await refused(() => raw('POST', '/api/people', '{"fullName":"Anna \\ud800 Ozola"}'), 'fullName');
    expect(message).toContain('U+D800');
    await refused(() => raw('POST', `/api/sittings/${sittingId}/decisions`, '{"text":"Uzdot \\udc00 sagatavot"}'), 'text');
    const item = (await sitting()).agendaItems[1];
    await refused(
      () => raw('PATCH', `/api/agenda-items/${item.id}`, `{"version":${item.version},"proceedings":"Teksts \\ud83d beigas"}`),
      'proceedings',
    );
    await refused(
      () => raw('POST', `/api/sittings/${sittingId}/decisions`, '{"text":"x","owners":[{"name":"\\udfff"}]}'),
      'owners[0].name',
    );
  });

  it('a surrogate pair (a character outside the BMP) is kept', async () => {
    const res = await raw('POST', '/api/people', '{"fullName":"Anna Ozola \\ud835\\udd4f"}');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fullName).toBe('Anna Ozola 𝕏');
  });

  it('NUL and other control characters are refused; tab, newline and CR LF are kept', async () => {
    const item = (await sitting()).agendaItems[1];
    const patch = (proceedings: string) =>
      t.inject({ method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: item.version, proceedings } });
    expect(await refused(() => patch('pirms\u0000pēc'), 'proceedings')).toContain('U+0000');
    await refused(() => patch('zvans\u0007'), 'proceedings');
    await refused(() => patch('\u001b[31msarkans'), 'proceedings');
    await refused(
      () => t.inject({ method: 'POST', url: `/api/sittings/${sittingId}/agenda-items`, payload: { title: 'A\u000bB' } }),
      'title',
    );
    await refused(() => t.inject({ method: 'PATCH', url: '/api/group', payload: { version: 1, name: 'Grupa\u0001' } }), 'name');

    const kept = 'Pirmā rinda.\r\nOtrā rinda:\tar tabulāciju.\nTrešā.';
    const res = await patch(kept);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().proceedings).toBe(kept);
  });

  it('bidirectional controls are refused in names, positions, logins and file names, but kept in free text', async () => {
    const rlo = '\u202E';
    await refused(() => t.inject({ method: 'POST', url: '/api/people', payload: { fullName: `Anna ${rlo}alozO` } }), 'fullName');
    await refused(
      () => t.inject({ method: 'POST', url: '/api/people', payload: { fullName: 'Anna Ozola', shortNameOverride: `A.\u2066Ozola` } }),
      'shortNameOverride',
    );
    await refused(
      () => t.inject({ method: 'POST', url: '/api/people', payload: { fullName: 'Anna Ozola', position: `sociālā\u202Ddarbiniece` } }),
      'position',
    );
    await refused(
      () =>
        t.inject({
          method: 'POST',
          url: `/api/sittings/${sittingId}/attendance`,
          payload: { name: `Jānis ${rlo}Bērziņš`, role: 'invited' },
        }),
      'name',
    );
    await refused(
      () =>
        t.inject({
          method: 'POST',
          url: `/api/sittings/${sittingId}/decisions`,
          payload: { text: 'x', owners: [{ name: `I.${rlo}Kārkliņa` }] },
        }),
      'owners[0].name',
    );
    await refused(
      () =>
        t.inject({
          method: 'POST',
          url: '/api/users',
          payload: { login: `admin${rlo}`, password: 'pietiekami-gara-parole', role: 'member' },
        }),
      'login',
    );

    const text = `Citāts: \u2067شكرا\u2069 (pateicība arābu valodā).`;
    const res = await t.call({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text } });
    expect(res.status).toBe(201);
    expect(res.body.text).toBe(text);
  });

  it('query strings are checked like bodies', async () => {
    await refused(() => t.inject({ method: 'GET', url: '/api/search?q=ab%00cd' }), /q$/);
    await refused(() => t.inject({ method: 'GET', url: '/api/decisions?q=%1B' }), /q$/);
  });

  it('the imported sitting document gets the same checks, naming the field', async () => {
    const importing = (change: (doc: ReturnType<typeof nr7>) => void) => {
      const doc = nr7();
      doc.number = 8;
      change(doc);
      return () => t.inject({ method: 'POST', url: '/api/sittings/import', payload: doc });
    };
    await refused(
      importing((d) => void (d.members[0]!.name = 'Kristīne \u202EBerga')),
      'members[0].name',
    );
    await refused(
      importing((d) => void (d.members[1]!.position = 'vadītāja\u2068')),
      'members[1].position',
    );
    await refused(
      importing((d) => void (d.decisions[0]!.owners = ['E.\u202BRancāne'])),
      'decisions[0].owners[0]',
    );
    await refused(
      importing((d) => void (d.decisions[1]!.text = 'Uzdot\u0000')),
      'decisions[1].text',
    );
    await refused(
      importing((d) => void (d.agenda[0]!.title = 'Par\u001fvēstuli')),
      'agenda[0].title',
    );
    const doc = JSON.stringify({ ...nr7(), number: 8 }).replace('"Par vēstules', '"\\ud800Par vēstules');
    await refused(() => raw('POST', '/api/sittings/import', doc), 'agenda[0].title');
  });
});

describe('numbers have bounds', () => {
  it('a sitting number above 9,999 is refused, and the next sitting still gets the next number', async () => {
    const post = (payload: object) => t.call({ method: 'POST', url: '/api/sittings', payload });
    await refused(() => raw('POST', '/api/sittings', '{"date":"2025-09-08","number":1e308}'), 'number');
    await refused(() => t.inject({ method: 'POST', url: '/api/sittings', payload: { date: '2025-09-08', number: 10_000 } }), 'number');
    const next = await post({ date: '2025-09-08' });
    expect(next.status).toBe(201);
    expect(next.body.number).toBe(8);

    expect((await post({ date: '2025-10-08', number: 9_999 })).status).toBe(201);
    const exhausted = await post({ date: '2025-11-08' });
    expect(exhausted.status).toBe(409);
    expect(exhausted.body.field).toBe('number');
    await refused(
      () => t.inject({ method: 'PATCH', url: `/api/sittings/${next.body.id}`, payload: { version: next.body.version, number: 2 ** 31 } }),
      'number',
    );
  });

  it('ids, versions, positions and numbers above 2,147,483,647 are refused with 400', async () => {
    const s = await sitting();
    const [item] = s.agendaItems;
    const [decision] = s.decisions;
    const big = 2 ** 31;
    await refused(
      () => t.inject({ method: 'PATCH', url: `/api/agenda-items/${item.id}`, payload: { version: big, title: 'X' } }),
      'version',
    );
    await refused(
      () => t.inject({ method: 'POST', url: `/api/agenda-items/${item.id}/move`, payload: { version: item.version, to: 1e308 } }),
      'to',
    );
    await refused(
      () => t.inject({ method: 'POST', url: `/api/sittings/${sittingId}/agenda-items`, payload: { title: 'X', position: big } }),
      'position',
    );
    await refused(
      () => t.inject({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'X', number: big } }),
      'number',
    );
    await refused(
      () => t.inject({ method: 'POST', url: `/api/sittings/${sittingId}/decisions`, payload: { text: 'X', owners: [{ personId: big }] } }),
      /owners\[0\]/,
    );
    await refused(
      () => t.inject({ method: 'POST', url: `/api/sittings/${sittingId}/attendance`, payload: { personId: big, role: 'member' } }),
      'personId',
    );
    await refused(
      () => t.inject({ method: 'PATCH', url: `/api/sittings/${sittingId}`, payload: { version: s.version, chairId: big } }),
      'chairId',
    );
    await refused(() => t.inject({ method: 'DELETE', url: `/api/decisions/${decision.id}?version=${big}` }), /version$/);
    await refused(() => t.inject({ method: 'GET', url: `/api/people/${big}` }), /id$/);
    await refused(() => t.inject({ method: 'GET', url: `/api/decisions?after=${big}` }), /after$/);
    await refused(() => t.inject({ method: 'GET', url: '/api/decisions?sitting=1e308' }), /sitting$/);
  });

  it('the imported document: sitting number, reviewed sitting and decision, agenda item', async () => {
    const importing = (change: (doc: ReturnType<typeof nr7>) => void) => {
      const doc = nr7();
      change(doc);
      return () => t.inject({ method: 'POST', url: '/api/sittings/import', payload: doc });
    };
    await refused(() => raw('POST', '/api/sittings/import', JSON.stringify(nr7()).replace('"number":7', '"number":1e308')), 'number');
    await refused(
      importing((d) => void (d.number = 10_000)),
      'number',
    );
    await refused(
      importing((d) => void (d.decisions[0]!.agendaItem = 2 ** 31)),
      'decisions[0].agendaItem',
    );
    const review = { decision: 1, status: 'done' as const };
    await refused(
      importing((d) => Object.assign(d, { number: 8, reviews: [{ ...review, sitting: 10_000 }] })),
      'reviews[0].sitting',
    );
    await refused(
      importing((d) => Object.assign(d, { number: 8, reviews: [{ ...review, sitting: 7, decision: 2 ** 31 }] })),
      'reviews[0].decision',
    );
  });
});

describe('the register CSV runs no formulas in Excel', () => {
  it('a cell starting with = + - @ tab or CR gets a leading apostrophe, and reads back whole', async () => {
    const texts = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'Divas rindas:\r\n=otrā'];
    for (const text of texts) {
      const res = await t.call({
        method: 'POST',
        url: `/api/sittings/${sittingId}/decisions`,
        payload: { text, owners: [{ name: '=Ozola' }] },
      });
      expect(res.status, text).toBe(201);
    }
    const csv = await t.inject({ method: 'GET', url: '/api/decisions.csv' });
    expect(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(csv.body).toContain('\r\n');
    const rows: string[][] = parse(csv.rawPayload.toString('utf8'), { delimiter: ';', bom: true });
    const cells = rows.map((r) => r[2]);
    expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
    for (const text of texts.slice(1, -1)) expect(cells).toContain(`'${text}`);
    expect(cells).toContain('Divas rindas:\r\n=otrā');
    expect(rows.filter((r) => r[3] === "'=Ozola")).toHaveLength(texts.length);
    expect(rows.every((r) => r.length === 8)).toBe(true);
  });
});

describe('every route checks its strings', () => {
  it('a route whose schema accepts a string without the text check does not start', async () => {
    const app = Fastify();
    app.addHook('onRoute', refuseUncheckedStrings);
    expect(() => app.post('/x', { schema: { body: Type.Object({ note: Type.Optional(Type.Array(Type.String())) }) } }, () => null)).toThrow(
      /body\.note\[\] without the textSafety check/,
    );
    await app.close();
  });
});

describe('the static root serves only the built front end', () => {
  let built: { bundle: string; styles: string };
  beforeAll(async () => void (built = await buildWeb()), 60_000);

  it('the page, its bundle, styles and icon are served', async () => {
    for (const url of ['/', '/index.html', `/${built.bundle}`, `/${built.styles}`, '/favicon.svg']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain(`src="/${built.bundle}"`);
  });

  it('sources, configuration and notes beside it are not', async () => {
    for (const url of [
      '/README.md',
      '/tsconfig.json',
      '/src/main.ts',
      '/src/api.ts',
      '/../package.json',
      '/%2e%2e/package.json',
      '/dist/',
      '/src/',
      '/web/index.html',
      '/index.html.br',
      '/BUILD',
      '/server/main.js',
      '/app.js',
      '/styles.css',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('compilerOptions');
    }
  });
});
