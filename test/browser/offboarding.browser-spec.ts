import * as fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { checkArchive } from '../../src/offboarding/domain/organization-archive';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium, Violation, violations } from '../support/browser';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';

// In Chromium: an org admin downloads the organization's archive from /admin/offboarding (English),
// another deletes their organization in two steps (German): a wrong slug keeps everything and puts
// the focus on the field with its message; the right one ends with the goodbye page, signed out.
// Every page passes axe-core (WCAG 2.1 AA).
describe('offboarding page in Chromium: export download and two-step deletion', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, t.clock.now().toISOString()),
    });
    expect(filed.status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function signIn(slug: string, email: string, locale: 'en' | 'de'): Promise<Page> {
    await t.get(IdentityService).createUser({ organizationSlug: slug, email, role: 'org_admin', password: PASSWORD, locale }, CLI_ACTOR);
    const context = await browser.newContext({ locale: locale === 'de' ? 'de-DE' : 'en-GB', bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form[action="/login"] button').click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('downloads an archive the verifier accepts (English)', async () => {
    const page = await signIn(tenant.controllerSlug, `export-${tenant.controllerSlug}@controller.example`, 'en');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Export and delete' }).first().click();
    await page.waitForURL(`${base}/admin/offboarding`);
    const found: Record<string, Violation[]> = { page: await violations(page) };
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the archive' }).click(),
    ]);
    const day = t.clock.now().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`breachclock-${tenant.controllerSlug}-${day}.json`);
    const check = checkArchive(fs.readFileSync((await download.path())!, 'utf8'));
    expect(check.ok).toBe(true);
    expect(check.sections.find((s) => s.name === 'incidents')?.rows).toBe(1);
    // The page stays where it was.
    expect(new URL(page.url()).pathname).toBe('/admin/offboarding');
    await page.getByRole('link', { name: 'Continue to deletion' }).click();
    await page.waitForURL(`${base}/admin/offboarding/delete`);
    found.confirm = await violations(page);
    expect(found).toEqual({ page: [], confirm: [] });
  }, 60_000);

  it('deletes nothing for a wrong slug, then deletes with the right one and says goodbye (German)', async () => {
    const leaving = await makeTenant(t);
    const page = await signIn(leaving.processorSlug, `chefin-${leaving.processorSlug}@processor.example`, 'de');
    await page.goto(`${base}/admin/offboarding`);
    const found: Record<string, Violation[]> = { page: await violations(page) };
    expect(await page.getByRole('heading', { level: 3, name: 'Was bleibt' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Weiter zur Löschung' }).click();
    await page.waitForURL(`${base}/admin/offboarding/delete`);

    const field = page.getByLabel('Kurzname der Organisation');
    await field.fill(`${leaving.processorSlug}-falsch`);
    await page.getByRole('button', { name: 'Organisation endgültig löschen' }).click();
    await page.locator('#confirm-error').waitFor();
    expect(await page.locator('#confirm-error').textContent()).toBe(
      'Das ist nicht der Kurzname Ihrer Organisation. Es wurde nichts gelöscht.',
    );
    expect(await page.evaluate('document.activeElement.id')).toBe('confirm');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe(`${leaving.processorSlug}-falsch`);
    found.wrong = await violations(page);
    expect(await t.dataSource.query('SELECT slug FROM organization WHERE id = $1', [leaving.processorId])).toEqual([
      { slug: leaving.processorSlug },
    ]);

    await field.fill(leaving.processorSlug);
    await page.getByRole('button', { name: 'Organisation endgültig löschen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation gelöscht' }).waitFor();
    found.goodbye = await violations(page);
    expect(await t.dataSource.query('SELECT slug FROM organization WHERE id = $1', [leaving.processorId])).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(found).toEqual({ page: [], wrong: [], goodbye: [] });
  }, 60_000);
});
