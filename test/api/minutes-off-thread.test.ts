// The DOCX minutes are laid out on a worker thread: the event loop keeps answering while a long
// protocol renders, and the threads stop with the app.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateLargeSitting } from '../../bench/fixtures/large-sitting.ts';
import { docxPoolNow } from '../../server/minutes/docx-pool.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { nr7 } from '../support/reference.ts';
import { docxText } from '../minutes/helpers.ts';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

async function importLarge(): Promise<number> {
  const { status, body } = await t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: generateLargeSitting() });
  expect(status).toBe(201);
  return body.id;
}

/** Waits, turn by turn of the event loop, until the pool has a rendering in hand. */
async function untilRendering(): Promise<void> {
  for (let turn = 0; turn < 100_000; turn++) {
    if ((await docxPoolNow()).rendering > 0) return;
    await nextTurn();
  }
  throw new Error('no rendering reached the pool');
}

describe('the DOCX minutes off the event loop', () => {
  it('a request made while the 40-item protocol renders is answered before the rendering ends', async () => {
    const id = await importLarge();
    const finished: string[] = [];
    const docx = t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx` }).then((res) => {
      finished.push('minutes.docx');
      return res;
    });
    await untilRendering();
    const me = await t.inject({ method: 'GET', url: '/api/me' });
    finished.push('/api/me');
    const file = await docx;
    expect([me.statusCode, file.statusCode]).toEqual([200, 200]);
    expect(finished).toEqual(['/api/me', 'minutes.docx']);
    expect(await docxText(file.rawPayload)).toContain('SĒDES PROTOKOLS');
  });

  it('the pool’s threads stop when the app closes', async () => {
    const { body } = await t.call<{ id: number }>({ method: 'POST', url: '/api/sittings/import', payload: nr7() });
    expect((await t.inject({ method: 'GET', url: `/api/sittings/${body.id}/minutes.docx` })).statusCode).toBe(200);
    const { pool } = await docxPoolNow();
    expect(pool?.threads.length).toBeGreaterThan(0);
    await t.app.close();
    expect(pool?.threads.length).toBe(0);
    expect((await docxPoolNow()).pool).toBeUndefined();
  });
});
