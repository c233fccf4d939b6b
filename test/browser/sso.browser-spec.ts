import { Browser } from 'playwright-core';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium, violations } from '../support/browser';
import { makeTenant, Tenant } from '../support/factories';
import { freePort, TestOidcProvider } from '../support/oidc';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

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
      expect(await violations(page)).toEqual([]);
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
