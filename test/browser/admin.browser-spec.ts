import { Browser } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium } from '../support/browser';
import { makeTenant, Tenant } from '../support/factories';
import { TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';
const COLLEAGUE_PASSWORD = 'the colleague chose this one';

// In Chromium, as the README's quick start tells it: an org admin adds a colleague on /admin, the
// colleague sets a password through the invitation mail (received by a real SMTP server), signs in
// and makes an API token on the page, which works on the API; deactivated, the colleague is out.
describe('administration in Chromium: adding a colleague and a token', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;
  let adminEmail: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()), env: { SMTP_URL: smtp.url } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    adminEmail = `chief-${tenant.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser(
        { organizationSlug: tenant.controllerSlug, email: adminEmail, role: 'org_admin', password: PASSWORD, locale: 'en' },
        CLI_ACTOR,
      );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await smtp.stop();
  });

  it('adds a colleague who sets a password, signs in and makes a working token; deactivating ends it', async () => {
    const colleague = `colleague-${tenant.controllerSlug}@controller.example`;
    const adminPage = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    adminPage.setDefaultTimeout(10_000);
    await adminPage.goto(`${base}/login`);
    await adminPage.getByLabel('E-mail address').fill(adminEmail);
    await adminPage.getByLabel('Password').fill(PASSWORD);
    await adminPage.getByRole('button', { name: 'Sign in' }).click();
    await adminPage.waitForURL(`${base}/`);
    await adminPage.getByRole('link', { name: 'Administration' }).click();
    await adminPage.getByRole('link', { name: 'Users' }).first().click();
    await adminPage.waitForURL(`${base}/admin/users`);
    const invite = adminPage.locator('form[action="/admin/users"]');
    await invite.getByLabel('E-mail address').fill(colleague);
    await invite.getByLabel('Role').selectOption('controller_dpo');
    await invite.getByLabel('Language').selectOption('en');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Invitation sent.' }).waitFor();
    expect(await adminPage.locator('tr', { hasText: colleague }).locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['Data protection officer', 'invited, no password yet']),
    );

    await smtp.waitFor(1);
    const mail = smtp.mails.find((m) => m.to.includes(colleague))!;
    const link = /https:\/\/breachclock\.test(\/password\/set\?token=\S+)/.exec(mail.text)![1];

    const theirs = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    theirs.setDefaultTimeout(10_000);
    await theirs.goto(`${base}${link}`);
    await theirs.getByLabel('New password (at least 12 characters)').fill(COLLEAGUE_PASSWORD);
    await theirs.getByLabel('New password again').fill(COLLEAGUE_PASSWORD);
    await theirs.getByRole('button', { name: 'Save password' }).click();
    await theirs.waitForURL(`${base}/login`);
    await theirs.getByLabel('E-mail address').fill(colleague);
    await theirs.getByLabel('Password').fill(COLLEAGUE_PASSWORD);
    await theirs.getByRole('button', { name: 'Sign in' }).click();
    await theirs.waitForURL(`${base}/`);

    await theirs.goto(`${base}/admin/tokens`);
    await theirs.getByLabel('Name').fill('ticket system');
    await theirs.getByLabel('Valid for').fill('90d');
    await theirs.getByRole('button', { name: 'Create token' }).click();
    const secret = await theirs.getByLabel('ticket system').inputValue();
    expect(secret).toMatch(/^bc_[A-Za-z0-9_-]{43}$/);
    expect((await t.request('GET', '/api/v1/incidents', { token: secret })).status).toBe(200);
    expect(await theirs.locator('tr', { hasText: 'ticket system' }).locator('td').first().textContent()).toBe('active');

    await adminPage.reload();
    await adminPage
      .locator('tr', { hasText: colleague })
      .getByRole('button', { name: `Deactivate ${colleague}` })
      .click();
    await adminPage.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await t.request('GET', '/api/v1/incidents', { token: secret })).status).toBe(401);
    await theirs.goto(`${base}/admin/tokens`);
    expect(new URL(theirs.url()).pathname).toBe('/login');
  }, 90_000);
});
