import { Browser, BrowserContext, Page } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { PasswordLinksService } from '../../src/identity/password-links.service';
import { Database } from '../../src/platform/database/database';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { Violation, violations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';

describe('accessibility of the pages in Chromium (WCAG 2.1 AA by axe-core, keyboard only)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;
  let incidentId: string;
  const users = { staff: '', dpo: '' };

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    const identity = t.get(IdentityService);
    users.staff = `a11y-staff-${tenant.processorSlug}@processor.example`;
    users.dpo = `a11y-dpo-${tenant.controllerSlug}@controller.example`;
    await identity.createUser(
      {
        organizationSlug: tenant.processorSlug,
        email: users.staff,
        role: 'processor_staff',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    await identity.createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email: users.dpo,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'de',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    // The authority clock starts when the controller learns of the breach, here when the report is
    // filed: file four reports at earlier instants so the board shows every colour band.
    const now = t.clock.now();
    const fileHoursAgo = async (hours: number): Promise<string> => {
      const at = new Date(now.getTime() - hours * 3_600_000);
      t.clock.set(at);
      const id = (
        await t.request('POST', '/api/v1/incidents', {
          token: tenant.processorToken,
          body: fullReport(tenant.contractId, at.toISOString()),
        })
      ).body.id as string;
      t.clock.set(now);
      return id;
    };
    incidentId = await fileHoursAgo(70); // two hours left: the urgent band
    await fileHoursAgo(80); // overdue
    await fileHoursAgo(50); // ≤ 24 h
    await fileHoursAgo(1); // > 24 h
    await t.request('PUT', `/api/v1/incidents/${incidentId}/assessment`, {
      token: tenant.dpoToken,
      body: {
        dataCategories: [{ category: 'financial' }],
        easeOfIdentification: 'maximum',
        confidentiality: 'unknown_recipients',
        integrity: 'not_affected',
        availability: 'not_affected',
        maliciousIntent: false,
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function context(): Promise<BrowserContext> {
    return browser.newContext({ locale: 'de-DE', bypassCSP: true });
  }

  // Keyboard only: the skip link comes first, then the fields in order, Enter submits.
  async function signInByKeyboard(page: Page, email: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Zum Inhalt springen');
    await page.keyboard.press('Tab'); // the brand link in the navigation
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
  }

  it('the checker itself sees violations where there are some (an unlabelled field, grey on grey)', async () => {
    const page = await (await context()).newPage();
    await page.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><input id="x"><p style="color:#aaa;background:#bbb">faint</p></main></html>',
    );
    expect((await violations(page)).map((v) => v.id).sort()).toEqual(['color-contrast', 'label']);
  });

  it('finds no WCAG 2.1 A/AA violation on any page a DPO uses, every colour band included', async () => {
    const page = await (await context()).newPage();
    await page.goto(`${base}/login`);
    const found: Record<string, Violation[]> = { login: await violations(page) };
    await signInByKeyboard(page, users.dpo);
    for (const band of ['overdue', 'urgent', 'soon', 'ok']) expect(await page.locator(`tr.band-${band}`).count()).toBeGreaterThan(0);
    found.board = await violations(page);
    for (const path of [
      `/incidents/${incidentId}`,
      '/register',
      '/authorities?q=Hessen',
      `/incidents/${incidentId}/drafts/authority?lang=de`,
      '/incidents/new',
      '/settings',
    ]) {
      await page.goto(`${base}${path}`);
      found[path] = await violations(page);
    }
    // A decision refused for want of reasons: the page again, the error next to its field.
    await page.goto(`${base}/incidents/${incidentId}`);
    await page.locator('#d-authority input[value="false"]').check();
    await page.locator('form[action$="/decision"] button[type="submit"]').click();
    await page.locator('#authorityReason-error').waitFor();
    found.decisionErrors = await violations(page);
    expect(found).toEqual({
      login: [],
      board: [],
      [`/incidents/${incidentId}`]: [],
      '/register': [],
      '/authorities?q=Hessen': [],
      [`/incidents/${incidentId}/drafts/authority?lang=de`]: [],
      '/incidents/new': [],
      '/settings': [],
      decisionErrors: [],
    });
  });

  it('finds none on the pages of processor staff either, the intake form with its errors included', async () => {
    const page = await (await context()).newPage();
    await signInByKeyboard(page, users.staff);
    const found: Record<string, Violation[]> = { board: await violations(page) };
    await page.goto(`${base}/incidents/new`);
    found.intake = await violations(page);
    // The browser's own checks stop an empty form; without them (old browsers, assistive tools) the
    // server lists the errors next to their fields.
    await page.evaluate("document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required'))");
    await page.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('alert').waitFor();
    found.intakeErrors = await violations(page);
    await page.goto(`${base}/incidents/${incidentId}`);
    found.incident = await violations(page);
    expect(found).toEqual({ board: [], intake: [], intakeErrors: [], incident: [] });
  });

  it('finds none on the administration and password pages (German), with errors and a token just made', async () => {
    const identity = t.get(IdentityService);
    const adminEmail = `a11y-admin-${tenant.controllerSlug}@controller.example`;
    const admin = await identity.createUser(
      {
        organizationSlug: tenant.controllerSlug,
        email: adminEmail,
        role: 'org_admin',
        password: PASSWORD,
        locale: 'de',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    const page = await (await context()).newPage();
    await signInByKeyboard(page, adminEmail);
    const found: Record<string, Violation[]> = {};
    for (const path of ['/admin', '/admin/users', '/admin/tokens']) {
      await page.goto(`${base}${path}`);
      found[path] = await violations(page);
    }
    await page.locator('#name').fill('Ticketsystem');
    await page.locator('#expiresIn').fill('90d');
    await page.locator('form[action="/admin/tokens"] button').click();
    await page.locator('#new-token').waitFor();
    found.tokenMade = await violations(page);
    await page.locator('#expiresIn').fill('nie');
    await page.locator('form[action="/admin/tokens"] button').click();
    await page.locator('#expiresIn-error').waitFor();
    found.tokenErrors = await violations(page);
    await page.goto(`${base}/admin/users`);
    await page.evaluate("document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required'))");
    await page.locator('form[action="/admin/users"] button').click();
    await page.locator('#email-error').waitFor();
    found.inviteErrors = await violations(page);

    const signedOut = await (await context()).newPage();
    await signedOut.goto(`${base}/password/forgot`);
    found.forgot = await violations(signedOut);
    await signedOut.locator('#email').fill('niemand@controller.example');
    await signedOut.locator('form button').click();
    await signedOut.getByRole('status').waitFor();
    found.forgotSent = await violations(signedOut);
    const { token } = await t.get(Database).transaction((tx) => t.get(PasswordLinksService).issue(tx, admin, 'reset'));
    await signedOut.goto(`${base}/password/reset?token=${token}`);
    found.reset = await violations(signedOut);
    await signedOut.locator('#newPassword').fill('kurz');
    await signedOut.evaluate("document.querySelectorAll('[minlength]').forEach((e) => e.removeAttribute('minlength'))");
    await signedOut.locator('#confirmPassword').fill('kurz');
    await signedOut.locator('form button').click();
    await signedOut.locator('#newPassword-error').waitFor();
    found.resetErrors = await violations(signedOut);
    await signedOut.goto(`${base}/password/set?token=nothing`);
    found.linkInvalid = await violations(signedOut);
    expect(found).toEqual({
      '/admin': [],
      '/admin/users': [],
      '/admin/tokens': [],
      tokenMade: [],
      tokenErrors: [],
      inviteErrors: [],
      forgot: [],
      forgotSent: [],
      reset: [],
      resetErrors: [],
      linkInvalid: [],
    });
  });

  it('lets a DPO assess by keyboard alone: every control of the form is reachable with Tab and the form submits', async () => {
    const page = await (await context()).newPage();
    await signInByKeyboard(page, users.dpo);
    await page.goto(`${base}/incidents/${incidentId}`);
    await page.focus('#category');
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      reached.push(String(await page.evaluate('document.activeElement.name || document.activeElement.textContent')));
      await page.keyboard.press('Tab');
    }
    expect(reached).toEqual([
      'category',
      'score',
      'scoreReason',
      'easeOfIdentification',
      'confidentiality',
      'integrity',
      'availability',
      'maliciousIntent',
      'unintelligible',
      'recipientTrustedAndDeleted',
      'highRiskRemovedByMeasures',
      'Bewerten',
    ]);
    await page.focus('#availability');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // the last choice: permanently unavailable
    expect(await page.locator('#availability').inputValue()).toBe('permanent');
    await page.focus('button:has-text("Bewerten")');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/assessment') && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    const history = await t.request('GET', `/api/v1/incidents/${incidentId}/assessments`, { token: tenant.dpoToken });
    expect(history.body.assessments.map((a: { inputs: { availability: string } }) => a.inputs.availability)).toEqual([
      'not_affected',
      'permanent',
    ]);
  });
});
