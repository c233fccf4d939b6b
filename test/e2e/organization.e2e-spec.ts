import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { OrganizationsService } from '../../src/identity/organizations.service';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// GET and PATCH /api/v1/organization: every user reads their own organization, its org admins change
// it; every change is audited field by field; new regimes hold for incidents filed after the change.
describe('organization API', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeTenant(t);
    b = await makeTenant(t);
  });
  afterAll(() => t.close());

  const patch = (token: string, body: unknown) => t.request('PATCH', '/api/v1/organization', { token, body });
  const row = async (id: string) =>
    (await t.dataSource.query(`SELECT to_jsonb(o) - 'created_at' AS o FROM organization o WHERE id = $1`, [id]))[0].o;
  const events = async (id: string) =>
    t.dataSource.query(
      `SELECT action, actor, changes FROM audit_event WHERE entity_type = 'organization' AND entity_id = $1 ORDER BY seq`,
      [id],
    );

  it('shows every user their own organization', async () => {
    for (const token of [a.dpoToken, a.adminToken]) {
      const res = await t.request('GET', '/api/v1/organization', { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: a.controllerId,
        slug: a.controllerSlug,
        name: `Controller ${a.controllerSlug.slice(5)} GmbH`,
        kind: 'controller',
        address: null,
        country: 'DE',
        region: 'DE-HE',
        sector: 'private',
        publicLevel: null,
        nis2: 'none',
        dora: false,
        telecom: false,
        postal: false,
        dpoName: 'Dana DPO',
        dpoEmail: a.dpoEmail,
        dpoPhone: null,
        timeZone: 'Europe/Berlin',
        locale: 'de',
        createdAt: expect.any(String),
      });
    }
    const processor = await t.request('GET', '/api/v1/organization', { token: a.processorToken });
    expect([processor.body.id, processor.body.kind, processor.body.region]).toEqual([a.processorId, 'processor', 'DE-BW']);
    expect((await t.request('GET', '/api/v1/organization')).status).toBe(401);
  });

  it('lets an org admin change it; one audit event with the old and new value of each changed field', async () => {
    const before = (await events(a.controllerId)).length;
    const res = await patch(a.adminToken, {
      name: '  Controller A AG ',
      address: 'Hauptstraße 1, 60311 Frankfurt am Main',
      dpoName: 'Dana DPO',
      dpoEmail: 'Privacy@Controller.example',
      dpoPhone: '+49 69 123456',
      nis2: 'important',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Controller A AG',
      address: 'Hauptstraße 1, 60311 Frankfurt am Main',
      dpoEmail: 'privacy@controller.example',
      dpoPhone: '+49 69 123456',
      nis2: 'important',
      region: 'DE-HE',
    });
    expect((await t.request('GET', '/api/v1/organization', { token: a.dpoToken })).body).toEqual(res.body);
    const trail = await events(a.controllerId);
    expect(trail).toHaveLength(before + 1);
    expect(trail.at(-1)).toEqual({
      action: 'organization.updated',
      actor: expect.stringMatching(/^user:admin-/),
      changes: {
        name: { from: `Controller ${a.controllerSlug.slice(5)} GmbH`, to: 'Controller A AG' },
        address: { from: null, to: 'Hauptstraße 1, 60311 Frankfurt am Main' },
        dpoEmail: { from: a.dpoEmail, to: 'privacy@controller.example' },
        dpoPhone: { from: null, to: '+49 69 123456' },
        nis2: { from: null, to: 'important' },
      },
    });
    // The same values again change nothing and write nothing.
    expect((await patch(a.adminToken, { nis2: 'important', dpoName: 'Dana DPO' })).status).toBe(200);
    expect(await events(a.controllerId)).toHaveLength(before + 1);
    // null clears an optional fact; a public body of a Land keeps its Land.
    const cleared = await patch(a.adminToken, { address: null, nis2: 'none', sector: 'public', publicLevel: 'state' });
    expect(cleared.status).toBe(200);
    expect([cleared.body.address, cleared.body.nis2, cleared.body.sector, cleared.body.publicLevel]).toEqual([
      null,
      'none',
      'public',
      'state',
    ]);
    expect((await events(a.controllerId)).at(-1).changes).toEqual({
      address: { from: 'Hauptstraße 1, 60311 Frankfurt am Main', to: null },
      sector: { from: 'private', to: 'public' },
      publicLevel: { from: null, to: 'state' },
      nis2: { from: 'important', to: null },
    });
  });

  it('is not for DPOs or processor staff to change (403), and changes nothing then', async () => {
    const before = await row(a.controllerId);
    const trail = (await events(a.controllerId)).length;
    for (const token of [a.dpoToken, a.processorToken]) {
      const res = await patch(token, { name: 'Taken over' });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.type).toBe('urn:breachclock:problem:identity.forbidden');
    }
    expect(await row(a.controllerId)).toEqual(before);
    expect(await events(a.controllerId)).toHaveLength(trail);
  });

  it("keeps tenants apart: another organization's admin reads and changes only their own", async () => {
    const mine = await row(a.controllerId);
    const theirs = await t.request('GET', '/api/v1/organization', { token: b.adminToken });
    expect(theirs.body.id).toBe(b.controllerId);
    expect(JSON.stringify(theirs.body)).not.toContain(a.controllerSlug);
    const changed = await patch(b.adminToken, { name: 'B renamed', id: a.controllerId });
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toEqual([{ path: 'id', message: 'should not exist' }]);
    expect((await patch(b.adminToken, { name: 'B renamed' })).body.id).toBe(b.controllerId);
    expect(await row(a.controllerId)).toEqual(mine);
    expect((await row(b.controllerId)).name).toBe('B renamed');
    expect(await t.request('PATCH', `/api/v1/organization/${a.controllerId}`, { token: b.adminToken, body: { name: 'x' } })).toMatchObject({
      status: 404,
    });
    expect(await row(a.controllerId)).toEqual(mine);
  });

  it.each([
    ['nis2', { nis2: 'very' }],
    ['nis2', { nis2: null }],
    ['name', { name: '' }],
    ['name', { name: '   ' }],
    ['name', { name: null }],
    ['dora', { dora: 'yes' }],
    ['telecom', { telecom: 1 }],
    ['dpoEmail', { dpoEmail: 'not an address' }],
    ['dpoPhone', { dpoPhone: '1' }],
    ['country', { country: 'XX' }],
    ['country', { country: 'de' }],
    ['region', { country: 'FR' }],
    ['region', { region: 'DE-XX' }],
    ['sector', { sector: 'state' }],
    ['publicLevel', { sector: 'private', publicLevel: 'federal' }],
    ['publicLevel', { sector: 'public', publicLevel: null }],
    ['address', { address: 'x'.repeat(1001) }],
    ['color', { color: 'blue' }],
    ['name', { name: 'ok\u0000' }],
  ])('refuses a bad %s (row %#) with 400 naming it, and changes nothing', async (field, body) => {
    const before = await row(b.controllerId);
    const trail = (await events(b.controllerId)).length;
    const res = await patch(b.adminToken, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await row(b.controllerId)).toEqual(before);
    expect(await events(b.controllerId)).toHaveLength(trail);
  });

  it('changes the regimes for incidents filed after the change only', async () => {
    const c = await makeTenant(t);
    t.clock.set('2025-06-06T12:00:00Z');
    const file = async () => {
      const res = await t.request('POST', '/api/v1/incidents', {
        token: c.dpoToken,
        body: { title: 'Backup exposed', nature: { description: 'A backup was reachable.' }, discoveredAt: '2025-06-06T10:00:00Z' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const regimes = async (id: string) =>
      [
        ...new Set(
          ((await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token: c.dpoToken })).body.items as { regime: string }[]).map(
            (o) => o.regime,
          ),
        ),
      ].sort();
    const before = await file();
    expect(await regimes(before)).toEqual(['gdpr']);

    expect((await patch(c.adminToken, { telecom: true, nis2: 'essential' })).status).toBe(200);
    const after = await file();
    expect(await regimes(after)).toEqual(['eprivacy', 'gdpr']);

    // The earlier incident keeps its regimes through later changes of its facts.
    const followUp = await t.request('PATCH', `/api/v1/incidents/${before}`, {
      token: c.dpoToken,
      headers: { 'if-match': '"1"' },
      body: { measuresTaken: 'Backup bucket closed.' },
    });
    expect(followUp.status).toBe(200);
    expect(await regimes(before)).toEqual(['gdpr']);
    // NIS2: the later incident may be classified, the earlier one was not filed by a NIS2 entity.
    const classify = (id: string) =>
      t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
        token: c.dpoToken,
        body: { significant: true, awareAt: '2025-06-06T10:30:00Z', reason: 'Service down for a day for many customers.' },
      });
    expect((await classify(after)).status).toBe(200);
    expect(await regimes(after)).toEqual(['eprivacy', 'gdpr', 'nis2']);
    expect((await classify(before)).status).toBe(409);
    expect(await regimes(before)).toEqual(['gdpr']);
  });

  it('is the service the command line uses (org update), audited as the CLI', async () => {
    const saved = await t.get(OrganizationsService).updateBySlug(b.controllerSlug, { dora: true, dpoName: 'Bea' }, CLI_ACTOR);
    expect([saved.dora, saved.dpoName]).toEqual([true, 'Bea']);
    expect((await events(b.controllerId)).at(-1)).toEqual({
      action: 'organization.updated',
      actor: 'cli',
      changes: { dora: { from: false, to: true }, dpoName: { from: 'Dana DPO', to: 'Bea' } },
    });
  });
});
