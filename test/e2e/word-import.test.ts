// The secretary brings an old Word protocol in from the sittings screen, checks its doubts on
// the draft, confirms it as signed on paper, and marks the old decisions done in bulk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SittingDetail } from '../../web/src/types.ts';
import { variantProtocolDocx } from '../support/old-protocol-docx.ts';
import { go, openPage, ready, startHarness, type Harness } from './browser.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('importing old protocols in the browser', { timeout: 120_000 }, () => {
  it('a Word file becomes a draft with its doubts listed, then a record signed on paper; old decisions are marked done', async () => {
    const w = await openPage(h);
    const { page } = w;
    await go(page, `${h.url}/#/`);
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Importēt vecos protokolus no Word' }) });
    await card.locator('input[type=file]').setInputFiles({
      name: 'Protokols Nr.12.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await variantProtocolDocx(),
    });
    await card.getByRole('button', { name: 'Importēt no Word' }).click();
    await card.getByText('Sēde Nr. 12 importēta kā melnraksts.').waitFor();
    expect(await card.locator('ul.doubts li').allTextContents()).toEqual([expect.stringContaining('"R.Vītols" nav atrasts')]);

    await card.getByRole('link', { name: 'Pārbaudīt un apstiprināt' }).click();
    await ready(page);
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Sēde importēts no Word' }) });
    await panel.waitFor();
    expect(await panel.getByRole('link', { name: 'Protokols Nr.12.docx' }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Apstiprināt kā vēsturisku ierakstu' }).click();
    await page
      .getByRole('dialog', { name: 'Apstiprināt kā vēsturisku ierakstu?' })
      .getByRole('button', { name: 'Apstiprināt', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Sēde parakstīts papīra formā' }).waitFor();
    const id = Number(new URL(page.url()).hash.split('/')[2]);
    expect((await h.t.call<SittingDetail>({ method: 'GET', url: `/api/sittings/${id}` })).body.state).toBe('signed');

    await go(page, `${h.url}/#/`);
    await card.getByRole('button', { name: 'Atzīmēt kā izpildītus līdz datumam' }).click();
    await page
      .getByRole('dialog', { name: 'Atzīmēt vecos lēmumus kā izpildītus?' })
      .getByRole('button', { name: 'Atzīmēt', exact: true })
      .click();
    await card.getByText('Atzīmēti kā izpildīti: 5.').waitFor();
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
