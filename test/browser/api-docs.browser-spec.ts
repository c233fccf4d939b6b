import { Browser } from 'playwright-core';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium } from '../support/browser';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

// The interactive API reference (/api/docs) in Chromium, under the app's Content-Security-Policy:
// it draws every operation and every schema of the document, contacts no other origin, breaks no CSP rule, and
// "Try it out" with an API token reaches the API.
describe('API reference in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every operation, loads only from this origin, and tries a request with a bearer token', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const origins = new Set<string>();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${base}/api/docs`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.opblock');
    const document = (await t.request('GET', '/api/v1/openapi.json')).body;
    const operations = Object.values<Record<string, unknown>>(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    // Every schema, in the document's order, and neither list virtualized (Swagger UI 5.33 would
    // otherwise keep only the rows near the viewport in the page; docs/decisions.md).
    const schemaTitles = page.locator(
      '.models .json-schema-2020-12[data-json-schema-level="0"] > .json-schema-2020-12-head .json-schema-2020-12__title',
    );
    expect(await schemaTitles.allInnerTexts()).toEqual(Object.keys(document.components.schemas));
    expect(await page.locator('.operations-virtual, .models--virtualized').count()).toBe(0);

    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .click();
    await page.locator('.modal-ux input[type=text]').first().fill(tenant.dpoToken);
    await page.locator('.modal-ux button.authorize').first().click();
    await page.locator('.modal-ux button.close-modal').click();
    const contracts = page.locator('#operations-Contracts-Contracts_list');
    await contracts.locator('.opblock-summary').click();
    await contracts.getByRole('button', { name: 'Try it out' }).click();
    await contracts.getByRole('button', { name: 'Execute' }).click();
    await contracts.locator('.live-responses-table tr.response .response-col_status').first().waitFor();
    expect((await contracts.locator('.live-responses-table tr.response .response-col_status').first().innerText()).trim()).toBe('200');
    expect(await contracts.locator('.live-responses-table .microlight').first().innerText()).toContain(tenant.contractId);

    expect(problems).toEqual([]);
    expect([...origins]).toEqual([base]);
    await page.close();
  }, 60_000);
});
