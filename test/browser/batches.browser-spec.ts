import { Browser, Page } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium, Violation, violations } from '../support/browser';
import { addCustomer, Customer, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';

// In Chromium with the pages' Content-Security-Policy in force: processor staff open the batch form
// from the board, tick two contracts and file; the batch page's script polls the progress and shows
// the reports once the batch is done. A refused form (German) shows its errors. Every page passes
// axe-core (WCAG 2.1 AA).
describe('batch pages in Chromium: form, live progress and result', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;
  let customers: Customer[];

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t, { subProcessors: [{ name: 'Mailer Cloud Ltd' }] });
    customers = [await addCustomer(t, tenant), await addCustomer(t, tenant)];
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function signIn(email: string, locale: 'en' | 'de'): Promise<Page> {
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: tenant.processorSlug, email, role: 'processor_staff', password: PASSWORD, locale }, CLI_ACTOR);
    const context = await browser.newContext({ locale: locale === 'de' ? 'de-DE' : 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form[action="/login"] button').click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('files for two ticked contracts and follows the progress until the reports are listed (English)', async () => {
    const page = await signIn(`batch-en-${tenant.processorSlug}@processor.example`, 'en');
    const found: Record<string, Violation[]> = {};
    await page.getByRole('link', { name: 'Report one breach for many contracts' }).click();
    await page.waitForURL(`${base}/incidents/batches/new`);
    found.form = await violations(page);

    await page.getByLabel('The contracts ticked in the list below').check();
    for (const c of customers) await page.locator(`input[name="contracts"][value="${c.contractId}"]`).check();
    await page.locator('#title').fill('Mailer breach');
    await page.locator('#description').fill('An attacker copied the mailing lists of every customer.');
    const twoDaysAgo = new Date(t.clock.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('#discoveredAt').fill(`${twoDaysAgo}T10:00`);
    await page.getByRole('button', { name: 'File for these contracts' }).click();
    await page.waitForURL(/\/incidents\/batches\/[0-9a-f-]{36}$/);
    const live = page.locator('#batch-progress [aria-live="polite"]');
    await expect(live.textContent()).resolves.toContain('0 of 2 reports filed, 0 failed.');
    found.waiting = await violations(page);

    // The runner files the batch; the page's script sees it within its 2-second poll and loads the result.
    expect(await t.get(IncidentBatchRunner).runPending()).toBe(1);
    await page.getByRole('link', { name: 'All reports of this batch' }).waitFor();
    await expect(live.textContent()).resolves.toContain('2 of 2 reports filed, 0 failed.');
    expect(await page.locator('ul a[href^="/incidents/"]').count()).toBe(2);
    found.done = await violations(page);
    await page.getByRole('link', { name: 'All reports of this batch' }).click();
    found.reports = await violations(page);
    expect(found).toEqual({ form: [], waiting: [], done: [], reports: [] });
  });

  it('shows a refused form with its errors next to the fields, nothing filed (German)', async () => {
    const page = await signIn(`batch-de-${tenant.processorSlug}@processor.example`, 'de');
    await page.goto(`${base}/incidents/batches/new`);
    await page.getByLabel('Die in der Liste unten angekreuzten Verträge').check();
    await page.locator('#title').fill('Nur ein Titel');
    await page.locator('#description').fill('Beschreibung');
    await page.locator('#discoveredAt').fill('2020-01-01T10:00');
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM incident_batch'))[0].n;
    await page.getByRole('button', { name: 'Für diese Verträge melden' }).click();
    await page.locator('#scope-error').waitFor();
    expect(await page.locator('[role="alert"]').textContent()).toContain('Für welche Verträge');
    expect(await page.locator('#scope').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#title').inputValue()).toBe('Nur ein Titel');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM incident_batch'))[0].n).toBe(before);
    expect(await violations(page)).toEqual([]);
  });

  it('saves a draft, keeps ticks through the filter, edits and submits it, then sends follow-up facts to every report (English)', async () => {
    const page = await signIn(`batch-draft-${tenant.processorSlug}@processor.example`, 'en');
    const found: Record<string, Violation[]> = {};
    await page.goto(`${base}/incidents/batches/new`);
    await page.getByLabel('The contracts ticked in the list below').check();
    await page.locator(`input[name="contracts"][value="${customers[0].contractId}"]`).check();
    await page.locator('#title').fill('Mailer breach (draft)');
    // The filter narrows the list to the other customer; the tick of the first travels along.
    const reference = (await t.dataSource.query('SELECT reference FROM contract WHERE id = $1', [customers[1].contractId]))[0].reference;
    await page.locator('#q').fill(reference);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.locator(`input[type="checkbox"][value="${customers[1].contractId}"]`).waitFor();
    expect(await page.locator(`input[type="hidden"][name="contracts"][value="${customers[0].contractId}"]`).count()).toBe(1);
    expect(await page.locator('#title').inputValue()).toBe('Mailer breach (draft)');
    await page.locator(`input[name="contracts"][value="${customers[1].contractId}"]`).check();
    await page.locator('#description').fill('An attacker copied the mailing lists of every customer.');
    const twoDaysAgo = new Date(t.clock.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('#discoveredAt').fill(`${twoDaysAgo}T10:00`);
    found.filtered = await violations(page);
    await page.getByLabel('Save as a draft (visible to your organization only)').check();
    await page.getByRole('button', { name: 'File for these contracts' }).click();
    await page.waitForURL(/\/incidents\/batches\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Draft: breach for many contracts' }).waitFor();
    expect(await page.textContent('main')).toContain('Contracts its selection names today: 2');
    found.draft = await violations(page);

    await page.getByRole('link', { name: 'Edit the draft' }).click();
    await page.getByRole('heading', { name: 'Edit the draft batch' }).waitFor();
    expect(await page.locator('#title').inputValue()).toBe('Mailer breach (draft)');
    found.edit = await violations(page);
    await page.locator('#title').fill('Mailer breach');
    await page.getByRole('button', { name: 'File for these contracts now' }).click();
    await page.waitForURL(/\/incidents\/batches\/[0-9a-f-]{36}$/);
    expect(await t.get(IncidentBatchRunner).runPending()).toBe(1);
    await page.getByRole('link', { name: 'All reports of this batch' }).waitFor();

    await page.locator('#f-taken').fill('All API keys rotated.');
    await page.locator('form[action$="/facts"] button[type="submit"]').click();
    await page.getByText('Follow-up saved: 2 reports changed, 0 unchanged, 0 skipped.').waitFor();
    found.followedUp = await violations(page);
    const id = /\/incidents\/batches\/([0-9a-f-]{36})/.exec(page.url())![1];
    const rows = await t.dataSource.query('SELECT title, measures_taken FROM incident WHERE batch_id = $1', [id]);
    expect(rows).toEqual([
      { title: 'Mailer breach', measures_taken: 'All API keys rotated.' },
      { title: 'Mailer breach', measures_taken: 'All API keys rotated.' },
    ]);
    expect(found).toEqual({ filtered: [], draft: [], edit: [], followedUp: [] });
  });
});
