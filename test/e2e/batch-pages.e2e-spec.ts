import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { FACTS, FORM, pages, signedIn as signIn, Who } from '../support/batch-pages';
import { addCustomer, Customer, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// The batch pages (docs/web.md, "Batches"): the form, the batch's page with its progress and
// reports, through the app as a browser posts.
describe('batch pages: one processor breach for many contracts from the browser', () => {
  let t: TestApp;
  let tenant: Tenant;
  let other: Tenant;
  let customers: Customer[];
  let runner: IncidentBatchRunner;
  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => t.dataSource.query(text, params);
  const batchCount = async () => (await sql('SELECT count(*)::int AS n FROM incident_batch'))[0].n as number;

  const signedIn = (slug: string, email: string, role: 'processor_staff' | 'org_admin' | 'controller_dpo', locale: 'en' | 'de' = 'en') =>
    signIn(t, slug, email, role, locale);
  const get = (url: string, who: Who) => pages(t).get(url, who);
  const post = (url: string, who: Who, fields: [string, string][]) => pages(t).post(url, who, fields);

  let staff: Who;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { subProcessors: [{ name: 'Mailer Cloud Ltd' }] });
    customers = [
      await addCustomer(t, tenant, { subProcessors: [{ name: 'Mailer Cloud Ltd' }] }),
      await addCustomer(t, tenant, { subProcessors: [{ name: 'Other Hosting' }] }),
      await addCustomer(t, tenant),
    ];
    other = await makeTenant(t);
    runner = t.get(IncidentBatchRunner);
    staff = await signedIn(tenant.processorSlug, `staff-${tenant.processorSlug}@processor.example`, 'processor_staff');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-06-06T12:00:00Z'));

  it('offers all contracts, a filtered list and the sub-processors, every input labelled, linked from the board and intake', async () => {
    expect((await get('/', staff)).text).toContain('<a href="/incidents/batches/new">Report one breach for many contracts</a>');
    expect((await get('/incidents/new', staff)).text).toContain('<a href="/incidents/batches/new">');
    const page = await get('/incidents/batches/new', staff);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Report one breach for many contracts</h1>');
    expect(page.text).toContain('All my customers (4 contracts)');
    expect(page.text).toContain('<option value="Mailer Cloud Ltd">Mailer Cloud Ltd</option>');
    expect(page.text).toContain('<option value="Other Hosting">Other Hosting</option>');
    for (const c of [tenant.contractId, ...customers.map((x) => x.contractId)]) expect(page.text).toContain(`value="${c}"`);
    expect(page.text).toContain('Contracts 1 to 4 of 4');
    const ids = [...page.text.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(expect.arrayContaining(['q', 'title', 'description', 'discoveredAt', 'selectionSubProcessor']));
    for (const id of ids) expect(page.text).toContain(`<label for="${id}">`);

    const reference = (await sql('SELECT reference FROM contract WHERE id = $1', [customers[1].contractId]))[0].reference;
    const filtered = await get(`/incidents/batches/new?q=${encodeURIComponent(reference)}`, staff);
    expect(filtered.text).toContain(`value="${customers[1].contractId}"`);
    expect(filtered.text).not.toContain(`value="${customers[0].contractId}"`);
    expect(filtered.text).toContain('Contracts 1 to 1 of 1');
    expect((await get('/incidents/batches/new?q=%25%25nothing', staff)).text).toContain('No contract matches.');

    const de = await signedIn(tenant.processorSlug, `staff-de-${tenant.processorSlug}@processor.example`, 'processor_staff', 'de');
    const pageDe = await get('/incidents/batches/new', de);
    expect(pageDe.text).toContain('<h1>Eine Verletzung für viele Verträge melden</h1>');
    expect(pageDe.text).toContain('Alle meine Kunden (4 Verträge)');
  });

  it('files for the ticked contracts, redirects to the batch, and shows progress, reports and the list by batch', async () => {
    const res = await post('/incidents/batches', staff, [
      ['scope', 'selected'],
      ['contracts', customers[0].contractId],
      ['contracts', customers[2].contractId],
      ...FACTS,
    ]);
    expect(res.status).toBe(303);
    const id = /^\/incidents\/batches\/([0-9a-f-]{36})$/.exec(res.headers.location as string)![1];
    const [row] = await sql('SELECT contract_ids, total, status FROM incident_batch WHERE id = $1', [id]);
    expect(row.contract_ids).toEqual([customers[0].contractId, customers[2].contractId]);
    expect(row).toMatchObject({ total: 2, status: 'pending' });

    const waiting = await get(`/incidents/batches/${id}`, staff);
    expect(waiting.status).toBe(200);
    expect(waiting.text).toContain('aria-live="polite"');
    expect(waiting.text).toContain('0 of 2 reports filed, 0 failed.');
    expect(waiting.text).toContain('data-running="true"');
    expect(waiting.text).toContain('<script src="/assets/incident-batch.js" defer></script>');
    expect(waiting.headers['content-security-policy']).toContain("script-src 'self'");

    expect(await runner.runPending()).toBe(1);
    const progress = await get(`/incidents/batches/${id}/progress`, staff);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({
      id,
      status: 'completed',
      total: 2,
      created: 2,
      failed: 0,
      progress: { done: true, text: '2 of 2 reports filed, 0 failed.' },
    });

    const done = await get(`/incidents/batches/${id}`, staff);
    expect(done.text).toContain('data-running="false"');
    expect(done.text).toContain('completed');
    const incidents = await sql<{ id: string; reference: string }>('SELECT id, reference FROM incident WHERE batch_id = $1', [id]);
    expect(incidents).toHaveLength(2);
    for (const i of incidents) expect(done.text).toContain(`<a href="/incidents/${i.id}">${i.reference}</a>`);
    expect(done.text).toContain(`<a href="/incidents/batches/${id}/incidents">All reports of this batch</a>`);
    expect(done.text).not.toContain('/resume');
    const list = await get(`/incidents/batches/${id}/incidents`, staff);
    expect(list.status).toBe(200);
    for (const i of incidents) expect(list.text).toContain(`<a href="/incidents/${i.id}">`);
  });

  it('files for every contract naming a sub-processor; failures are listed with Resume', async () => {
    const bySub = await post('/incidents/batches', staff, [
      ['scope', 'subProcessor'],
      ['selection.subProcessor', 'Mailer Cloud Ltd'],
      ...FACTS,
    ]);
    expect(bySub.status).toBe(303);
    const subId = (bySub.headers.location as string).split('/').pop()!;
    const [row] = await sql('SELECT contract_ids FROM incident_batch WHERE id = $1', [subId]);
    expect([...row.contract_ids].sort()).toEqual([tenant.contractId, customers[0].contractId].sort());

    // The second contract does not name the incident's sub-processor: it refuses, the first is filed.
    const res = await post('/incidents/batches', staff, [
      ['scope', 'selected'],
      ['contracts', customers[1].contractId],
      ['contracts', customers[0].contractId],
      ...FACTS,
      ['subProcessor', 'Other Hosting'],
    ]);
    expect(res.status).toBe(303);
    const id = (res.headers.location as string).split('/').pop()!;
    await runner.runPending();
    const page = await get(`/incidents/batches/${id}`, staff);
    expect(page.text).toContain('1 of 2 reports filed, 1 failed.');
    expect(page.text).toContain('<h2>Contracts not filed</h2>');
    expect(page.text).toContain(`<td>${customers[0].contractId}</td>`);
    expect(page.text).toContain(`action="/incidents/batches/${id}/resume"`);
    const resumed = await post(`/incidents/batches/${id}/resume`, staff, []);
    expect(resumed.status).toBe(303);
    expect(resumed.headers.location).toBe(`/incidents/batches/${id}`);
    expect((await sql('SELECT status FROM incident_batch WHERE id = $1', [id]))[0].status).toBe('pending');
  });

  it('refuses bad input with 400 and errors next to their fields, creating nothing', async () => {
    const before = await batchCount();
    const res = await post('/incidents/batches', staff, [
      ['scope', 'selected'],
      ['title', ''],
      ['discoveredAt', 'yesterday'],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="scope-error"');
    expect(res.text).toContain('id="title-error"');
    expect(res.text).toContain('id="description-error"');
    expect(res.text).toContain('id="discoveredAt-error"');
    expect(res.text).toContain('value="yesterday"');
    const noScope = await post('/incidents/batches', staff, FACTS);
    expect(noScope.status).toBe(400);
    expect(noScope.text).toContain('id="scope-error"');
    const foreign = await post('/incidents/batches', staff, [['scope', 'selected'], ['contracts', other.contractId], ...FACTS]);
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain(`${other.contractId} is no contract of your organization`);
    const future = await post('/incidents/batches', staff, [
      ['scope', 'all'],
      ...FACTS.filter(([k]) => k !== 'discoveredAt'),
      ['discoveredAt', '2025-06-07T11:30'],
    ]);
    expect(future.status).toBe(400);
    expect(future.text).toContain('id="discoveredAt-error"');
    expect(await batchCount()).toBe(before);
    const noToken = await t.request('POST', '/incidents/batches', {
      rawBody: new URLSearchParams([['scope', 'all'], ...FACTS]).toString(),
      headers: { ...FORM, cookie: staff.cookie },
    });
    expect(noToken.status).toBe(403);
    expect(await batchCount()).toBe(before);
  });

  it('gives a controller DPO 403 and another processor’s batch 404; a processor org admin may file', async () => {
    const dpo = await signedIn(tenant.controllerSlug, `dpo-batch-${tenant.controllerSlug}@controller.example`, 'controller_dpo');
    const before = await batchCount();
    expect((await get('/incidents/batches/new', dpo)).status).toBe(403);
    expect((await post('/incidents/batches', dpo, [['scope', 'all'], ...FACTS])).status).toBe(403);
    expect(await batchCount()).toBe(before);

    expect((await get('/', dpo)).text).not.toContain('/incidents/batches/new');
    const controllerAdmin = await signedIn(tenant.controllerSlug, `admin-batch-${tenant.controllerSlug}@controller.example`, 'org_admin');
    expect((await get('/', controllerAdmin)).text).not.toContain('/incidents/batches/new');
    expect((await get('/incidents/batches/new', controllerAdmin)).status).toBe(403);
    const admin = await signedIn(tenant.processorSlug, `admin-batch-${tenant.processorSlug}@processor.example`, 'org_admin');
    expect((await get('/', admin)).text).toContain('<a href="/incidents/batches/new">');
    expect((await get('/incidents/batches/new', admin)).status).toBe(200);

    const otherStaff = await signedIn(other.processorSlug, `staff-${other.processorSlug}@processor.example`, 'processor_staff');
    const mine = await post('/incidents/batches', staff, [['scope', 'all'], ...FACTS]);
    const id = (mine.headers.location as string).split('/').pop()!;
    expect((await get(`/incidents/batches/${id}`, otherStaff)).status).toBe(404);
    expect((await get(`/incidents/batches/${id}/progress`, otherStaff)).status).toBe(404);
    expect((await get(`/incidents/batches/${id}/incidents`, otherStaff)).status).toBe(404);
    expect((await get(`/incidents/batches/${id}`, dpo)).status).toBe(404);
    expect((await post(`/incidents/batches/${id}/resume`, otherStaff, [])).status).toBe(404);
    expect((await get('/incidents/batches/not-a-uuid', staff)).status).toBe(404);
  });

  // Last: it gives the processor 3,000 more customers.
  it('lists 200 contracts per page of thousands, with paging and the filter, and counts them all', async () => {
    await sql(
      `INSERT INTO organization (id, slug, name, kind, country, region, sector, dpo_name, dpo_email, time_zone, telecom, postal, locale, dora, created_at)
       SELECT gen_random_uuid(), 'many-c-' || g, 'Customer ' || g || ' GmbH', 'controller', 'DE', 'DE-HE', 'private',
              'DPO ' || g, 'dpo' || g || '@customer.example', 'Europe/Berlin', false, false, 'de', false, now()
         FROM generate_series(1, 3000) g`,
    );
    await sql(
      `INSERT INTO contract (id, controller_id, processor_id, reference, processor_notice_hours, data_categories, subject_categories,
                             sub_processors, escalation_contacts, created_at)
       SELECT gen_random_uuid(), o.id, $1, 'ZZ ' || lpad(substr(o.slug, 8), 4, '0'), 24, ARRAY['email addresses'], ARRAY['customers'],
              '[{"name": "Hosting Sub GmbH"}]', '[]', now()
         FROM organization o WHERE o.slug LIKE 'many-c-%'`,
      [tenant.processorId],
    );
    const started = Date.now();
    const first = await get('/incidents/batches/new', staff);
    const ms = Date.now() - started;
    expect(first.status).toBe(200);
    expect(first.text).toContain('All my customers (3,004 contracts)');
    expect(first.text).toContain('Contracts 1 to 200 of 3,004');
    expect(first.text.match(/name="contracts"/g)).toHaveLength(200);
    // (Handlebars writes "=" in attributes as &#x3D;.)
    expect(first.text.replace(/&#x3D;/g, '=')).toContain(
      '<button type="submit" name="from" value="200" formaction="/incidents/batches/new" formnovalidate>Next page</button>',
    );
    const last = await get('/incidents/batches/new?from=3000', staff);
    expect(last.text).toContain('Contracts 3,001 to 3,004 of 3,004');
    expect(last.text).not.toContain('Next page');
    const found = await get('/incidents/batches/new?q=zz%200042', staff);
    expect(found.text).toContain('Contracts 1 to 1 of 1');
    expect(found.text).toContain('ZZ 0042 – Customer 42 GmbH');
    process.stdout.write(`batch form with 3,004 contracts: ${ms} ms\n`);
  });
});
