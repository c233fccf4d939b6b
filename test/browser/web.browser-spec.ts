import { Browser, Page } from 'playwright-core';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { SystemClock } from '../../src/platform/clock/system-clock';
import { launchChromium } from '../support/browser';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'correct horse battery staple';

// The pages in a real browser (Debian's Chromium through playwright-core): a processor files a
// report through the form, the DPO finds it on the board, a second tenant sees nothing.
describe('web pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let tenant: Tenant;
  const users = { staff: '', dpo: '', stranger: '' };

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new SystemClock().now()) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    tenant = await makeTenant(t);
    const other = await makeTenant(t);
    const identity = t.get(IdentityService);
    users.staff = `pw-staff-${tenant.processorSlug}@processor.example`;
    users.dpo = `pw-dpo-${tenant.controllerSlug}@controller.example`;
    users.stranger = `pw-dpo-${other.controllerSlug}@controller.example`;
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
    await identity.createUser(
      {
        organizationSlug: other.controllerSlug,
        email: users.stranger,
        role: 'controller_dpo',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      },
      CLI_ACTOR,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-GB', permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel(/E-mail|E-Mail/).fill(email);
    await page.getByLabel(/Password|Passwort/).fill(PASSWORD);
    await page.getByRole('button', { name: /Sign in|Anmelden/ }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('files a report through the form; the DPO finds it on the board with its deadline, assesses, decides and downloads the draft; a stranger sees nothing', async () => {
    const staff = await signIn(users.staff);
    await staff.goto(`${base}/incidents/new`);
    await staff.getByLabel('Short title').fill('Browser-filed breach');
    await staff.getByLabel('What happened?').fill('A customer export was reachable by URL.');
    await staff.getByLabel(/Confidentiality/).check();
    const discovered = new Date(Date.now() - 2 * 3_600_000);
    const berlin = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(discovered)
      .replace(' ', 'T');
    await staff.getByLabel('When did you become aware?').fill(berlin);
    await staff.getByRole('button', { name: 'Report' }).click();
    await staff.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const id = staff.url().split('/').pop()!;
    await staff.getByRole('heading', { name: /Browser-filed breach/ }).waitFor();

    const dpo = await signIn(users.dpo);
    const row = dpo.locator('tr', { hasText: 'Browser-filed breach' });
    await row.waitFor();
    const due = await row.locator('time').getAttribute('datetime');
    const api = await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken });
    expect(due).toBe(api.body.deadlines.authority.dueAt);
    await expect(row.locator('.countdown').textContent()).resolves.toMatch(/h \d+ min \d+ s$/); // the live countdown ran
    await row.getByRole('link').click();
    await dpo.waitForURL(`${base}/incidents/${id}`);

    // Assess, decide, download the draft for the authority.
    await dpo.getByLabel('Datenkategorie (DPC)').selectOption('financial');
    await dpo.getByLabel('Identifizierbarkeit').selectOption('maximum');
    await dpo.getByLabel('Vertraulichkeit', { exact: true }).selectOption('unknown_recipients');
    // The live score follows the form before anything is saved: financial (3) × maximum (1) + 0.5.
    const live = dpo.getByRole('status', { name: 'Ergebnis der Eingaben' });
    await live
      .getByText('Schweregrad: 3,5 (hoch). Empfehlung: Aufsichtsbehörde benachrichtigen – ja; Betroffene Personen benachrichtigen – ja.')
      .waitFor();
    await expect(live.locator('li').first().textContent()).resolves.toBe(
      'Regel 1: Schweregrad 3,5 ist hoch (mittel oder höher), daher sollte die Aufsichtsbehörde benachrichtigt werden (Art. 33 Abs. 1).',
    );
    expect((await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: tenant.dpoToken })).body.assessments).toEqual([]);
    await dpo.getByLabel('Identifizierbarkeit').selectOption('negligible');
    await live.getByText(/^Schweregrad: 1,25 \(niedrig\)/).waitFor();
    await dpo.getByLabel('Identifizierbarkeit').selectOption('maximum');
    await live.getByText(/^Schweregrad: 3,5 \(hoch\)/).waitFor();
    await dpo.getByRole('button', { name: 'Bewerten' }).click();
    await dpo.waitForURL(`${base}/incidents/${id}`);
    await expect(dpo.content()).resolves.toContain('<strong>3,5 (hoch)</strong>');
    // The form now starts from the inputs just assessed.
    await expect(dpo.getByLabel('Identifizierbarkeit').inputValue()).resolves.toBe('maximum');
    await dpo.getByRole('group', { name: 'Betroffene Personen benachrichtigen' }).getByLabel('ja').check();
    await dpo.getByRole('button', { name: 'Entscheidung speichern' }).click();
    await dpo.waitForURL(`${base}/incidents/${id}`);
    const history = await t.request('GET', `/api/v1/incidents/${id}/assessments`, { token: tenant.dpoToken });
    expect(history.body.decisions).toEqual([expect.objectContaining({ notifyAuthority: true, notifySubjects: true })]);
    const [download] = await Promise.all([
      dpo.waitForEvent('download'),
      dpo.getByRole('link', { name: 'Markdown herunterladen' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('authority-de.md');
    const markdown = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(markdown).toString('utf8')).toContain('Meldung einer Verletzung des Schutzes personenbezogener Daten');
    // "Copy text" puts the same Markdown on the clipboard, and says so.
    await dpo.getByRole('button', { name: 'Text kopieren' }).first().click();
    await dpo.getByRole('status').getByText('Text in die Zwischenablage kopiert.').waitFor();
    const clipboard = await dpo.evaluate('navigator.clipboard.readText()'); // a string: the tests compile without the DOM types
    expect(clipboard).toBe(Buffer.concat(markdown).toString('utf8'));

    const stranger = await signIn(users.stranger);
    await expect(stranger.content()).resolves.not.toContain('Browser-filed breach');
    const direct = await stranger.goto(`${base}/incidents/${id}`);
    expect(direct?.status()).toBe(404);
  });

  it("files the facts of the authorities' forms through the intake form and adds more through the follow-up form", async () => {
    const local = (hoursAgo: number) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Berlin',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .format(new Date(t.clock.now().getTime() - hoursAgo * 3_600_000))
        .replace(' ', 'T');
    const staff = await signIn(users.staff);
    await staff.goto(`${base}/incidents/new`);
    await staff.getByLabel('Short title').fill('Form facts breach');
    await staff.getByLabel('What happened?').fill('A backup was copied by an attacker.');
    await staff.getByLabel('Or a period: from').fill(local(30));
    await staff.getByLabel('When did you become aware?').fill(local(3));
    await staff.getByLabel('Name of the person reporting').fill('Sam Security');
    await staff.getByLabel('Role in the organization').fill('CISO');
    await staff.getByLabel('How was the breach discovered?').fill('Alert of the intrusion detection.');
    await staff.getByLabel('Is the breach still going on?').selectOption('true');
    await staff.getByRole('group', { name: 'Special categories (Art. 9, 10 GDPR)' }).getByLabel('data concerning health').check();
    await staff.getByLabel('Are vulnerable people affected (e.g. children, patients)?').selectOption('false');
    await staff.getByLabel('Countries of the people affected').fill('DE, at');
    await staff.getByLabel('Encryption').selectOption('partial');
    await staff.getByLabel('Which security measures were in place?').fill('Disk encryption on the servers only.');
    await staff.getByLabel('Consequences that have already happened').fill('None known yet.');
    await staff.locator('#oa-0-name').fill('Polizei Hessen');
    await staff.locator('#oa-0-at').fill(local(2));
    await staff.locator('#oa-0-reference').fill('ST/1/26');
    await staff.getByRole('button', { name: 'Report' }).click();
    await staff.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const id = staff.url().split('/').pop()!;
    const filed = (await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).body;
    expect(filed).toMatchObject({
      reporter: { name: 'Sam Security', role: 'CISO' },
      discoveryMethod: 'Alert of the intrusion detection.',
      ongoing: true,
      containedAt: null,
      specialCategories: ['health'],
      vulnerableSubjects: false,
      affectedCountries: ['DE', 'AT'],
      securityBefore: { encryption: 'partial', description: 'Disk encryption on the servers only.' },
      consequencesMaterialised: 'None known yet.',
      otherAuthoritiesInformed: [{ name: 'Polizei Hessen', reference: 'ST/1/26' }],
    });
    // Read in the user's zone: the minute typed, as a UTC instant.
    const minute = (hoursAgo: number) => Math.floor((t.clock.now().getTime() - hoursAgo * 3_600_000) / 60_000) * 60_000;
    expect(Date.parse(filed.otherAuthoritiesInformed[0].at)).toBe(minute(2));

    // The follow-up form shows what is stored; the breach has ended: contained one hour ago.
    await staff.goto(`${base}/incidents/${id}`);
    await expect(staff.getByLabel('Name of the person reporting').inputValue()).resolves.toBe('Sam Security');
    await staff.getByLabel('Is the breach still going on?').selectOption('false');
    await staff.getByLabel('When was it contained or ended?').fill(local(1));
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.waitForURL(`${base}/incidents/${id}`);
    const followed = (await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).body;
    expect(followed).toMatchObject({
      version: filed.version + 1,
      ongoing: false,
      otherAuthoritiesInformed: filed.otherAuthoritiesInformed,
    });
    expect(Date.parse(followed.containedAt)).toBe(minute(1));
    // Only what changed is in the trail: the times left as shown were not sent again.
    const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
    const update = trail.body.items.filter((e: { action: string }) => e.action === 'incident.updated').pop();
    expect(Object.keys(update.changes).sort()).toEqual(['containedAt', 'ongoing']);
  });

  it('moves a clock on the open board into the next colour band as time passes, without reloading', async () => {
    // The authority clock starts when the report is filed: file it 67 hours ago, so 5 hours are left.
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() - 67 * 3_600_000));
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: { ...fullReport(tenant.contractId, t.clock.now().toISOString()), title: 'Band crossing' },
    });
    t.clock.set(now);
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.clock.install({ time: now });
    await page.goto(`${base}/login`);
    await page.getByLabel('E-Mail-Adresse').fill(users.dpo);
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(`${base}/`);
    const row = page.locator('tr', { hasText: filed.body.reference });
    await expect(row.getAttribute('class')).resolves.toBe('band-soon');
    await expect(row.locator('.band-text').textContent()).resolves.toBe('höchstens 24 Stunden');
    await page.clock.fastForward('01:00:05'); // 3 h 59 min left
    await expect(row.getAttribute('class')).resolves.toBe('band-urgent');
    await expect(row.locator('.band-text').textContent()).resolves.toBe('höchstens 4 Stunden');
    await page.clock.fastForward('04:00:00'); // past the deadline
    await expect(row.getAttribute('class')).resolves.toBe('band-overdue');
    await expect(row.locator('.band-text').textContent()).resolves.toBe('überschritten');
    await expect(row.locator('.countdown').textContent()).resolves.toMatch(/^\d+ min \d+ s überschritten$/);
    await context.close();
  });

  it('opens the follow-up draft from the incident page once the initial notification is recorded: preview, Markdown and PDF', async () => {
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: { ...fullReport(tenant.contractId, new Date(t.clock.now().getTime() - 3_600_000).toISOString()), title: 'Follow-up wanted' },
    });
    const id = filed.body.id;
    expect(
      (
        await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
          token: tenant.dpoToken,
          body: {
            dataCategories: [{ category: 'financial' }],
            easeOfIdentification: 'maximum',
            confidentiality: 'unknown_recipients',
            integrity: 'not_affected',
            availability: 'not_affected',
            maliciousIntent: true,
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.request('POST', `/api/v1/incidents/${id}/decision`, {
          token: tenant.dpoToken,
          body: { notifyAuthority: true, notifySubjects: true },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
          token: tenant.dpoToken,
          body: { kind: 'authority_initial', sentAt: t.clock.now().toISOString(), reference: 'AZ 2025-0815' },
        })
      ).status,
    ).toBe(201);
    const dpo = await signIn(users.dpo);
    await dpo.goto(`${base}/incidents/${id}`);
    const item = dpo.locator('ul.drafts li', { hasText: 'Nachmeldung an die Aufsichtsbehörde' });
    const [preview] = await Promise.all([
      dpo.waitForEvent('response', (r) => r.url().includes('/drafts/authority-followup')),
      item.getByRole('link', { name: 'Ansehen (en)' }).click(),
    ]);
    expect(preview.status()).toBe(200);
    await dpo
      .getByText(/AZ 2025-0815/)
      .first()
      .waitFor();
    await expect(dpo.locator('img').count()).resolves.toBe(0);
    await dpo.goBack();
    const [md] = await Promise.all([dpo.waitForEvent('download'), item.getByRole('link', { name: 'Markdown herunterladen' }).click()]);
    expect(md.suggestedFilename()).toBe('authority-followup-de.md');
    const text = Buffer.concat(await (await md.createReadStream()).toArray()).toString('utf8');
    expect(text).toBe(
      (await t.request('GET', `/api/v1/incidents/${id}/drafts/authority?phase=followup&lang=de`, { token: tenant.dpoToken })).text,
    );
    const [pdf] = await Promise.all([dpo.waitForEvent('download'), item.getByRole('link', { name: 'PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('authority-followup-de.pdf');
    expect(
      Buffer.concat(await (await pdf.createReadStream()).toArray())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('answers a forged form post without the CSRF token with 403', async () => {
    const staff = await signIn(users.staff);
    // The browser's own cookie goes along (as with a forged cross-site form); only the form token is missing.
    const res = await staff.context().request.post(`${base}/incidents`, {
      form: { title: 'forged', 'nature.description': 'x', discoveredAt: '2025-01-01T10:00' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM incident WHERE title = 'forged'`);
    expect(count[0].n).toBe(0);
  });
});
