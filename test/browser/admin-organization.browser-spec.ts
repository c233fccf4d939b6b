import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher.service';
import { launchChromium } from '../support/browser';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => String(n.target)).join(' ')))`)) as string[];
}

// In Chromium: an org admin edits the organization (German), a DPO reads it (English), the admin adds
// a webhook, sees its failed delivery and sends it again; axe-core finds no WCAG 2.1 A/AA violation
// on any state of the two pages, errors included.
describe('organization and webhooks pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;
  let receiver: http.Server;
  let hookUrl: string;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(500).end()));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tickets`;
    t = await startTestApp({
      clock: new TestClock(new SystemClock().now()),
      env: { WEBHOOK_ALLOW_PRIVATE: 'on', WEBHOOK_MAX_ATTEMPTS: '1' },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function signIn(role: 'org_admin' | 'controller_dpo', locale: 'de' | 'en'): Promise<Page> {
    const email = `${role.replace('_', '-')}-${locale}-${tenant.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser(
        { organizationSlug: tenant.controllerSlug, email, role, password: PASSWORD, locale, timeZone: 'Europe/Berlin' },
        CLI_ACTOR,
      );
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form[action="/login"] button').click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('edits the organization as its admin, shows it to a DPO read-only; no axe violation', async () => {
    const found: Record<string, string[]> = {};
    const admin = await signIn('org_admin', 'de');
    await admin.getByRole('link', { name: 'Verwaltung' }).click();
    await admin.getByRole('link', { name: 'Organisation' }).first().click();
    await admin.waitForURL(`${base}/admin/organization`);
    found.form = await violations(admin);

    await admin.getByLabel('Land (ISO-3166-1-Code)').fill('XX');
    await admin.getByRole('button', { name: 'Speichern' }).click();
    await admin.locator('#country-error').waitFor();
    expect(await admin.getByLabel('Land (ISO-3166-1-Code)').getAttribute('aria-invalid')).toBe('true');
    found.errors = await violations(admin);

    await admin.getByLabel('Land (ISO-3166-1-Code)').fill('DE');
    await admin.getByLabel('Einrichtung nach NIS2').selectOption('essential');
    await admin.getByLabel('Anbieter öffentlich zugänglicher Telekommunikationsdienste').check();
    await admin.getByLabel('Telefon').fill('+49 69 987654');
    await admin.getByRole('button', { name: 'Speichern' }).click();
    await admin.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
    found.saved = await violations(admin);
    const api = (await t.request('GET', '/api/v1/organization', { token: tenant.dpoToken })).body;
    expect([api.nis2, api.telecom, api.dpoPhone, api.country]).toEqual(['essential', true, '+49 69 987654', 'DE']);

    const dpo = await signIn('controller_dpo', 'en');
    await dpo.goto(`${base}/admin/organization`);
    expect(await dpo.locator('form[action="/admin/organization"]').count()).toBe(0);
    expect(await dpo.locator('dt', { hasText: 'Entity under NIS2' }).locator('xpath=following-sibling::dd[1]').textContent()).toBe(
      'essential entity',
    );
    found.readOnly = await violations(dpo);
    expect(found).toEqual({ form: [], errors: [], saved: [], readOnly: [] });
  }, 90_000);

  it('adds a webhook, shows its secret once and its failed delivery, sends it again and deletes it; no axe violation', async () => {
    const found: Record<string, string[]> = {};
    const admin = await signIn('org_admin', 'en');
    await admin.goto(`${base}/admin/webhooks`);
    found.empty = await violations(admin);

    await admin.getByLabel('Address (URL)').fill(hookUrl);
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    await admin.locator('#events-error').waitFor();
    found.errors = await violations(admin);

    await admin.getByLabel('incident.created').check();
    await admin.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await admin.getByLabel(`Signing secret for ${hookUrl}`).inputValue();
    expect(secret).toMatch(/^whsec_/);
    found.made = await violations(admin);

    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.dpoToken,
      body: { title: 'Backup exposed', nature: { description: 'A backup was reachable.' }, discoveredAt: t.clock.now().toISOString() },
    });
    expect(filed.status).toBe(201);
    expect(await t.get(WebhookDispatcher).dispatchDue(t.clock.now())).toMatchObject({ failed: 1 });
    await admin.goto(`${base}/admin/webhooks`);
    expect(await admin.locator('tr', { hasText: hookUrl }).first().locator('td').allTextContents()).toEqual([
      'incident.created',
      expect.any(String),
      expect.stringMatching(/^failed \(HTTP 500\), /),
      '1',
      expect.stringContaining(`Delete ${hookUrl}`),
    ]);
    found.failed = await violations(admin);
    await admin.getByRole('button', { name: /^Send again incident\.created/ }).click();
    await admin.getByRole('status').filter({ hasText: 'Delivery queued again.' }).waitFor();
    expect(await admin.getByText('No failed deliveries.').count()).toBe(1);
    await admin.getByRole('button', { name: `Delete ${hookUrl}` }).click();
    await admin.getByRole('status').filter({ hasText: 'Webhook deleted.' }).waitFor();
    expect(await admin.getByText('No webhooks yet.').count()).toBe(1);
    expect(found).toEqual({ empty: [], errors: [], made: [], failed: [] });
  }, 90_000);
});
