// The DOCX minutes are laid out on a worker thread: the event loop keeps answering while a long
// protocol renders, and the threads stop with the app.
import { readdirSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateLargeSitting } from '../../bench/fixtures/large-sitting.ts';
import { RENDER_NICENESS, docxPoolNow } from '../../server/minutes/docx-pool.ts';
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

  it.runIf(process.platform === 'linux')('the pool’s threads lay out at a lower priority than the event loop', async () => {
    const id = await importLarge();
    const before = threadsAt(RENDER_NICENESS);
    let done = false;
    const docx = t.inject({ method: 'GET', url: `/api/sittings/${id}/minutes.docx` }).finally(() => (done = true));
    await untilRendering();
    // A new thread lowers its priority as it starts, before it takes its first task.
    let during = 0;
    while (!done && (during = threadsAt(RENDER_NICENESS)) === 0) await nextTurn();
    expect((await docx).statusCode).toBe(200);
    expect(before).toBe(0);
    expect(during).toBe((await docxPoolNow()).pool?.threads.length);
    expect(niceOf('self')).toBe(0);
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

/** The nice value of one of this process's threads ('self': the one asking), from /proc. */
function niceOf(task: string): number {
  const stat = readFileSync(task === 'self' ? '/proc/thread-self/stat' : `/proc/self/task/${task}/stat`, 'utf8');
  // After the command's name in parentheses: state is field 3, nice field 19.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** How many of this process's threads run at `nice`. */
function threadsAt(nice: number): number {
  return readdirSync('/proc/self/task').filter((task) => niceOf(task) === nice).length;
}
