// The register is read a page at a time, like the audit trail: 100 decisions unless told (at most
// 1,000), the next page behind the Link header, and the CSV with every matching decision.
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historySittings } from '../../bench/fixtures/history.ts';
import { SYSTEM } from '../../server/services/audit.ts';
import { importSitting } from '../../server/services/interchange.ts';
import { testApp, type TestApp } from '../support/app.ts';

interface Entry {
  id: number;
  sittingNumber: number;
  number: number;
}

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  // Three sittings of 50 decisions: 150, a third of them without deadline or owner.
  for (const doc of historySittings(3, 50)) await importSitting(t.db, t.groupId, SYSTEM, doc);
});
afterEach(async () => t.close());

const next = (headers: Record<string, unknown>) => /^<([^>]+)>; rel="next"$/.exec(String(headers.link ?? ''))?.[1];

describe('GET /api/decisions pages by key', () => {
  it('gives 100 decisions unless told, newest sitting first, with a Link to the next page', async () => {
    const res = await t.call<Entry[]>({ method: 'GET', url: '/api/decisions' });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(100);
    expect(res.body.slice(0, 2).map((e) => `${e.sittingNumber}/${e.number}`)).toEqual(['3/1', '3/2']);
    const link = next((await t.inject({ method: 'GET', url: '/api/decisions' })).headers);
    expect(link).toBe(`/api/decisions?after=${res.body[99]!.id}`);
  });

  it('following the Link header visits every matching decision once, in order, and the last page has no Link', async () => {
    const all = (await t.call<Entry[]>({ method: 'GET', url: '/api/decisions?followedUp=true&limit=1000' })).body;
    expect(all).toHaveLength(99);
    const seen: Entry[] = [];
    let url: string | undefined = '/api/decisions?followedUp=true&limit=30';
    let pages = 0;
    while (url !== undefined) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      seen.push(...(res.json() as Entry[]));
      url = next(res.headers);
      if (url !== undefined) expect(url).toContain('followedUp=true');
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('a page that ends exactly at the last decision has no Link', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/decisions?sitting=1' });
    expect(res.json()).toHaveLength(50);
    expect(res.headers.link).toBeUndefined();
    const exact = await t.inject({ method: 'GET', url: '/api/decisions?sitting=1&limit=50' });
    expect(exact.json()).toHaveLength(50);
    expect(exact.headers.link).toBeUndefined();
  });

  it('refuses an unknown cursor, a limit over 1,000 and the old offset, naming the field in Latvian', async () => {
    const unknown = await t.call({ method: 'GET', url: '/api/decisions?after=999999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('after');
    expect(unknown.body.message).toMatch(/lapas sākums nav atrasts/);
    const notNumber = await t.call({ method: 'GET', url: '/api/decisions?after=abc' });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.field).toMatch(/after$/);
    const tooMany = await t.call({ method: 'GET', url: '/api/decisions?limit=1001' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.field).toMatch(/limit$/);
    expect(tooMany.body.message).toMatch(/ne vairāk kā 1000/);
    expect((await t.call({ method: 'GET', url: '/api/decisions?offset=100' })).status).toBe(400);
  });

  it('the CSV exports every matching decision, whatever page is asked for', async () => {
    const [first] = (await t.call<Entry[]>({ method: 'GET', url: '/api/decisions?limit=1' })).body;
    const res = await t.inject({ method: 'GET', url: `/api/decisions.csv?limit=10&after=${first!.id}` });
    expect(res.statusCode).toBe(200);
    const rows: string[][] = parse(res.rawPayload.toString('utf8'), { delimiter: ';', bom: true });
    expect(rows).toHaveLength(1 + 150);
  });
});
