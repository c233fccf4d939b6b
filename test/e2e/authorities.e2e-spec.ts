import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('authorities', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
  });
  afterAll(() => t.close());

  it('lists the shipped directory and searches it', async () => {
    const all = await t.request('GET', '/api/v1/authorities', { token: tenant.processorToken });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(49);
    const found = await t.request('GET', '/api/v1/authorities?q=hessen', { token: tenant.processorToken });
    expect(found.body.items.map((a: { id: string }) => a.id)).toEqual(['de-he']);
    const one = await t.request('GET', '/api/v1/authorities/de-by-lda', { token: tenant.dpoToken });
    expect(one.body).toMatchObject({ id: 'de-by-lda', abbreviation: 'BayLDA', sectorScope: 'private', regionCode: 'DE-BY' });
    expect((await t.request('GET', '/api/v1/authorities/xx-nope', { token: tenant.dpoToken })).status).toBe(404);
  });

  it('resolves the competent authority, and names the bad field', async () => {
    const by = await t.request('GET', '/api/v1/authorities/resolve?country=DE&region=DE-BY&sector=public', { token: tenant.dpoToken });
    expect(by.body.authority.id).toBe('de-by-lfd');
    const fr = await t.request('GET', '/api/v1/authorities/resolve?country=fr', { token: tenant.dpoToken });
    expect(fr.body.authority.abbreviation).toBe('CNIL');
    const noLand = await t.request('GET', '/api/v1/authorities/resolve?country=DE', { token: tenant.dpoToken });
    expect(noLand.status).toBe(400);
    expect(noLand.body.errors[0].path).toBe('region');
    const unknown = await t.request('GET', '/api/v1/authorities/resolve?country=US', { token: tenant.dpoToken });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('country');
    const badRegion = await t.request('GET', '/api/v1/authorities/resolve?country=DE&region=DE-XX', { token: tenant.dpoToken });
    expect(badRegion.body.errors[0].path).toBe('region');
    expect((await t.request('GET', '/api/v1/authorities/resolve?country=DEU', { token: tenant.dpoToken })).body.errors[0].path).toBe(
      'country',
    );
    const federal = await t.request('GET', '/api/v1/authorities/resolve?country=DE&region=DE-NW&sector=public&publicLevel=federal', {
      token: tenant.dpoToken,
    });
    expect(federal.body).toMatchObject({ authority: { id: 'de-bfdi' }, rule: expect.stringContaining('§ 9(1) BDSG') });
    const telecom = await t.request('GET', '/api/v1/authorities/resolve?country=DE&region=DE-BW&telecom=true', { token: tenant.dpoToken });
    expect(telecom.body.authority.id).toBe('de-bfdi');
    expect(
      (await t.request('GET', '/api/v1/authorities/resolve?country=DE&region=DE-BW&publicLevel=city', { token: tenant.dpoToken })).body
        .errors[0].path,
    ).toBe('publicLevel');
  });

  it('routes the drafts of a federal body seated in a Land to the BfDI, and of a Bavarian Land body to the BayLfD', async () => {
    const identity = t.get(IdentityService);
    for (const [slug, region, level, expected] of [
      ['bund-nrw', 'DE-NW', 'federal', 'de-bfdi'],
      ['land-by', 'DE-BY', 'state', 'de-by-lfd'],
    ] as const) {
      await identity.createOrganization(
        { slug, name: slug, kind: 'controller', country: 'DE', region, sector: 'public', publicLevel: level },
        CLI_ACTOR,
      );
      await identity.createUser({ organizationSlug: slug, email: `dpo@${slug}.example`, role: 'controller_dpo' }, CLI_ACTOR);
      const { token } = await identity.createToken(`dpo@${slug}.example`, CLI_ACTOR);
      t.clock.set('2025-06-06T10:00:00Z');
      const filed = await t.request('POST', '/api/v1/incidents', {
        token,
        body: { title: 'x', nature: { description: 'y' }, discoveredAt: '2025-06-06T09:00:00Z' },
      });
      const res = await t.request('GET', `/api/v1/incidents/${filed.body.id}/authorities`, { token });
      expect(res.body.targets.map((x: { authority: { id: string } }) => x.authority.id)).toEqual([expected]);
    }
  });

  it('D22: a controller without an EU establishment notifies each member state of the people', async () => {
    const identity = t.get(IdentityService);
    await identity.createOrganization({ slug: 'us-shop', name: 'US Shop Inc.', kind: 'controller', country: 'US' }, CLI_ACTOR);
    await identity.createUser({ organizationSlug: 'us-shop', email: 'dpo@us-shop.example', role: 'controller_dpo' }, CLI_ACTOR);
    const { token } = await identity.createToken('dpo@us-shop.example', CLI_ACTOR);
    t.clock.set('2025-06-06T10:00:00Z');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token,
      body: {
        title: 'Shop breach',
        nature: { description: 'Customer table exfiltrated.' },
        discoveredAt: '2025-06-06T09:00:00Z',
        affectedCountries: ['DE', 'FR', 'IT', 'GB'],
      },
    });
    const res = await t.request('GET', `/api/v1/incidents/${filed.body.id}/authorities`, { token });
    expect(res.status).toBe(200);
    expect(res.body.targets.map((x: { authority: { id: string } }) => x.authority.id)).toEqual(['fr', 'it', 'gb']);
    expect(res.body.unresolved).toEqual([{ country: 'DE', message: expect.stringContaining('not settled') }]);
  });

  it("uses the organization's override, and refuses an unknown one", async () => {
    const identity = t.get(IdentityService);
    await expect(
      identity.createOrganization(
        { slug: 'bad-override', name: 'X', kind: 'controller', country: 'DE', region: 'DE-HE', authorityOverrideId: 'nope' },
        CLI_ACTOR,
      ),
    ).rejects.toMatchObject({
      errors: [{ path: 'authorityOverrideId' }],
    });
    await identity.createOrganization(
      { slug: 'bw-lead', name: 'Lead GmbH', kind: 'controller', country: 'DE', region: 'DE-HE', authorityOverrideId: 'de-bw' },
      CLI_ACTOR,
    );
    await identity.createUser({ organizationSlug: 'bw-lead', email: 'dpo@lead.example', role: 'controller_dpo' }, CLI_ACTOR);
    const { token } = await identity.createToken('dpo@lead.example', CLI_ACTOR);
    const filed = await t.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 'x', nature: { description: 'y' }, discoveredAt: '2025-06-06T09:00:00Z' },
    });
    const res = await t.request('GET', `/api/v1/incidents/${filed.body.id}/authorities`, { token });
    expect(res.body.targets).toEqual([
      expect.objectContaining({ authority: expect.objectContaining({ id: 'de-bw' }), rule: 'chosen by the organization (override)' }),
    ]);
    const draft = await t.request('GET', `/api/v1/incidents/${filed.body.id}/drafts/authority?lang=de`, { token });
    expect(draft.text).toContain('(LfDI BW)');
  });
});
