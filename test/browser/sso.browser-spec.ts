import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium } from '../support/browser';
import { makeTenant, Tenant } from '../support/factories';
import { TestOidcProvider } from '../support/oidc';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// A port nothing listens on now (taken, then given back), for an app whose PUBLIC_URL must be known
// before it starts (the provider's redirect URI is made from it).
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// "Sign in with SSO" in Chromium: the button on the sign-in page (both languages, no WCAG 2.1 AA
// violation, reached by keyboard), through the real provider's sign-in form and back to the board.
describe('single sign-on in Chromium', () => {
  let provider: TestOidcProvider;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;

  beforeAll(async () => {
    base = `http://127.0.0.1:${await freePort()}`;
    provider = await new TestOidcProvider().start(`${base}/login/oidc/callback`);
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()), env: { PUBLIC_URL: base, ...provider.env() } });
    await t.app.listen({ port: Number(new URL(base).port), host: '127.0.0.1' });
    tenant = await makeTenant(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  it('shows the button in both languages without accessibility violations, and signs in through the provider by keyboard', async () => {
    for (const [locale, label] of [
      ['en-GB', 'Sign in with SSO'],
      ['de-DE', 'Mit SSO anmelden'],
    ]) {
      const page = await (await browser.newContext({ locale, bypassCSP: true })).newPage();
      await page.goto(`${base}/login`);
      expect(await page.getByRole('link', { name: label }).count()).toBe(1);
      await page.evaluate(AXE);
      const violations = await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id))`,
      );
      expect(violations).toEqual([]);
      await page.close();
    }

    provider.accounts.set('browser', {
      email: 'sso-browser@controller.example',
      breachclock_org: tenant.controllerSlug,
      breachclock_role: 'controller_dpo',
    });
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${base}/login`);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // the brand
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Sign in with SSO');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.fill('input[name="login"]', 'browser');
    await page.click('button');
    await page.waitForURL(`${base}/`);
    expect(await page.textContent('body')).toContain('sso-browser@controller.example');
    const cookies = await page.context().cookies(base);
    expect(cookies.find((c) => c.name === 'bc_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'bc_sso')).toBeUndefined();
  });
});
