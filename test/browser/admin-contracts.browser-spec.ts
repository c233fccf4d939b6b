import { Browser } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium, violations } from '../support/browser';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';
const HEADER = 'controller_slug,controller_name,country,region,sector,dpo_name,dpo_email,reference,notice_hours';

// In Chromium: a processor's org admin imports contracts on /admin/contracts, sees every bad line of a
// refused file, then the imported contracts in the list; the page passes axe (WCAG 2.1 AA).
describe('contracts page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;
  let adminEmail: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    adminEmail = `admin-${tenant.processorSlug}@processor.example`;
    await t
      .get(IdentityService)
      .createUser(
        { organizationSlug: tenant.processorSlug, email: adminEmail, role: 'org_admin', password: PASSWORD, locale: 'en' },
        CLI_ACTOR,
      );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('imports a file after showing each bad line, lists and edits the contracts, accessibly', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB', bypassCSP: true })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail address').fill(adminEmail);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/admin`);
    await page.getByRole('link', { name: 'Contracts' }).first().click();
    await page.waitForURL(`${base}/admin/contracts`);
    expect(await violations(page)).toEqual([]);

    const s = tenant.processorSlug.slice(5);
    const bad = [
      HEADER,
      `new-${s},"Neu, GmbH",DE,,,Nina,nina-${s}@example.com,N-${s}-1,24`,
      `new-${s}-2,Zwei,DE,,,Zora,zora,N-${s}-2,0`,
    ].join('\n');
    await page.getByLabel('CSV content (or paste it here)').fill(bad);
    await page.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported.' });
    await alert.waitFor();
    expect(await alert.locator('tbody tr').allTextContents()).toEqual([
      '3dpo_emailis not an e-mail address',
      '3notice_hoursmust be a whole number of hours from 1 to 720 (empty: 24)',
    ]);
    expect(await violations(page)).toEqual([]);

    await page.getByLabel('CSV content (or paste it here)').fill(bad.replace(`zora,N-${s}-2,0`, `zora-${s}@example.com,N-${s}-2,12`));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 2 created, 0 updated, 0 unchanged, 2 controllers created.' }).waitFor();
    expect(
      await page
        .locator('tr', { hasText: `N-${s}-2` })
        .locator('td')
        .allTextContents(),
    ).toEqual(['Zwei', `Processor ${s} GmbH`, '12', '48h, 24h, 12h, 4h, 1h, 0h']);

    await page.getByRole('link', { name: `N-${s}-1` }).click();
    await page.getByLabel('Notice period (hours)').fill('6');
    await page.getByLabel('Sub-processors (one per line: name | address | service)').fill('Hosting AG | Berlin | servers');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.getByLabel('Notice period (hours)').inputValue()).toBe('6');
    expect(await violations(page)).toEqual([]);
    // The escalation is the controller's: disabled for the processor.
    expect(await page.getByLabel('Warnings before each deadline').isDisabled()).toBe(true);
  }, 90_000);
});
