import { randomBytes } from 'node:crypto';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { fullReport, lowRiskAssessment, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface ObligationBody {
  id: string;
  key: string;
  regime: string;
  duty: string;
  state: string;
  startsAt: string | null;
  dueAt: string | null;
  fulfilledAt: string | null;
  fulfilledBy: string | null;
  reasonsForDelay: string | null;
  provisional: string | null;
  waived: { reason: string; by: string } | null;
  recipient: { kind: string; authorityId?: string; name: string };
}

const REASONS = 'The forensic report only arrived after the weekend.';

describe('obligations: every duty a breach triggers, each with its own recipient, clock and record', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { noticeHours: 24 });
  });
  afterAll(() => t.close());

  // A controller organization of its own kind, with a DPO and the DPO's token.
  async function controller(profile: Record<string, unknown>): Promise<{ token: string; id: string }> {
    const identity = t.get(IdentityService);
    const s = randomBytes(4).toString('hex');
    const org = await identity.createOrganization({ slug: `c-${s}`, name: `Controller ${s}`, kind: 'controller', ...profile }, CLI_ACTOR);
    const email = `dpo-${s}@c.example`;
    await identity.createUser({ organizationSlug: org.slug, email, role: 'controller_dpo' }, CLI_ACTOR);
    return { token: (await identity.createToken(email, CLI_ACTOR)).token, id: org.id };
  }

  const own = async (token: string, discoveredAt: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 'Backup exposed', nature: { description: 'A backup was reachable.' }, discoveredAt, ...extra },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const obligations = async (token: string, id: string): Promise<ObligationBody[]> => {
    const res = await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token });
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const byKey = (items: ObligationBody[], key: string): ObligationBody => {
    const found = items.find((o) => o.key === key);
    if (!found) throw new Error(`no ${key} in ${items.map((o) => o.key).join(', ')}`);
    return found;
  };
  const file = (token: string, id: string, body: Record<string, unknown>) =>
    t.request('POST', `/api/v1/incidents/${id}/notifications`, { token, body });

  it('a US controller with people in France and Italy owes the CNIL and the Garante, each open until it is filed', async () => {
    const us = await controller({ country: 'US' });
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(us.token, '2025-06-06T10:00:00Z', { affectedCountries: ['FR', 'IT'] });
    let items = await obligations(us.token, id);
    expect(items.map((o) => [o.key, o.state, o.dueAt])).toEqual([
      ['gdpr/notify_authority/fr', 'running', '2025-06-09T10:00:00.000Z'],
      ['gdpr/notify_authority/it', 'running', '2025-06-09T10:00:00.000Z'],
    ]);

    t.clock.set('2025-06-07T09:00:00Z');
    const cnil = await file(us.token, id, { kind: 'authority_initial', authorityId: 'fr', sentAt: '2025-06-07T09:00:00Z' });
    expect(cnil.status).toBe(201);
    expect(cnil.body.obligationId).toBe(byKey(items, 'gdpr/notify_authority/fr').id);
    items = await obligations(us.token, id);
    expect(byKey(items, 'gdpr/notify_authority/fr')).toMatchObject({ state: 'met', fulfilledBy: cnil.body.id });
    expect(byKey(items, 'gdpr/notify_authority/it')).toMatchObject({ state: 'running', fulfilledAt: null });

    // The Garante, named by its obligation: the kind follows from it. Late, so it needs reasons.
    t.clock.set('2025-06-10T09:00:00Z');
    const garante = byKey(items, 'gdpr/notify_authority/it').id;
    const noReasons = await file(us.token, id, { obligationId: garante, sentAt: '2025-06-10T09:00:00Z' });
    expect(noReasons.status).toBe(422);
    expect(noReasons.body.errors).toEqual([expect.objectContaining({ path: 'reasonsForDelay' })]);
    const short = await file(us.token, id, { obligationId: garante, sentAt: '2025-06-10T09:00:00Z', reasonsForDelay: 'too short' });
    expect(short.status).toBe(422);
    const late = await file(us.token, id, { obligationId: garante, sentAt: '2025-06-10T09:00:00Z', reasonsForDelay: REASONS });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ kind: 'authority_initial', authorityId: 'it', obligationId: garante, late: true });
    items = await obligations(us.token, id);
    expect(byKey(items, 'gdpr/notify_authority/it')).toMatchObject({ state: 'late', reasonsForDelay: REASONS, fulfilledBy: late.body.id });
    const again = await file(us.token, id, { obligationId: garante, sentAt: '2025-06-10T09:00:00Z' });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/obligation\.not_live$/);
  });

  it('a Swiss controller owes the FDPIC "as soon as possible": open, without fixed hours, provisional until the risk is assessed', async () => {
    const ch = await controller({ country: 'CH' });
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(ch.token, '2025-06-06T10:00:00Z', { affectedCountries: ['CH'] });
    const [fdpic] = await obligations(ch.token, id);
    expect(fdpic).toMatchObject({ key: 'ch_fadp/notify_authority/ch', state: 'open', dueAt: null, startsAt: '2025-06-06T10:00:00.000Z' });
    expect(fdpic.provisional).not.toBeNull();
    const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token: ch.token });
    expect(incident.body.obligations.map((o: ObligationBody) => o.key)).toEqual(['ch_fadp/notify_authority/ch']);
  });

  it('NIS2: early warning in 24 h, notification in 72 h, final report one calendar month after the notification was filed', async () => {
    const nis2 = await controller({ country: 'DE', region: 'DE-HE', nis2: 'essential' });
    t.clock.set('2025-01-30T12:00:00Z');
    const id = await own(nis2.token, '2025-01-30T08:00:00Z');
    const classified = await t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
      token: nis2.token,
      body: { significant: true, awareAt: '2025-01-30T09:00:00Z' },
    });
    expect(classified.status).toBe(200);
    const sector = (items: ObligationBody[]) => items.filter((o) => o.regime === 'nis2').map((o) => [o.duty, o.state, o.dueAt]);
    expect(sector(classified.body.items)).toEqual([
      ['early_warning', 'running', '2025-01-31T09:00:00.000Z'],
      ['incident_notification', 'running', '2025-02-02T09:00:00.000Z'],
      ['final_report', 'pending', null],
    ]);
    const notification = byKey(classified.body.items, 'nis2/incident_notification/de-bsi');
    t.clock.set('2025-01-31T11:00:00Z');
    const noBody = await file(nis2.token, id, { obligationId: notification.id, sentAt: '2025-01-31T10:00:00Z' });
    expect(noBody.status).toBe(400);
    expect(noBody.body.errors).toEqual([expect.objectContaining({ path: 'body' })]);
    const filed = await file(nis2.token, id, { obligationId: notification.id, sentAt: '2025-01-31T10:00:00Z', body: 'Report as filed.' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ kind: 'filing', late: false, obligationId: notification.id });
    // 31 January + one month: the end of 28 February, Berlin time (Reg. 1182/71 Art. 3(2)(c)).
    expect(sector(await obligations(nis2.token, id))).toEqual([
      ['early_warning', 'overdue', '2025-01-31T09:00:00.000Z'],
      ['incident_notification', 'met', '2025-02-02T09:00:00.000Z'],
      ['final_report', 'running', '2025-02-28T23:00:00.000Z'],
    ]);

    // Withdrawn: the open duties are waived with the DPO's reasons; the filed one stays met.
    const short = await t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
      token: nis2.token,
      body: { significant: false },
    });
    expect(short.status).toBe(400);
    const withdrawn = await t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
      token: nis2.token,
      body: { significant: false, reason: 'Service restored within minutes, no significant impact.' },
    });
    expect(withdrawn.status).toBe(200);
    const after = withdrawn.body.items.filter((o: ObligationBody) => o.regime === 'nis2');
    expect(after.map((o: ObligationBody) => [o.duty, o.state])).toEqual([
      ['early_warning', 'waived'],
      ['incident_notification', 'met'],
      ['final_report', 'waived'],
    ]);
    expect(after[0].waived).toEqual({
      reason: 'classification withdrawn: Service restored within minutes, no significant impact.',
      at: '2025-01-31T11:00:00.000Z',
      by: 'rules',
    });
  });

  it('DORA: the initial notification 4 h after the classification as major, at the latest 24 h after awareness', async () => {
    const bank = await controller({ country: 'DE', region: 'DE-HE', dora: true, nis2: 'essential' });
    t.clock.set('2025-06-04T12:00:00Z');
    const id = await own(bank.token, '2025-06-03T08:00:00Z');
    const classify = (body: Record<string, unknown>) =>
      t.request('PUT', `/api/v1/incidents/${id}/classifications/dora`, { token: bank.token, body });
    const early = await classify({ major: true, awareAt: '2025-06-03T08:00:00Z', classifiedAt: '2025-06-03T10:00:00Z' });
    expect(early.status).toBe(200);
    expect(byKey(early.body.items, 'dora/initial_notification/de-bafin')).toMatchObject({ dueAt: '2025-06-03T14:00:00.000Z' });
    const capped = await classify({ major: true, awareAt: '2025-06-03T08:00:00Z', classifiedAt: '2025-06-04T06:00:00Z' });
    expect(byKey(capped.body.items, 'dora/initial_notification/de-bafin')).toMatchObject({ dueAt: '2025-06-04T08:00:00.000Z' });
    // A DORA entity reports under DORA only: no NIS2 duties, though it is also a NIS2 entity.
    expect(capped.body.items.filter((o: ObligationBody) => o.regime === 'nis2')).toEqual([]);
    const nis2 = await t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
      token: bank.token,
      body: { significant: true, awareAt: '2025-06-03T08:00:00Z' },
    });
    expect(nis2.status).toBe(200);
    expect(nis2.body.items.filter((o: ObligationBody) => o.regime === 'nis2')).toEqual([]);
    // Another controller's incident does not exist for the caller; an organization that is not a DORA entity gets 409.
    const body = { major: true, awareAt: '2025-06-03T08:00:00Z', classifiedAt: '2025-06-03T10:00:00Z' };
    expect((await t.request('PUT', `/api/v1/incidents/${id}/classifications/dora`, { token: tenant.dpoToken, body })).status).toBe(404);
    const plain = await own(tenant.dpoToken, '2025-06-03T08:00:00Z');
    const refused = await t.request('PUT', `/api/v1/incidents/${plain}/classifications/dora`, { token: tenant.dpoToken, body });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/obligation\.not_classifiable$/);
  });

  it('freezes a fulfilled obligation: moving the awareness afterwards changes neither its deadline nor met/late', async () => {
    t.clock.set('2025-06-10T12:00:00Z');
    const id = await own(tenant.dpoToken, '2025-06-06T10:00:00Z');
    const late = await file(tenant.dpoToken, id, { kind: 'authority_initial', sentAt: '2025-06-10T12:00:00Z', reasonsForDelay: REASONS });
    expect(late.status).toBe(201);
    const before = byKey(await obligations(tenant.dpoToken, id), 'gdpr/notify_authority/de-he');
    expect(before).toMatchObject({ state: 'late', dueAt: '2025-06-09T10:00:00.000Z', startsAt: '2025-06-06T10:00:00.000Z' });
    const moved = await t.request('PATCH', `/api/v1/incidents/${id}`, {
      token: tenant.dpoToken,
      headers: { 'if-match': '"2"' },
      body: { controllerAwareAt: '2025-06-08T10:00:00Z', reason: 'The first hint was a false alarm; awareness came later.' },
    });
    expect(moved.status).toBe(200);
    const after = byKey(moved.body.obligations, 'gdpr/notify_authority/de-he');
    expect(after).toMatchObject({ state: 'late', dueAt: '2025-06-09T10:00:00.000Z', startsAt: '2025-06-06T10:00:00.000Z' });
    expect(after.fulfilledAt).toBe('2025-06-10T12:00:00.000Z');
  });

  it('waives a duty by hand with reasons; the processor sees only its report to the controller, strangers nothing', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const filed = await t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-06-06T11:00:00Z'),
    });
    const id = filed.body.id;
    const mine = await obligations(tenant.dpoToken, id);
    expect(mine.map((o) => [o.key, o.state])).toEqual([
      ['contract/report_to_controller/controller', 'met'],
      ['gdpr/notify_authority/de-he', 'running'],
    ]);
    const theirs = await obligations(tenant.processorToken, id);
    expect(theirs.map((o) => [o.key, o.state])).toEqual([['contract/report_to_controller/controller', 'met']]);
    expect(filed.body.obligations.map((o: ObligationBody) => o.key)).toEqual(['contract/report_to_controller/controller']);

    const stranger = await makeTenant(t);
    expect((await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token: stranger.dpoToken })).status).toBe(404);
    const authority = byKey(mine, 'gdpr/notify_authority/de-he').id;
    const waive = (token: string, reason: string) =>
      t.request('POST', `/api/v1/obligations/${authority}/waive`, { token, body: { reason } });
    expect((await waive(stranger.dpoToken, 'Not ours to waive, but we try anyway.')).status).toBe(404);
    expect((await waive(tenant.processorToken, 'The processor may not waive this duty.')).status).toBe(403);
    const short = await waive(tenant.dpoToken, 'short');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const ok = await waive(tenant.dpoToken, 'Only test records of our own staff were in the file.');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      state: 'waived',
      waived: { reason: 'Only test records of our own staff were in the file.', by: 'user' },
    });
    expect((await waive(tenant.dpoToken, 'Only test records of our own staff were in the file.')).status).toBe(409);

    const trail = async (token: string) =>
      (await t.request('GET', `/api/v1/incidents/${id}/audit`, { token })).body.items
        .filter((e: { action: string }) => e.action.startsWith('obligation.'))
        .map((e: { action: string; changes: { key: { to: string } } }) => `${e.action} ${e.changes.key.to}`);
    expect(await trail(tenant.dpoToken)).toEqual([
      'obligation.created contract/report_to_controller/controller',
      'obligation.created gdpr/notify_authority/de-he',
      'obligation.fulfilled contract/report_to_controller/controller',
      'obligation.waived gdpr/notify_authority/de-he',
    ]);
    expect(await trail(tenant.processorToken)).toEqual([
      'obligation.created contract/report_to_controller/controller',
      'obligation.fulfilled contract/report_to_controller/controller',
    ]);
  });

  it('reopens a not-notifiable incident on new facts: a new authority duty 72 h from the new awareness, the old one kept as waived', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(tenant.dpoToken, '2025-06-06T10:00:00Z');
    expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: lowRiskAssessment })).status).toBe(
      200,
    );
    const decided = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: tenant.dpoToken,
      body: {
        notifyAuthority: false,
        authorityReason: 'The backup was encrypted and the key is safe.',
        notifySubjects: false,
        subjectsExemption: '34(3)(a)',
        subjectsReason: 'No risk to the people: the data are unintelligible.',
      },
    });
    expect([decided.status, decided.body.errors]).toEqual([201, undefined]);
    const waived = byKey(await obligations(tenant.dpoToken, id), 'gdpr/notify_authority/de-he');
    expect(waived).toMatchObject({ state: 'waived', waived: { by: 'rules' } });

    t.clock.set('2025-06-20T10:00:00Z');
    const reopen = (body: Record<string, unknown>) => t.request('POST', `/api/v1/incidents/${id}/reopen`, { token: tenant.dpoToken, body });
    const short = await reopen({ awareAt: '2025-06-20T09:00:00Z', reason: 'key leaked' });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const earlier = await reopen({ awareAt: '2025-06-06T09:00:00Z', reason: 'The key of the encrypted backup was compromised.' });
    expect(earlier.status).toBe(400);
    const res = await reopen({ awareAt: '2025-06-20T09:00:00Z', reason: 'The key of the encrypted backup was compromised.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'assessed', controllerAwareAt: '2025-06-20T09:00:00.000Z' });
    const items = (res.body.obligations as ObligationBody[]).filter((o) => o.key === 'gdpr/notify_authority/de-he');
    expect(items.map((o) => [o.id === waived.id, o.state, o.startsAt, o.dueAt])).toEqual([
      [true, 'waived', '2025-06-06T10:00:00.000Z', '2025-06-09T10:00:00.000Z'],
      [false, 'running', '2025-06-20T09:00:00.000Z', '2025-06-23T09:00:00.000Z'],
    ]);
    const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
    expect(trail.body.items.find((e: { action: string }) => e.action === 'incident.reopened')).toMatchObject({
      reason: 'The key of the encrypted backup was compromised.',
      changes: {
        status: { from: 'not_notifiable', to: 'assessed' },
        controllerAwareAt: { from: '2025-06-06T10:00:00.000Z', to: '2025-06-20T09:00:00.000Z' },
      },
    });
    expect((await reopen({ awareAt: '2025-06-20T09:30:00Z', reason: 'The key of the encrypted backup was compromised.' })).status).toBe(
      409,
    );
  });

  it('closes only when every obligation is met, late with reasons, or waived: otherwise 409 naming them', async () => {
    t.clock.set('2025-06-06T12:00:00Z');
    const us = await controller({ country: 'US' });
    const id = await own(us.token, '2025-06-06T10:00:00Z', { affectedCountries: ['FR', 'IT'] });
    const close = () => t.request('POST', `/api/v1/incidents/${id}/status`, { token: us.token, body: { status: 'closed' } });
    expect((await file(us.token, id, { kind: 'authority_initial', authorityId: 'fr', sentAt: '2025-06-06T12:00:00Z' })).status).toBe(201);
    const refused = await close();
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/incident\.open_obligations$/);
    expect(refused.body.detail).toContain('gdpr/notify_authority/it');
    expect(refused.body.obligations).toEqual([
      expect.objectContaining({ key: 'gdpr/notify_authority/it', dueAt: '2025-06-09T10:00:00.000Z' }),
    ]);
    const garante = byKey(await obligations(us.token, id), 'gdpr/notify_authority/it').id;
    const waived = await t.request('POST', `/api/v1/obligations/${garante}/waive`, {
      token: us.token,
      body: { reason: 'Only French customers were in the affected list after all.' },
    });
    expect(waived.status).toBe(200);
    const closed = await close();
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('a telecom provider owes the ePrivacy notification 24 h after detection beside the GDPR one; a decision to tell the people adds that duty', async () => {
    const telco = await controller({ country: 'DE', region: 'DE-HE', telecom: true });
    t.clock.set('2025-06-06T12:00:00Z');
    const id = await own(telco.token, '2025-06-06T10:00:00Z');
    const items = await obligations(telco.token, id);
    expect(items.filter((o) => o.regime === 'eprivacy').map((o) => [o.recipient.name, o.dueAt])).toEqual([
      [expect.stringContaining('BfDI'), '2025-06-07T10:00:00.000Z'],
      ['Federal Network Agency (BNetzA)', '2025-06-07T10:00:00.000Z'],
    ]);
    expect(byKey(items, 'gdpr/notify_authority/de-bfdi').dueAt).toBe('2025-06-09T10:00:00.000Z');

    expect((await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: telco.token, body: lowRiskAssessment })).status).toBe(
      200,
    );
    const decided = await t.request('POST', `/api/v1/incidents/${id}/decision`, {
      token: telco.token,
      body: {
        notifyAuthority: true,
        notifySubjects: true,
        subjectsReason: 'We tell our customers whatever the risk: they trust us with their lines.',
      },
    });
    expect([decided.status, decided.body.errors]).toEqual([201, undefined]);
    const people = byKey(await obligations(telco.token, id), 'gdpr/communicate_to_data_subjects/data_subjects');
    expect(people).toMatchObject({ state: 'open', dueAt: null, startsAt: '2025-06-06T12:00:00.000Z' });
    const told = await file(telco.token, id, { kind: 'data_subjects', sentAt: '2025-06-06T12:00:00Z' });
    expect(told.status).toBe(201);
    expect(byKey(await obligations(telco.token, id), 'gdpr/communicate_to_data_subjects/data_subjects')).toMatchObject({
      state: 'met',
      fulfilledBy: told.body.id,
    });
  });

  // role × route: what each side may see and do with the obligations of a processor's report.
  it('keeps the tenancy and role matrix on every obligation route', async () => {
    const identity = t.get(IdentityService);
    const email = `admin-${tenant.processorSlug}@processor.example`;
    await identity.createUser({ organizationSlug: tenant.processorSlug, email, role: 'org_admin' }, CLI_ACTOR);
    const processorAdmin = (await identity.createToken(email, CLI_ACTOR)).token;
    const stranger = await makeTenant(t);
    t.clock.set('2025-06-06T12:00:00Z');
    const id = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T11:00:00Z'),
      })
    ).body.id;
    const authority = byKey(await obligations(tenant.dpoToken, id), 'gdpr/notify_authority/de-he').id;
    const reason = 'Only test records of our own staff were in the file.';
    const callers = [
      ['controller_dpo', tenant.dpoToken],
      ['org_admin of the controller', tenant.adminToken],
      ['processor_staff', tenant.processorToken],
      ['org_admin of the processor', processorAdmin],
      ['another tenant', stranger.dpoToken],
    ] as const;
    const seen: Record<string, unknown> = {};
    for (const [who, token] of callers) {
      const list = await t.request('GET', `/api/v1/incidents/${id}/obligations`, { token });
      const incident = await t.request('GET', `/api/v1/incidents/${id}`, { token });
      const classify = await t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
        token,
        body: { significant: true, awareAt: '2025-06-06T11:00:00Z' },
      });
      const waive = await t.request('POST', `/api/v1/obligations/${authority}/waive`, { token, body: { reason: `${who}: ${reason}` } });
      seen[who] = {
        list: list.status === 200 ? list.body.items.map((o: ObligationBody) => o.regime) : list.status,
        incident: incident.status === 200 ? incident.body.obligations.length : incident.status,
        classify: classify.status,
        waive: waive.status,
      };
    }
    expect(seen).toEqual({
      controller_dpo: { list: ['contract', 'gdpr'], incident: 2, classify: 409, waive: 200 }, // not a NIS2 entity; waived
      'org_admin of the controller': { list: ['contract', 'gdpr'], incident: 2, classify: 403, waive: 403 },
      processor_staff: { list: ['contract'], incident: 1, classify: 403, waive: 403 },
      'org_admin of the processor': { list: ['contract'], incident: 1, classify: 403, waive: 403 },
      'another tenant': { list: 404, incident: 404, classify: 404, waive: 404 },
    });
  });

  it('derives one change at a time: classifications sent at once leave one live obligation per key', async () => {
    const nis2 = await controller({ country: 'DE', region: 'DE-HE', nis2: 'important' });
    t.clock.set('2025-03-03T12:00:00Z');
    const id = await own(nis2.token, '2025-03-03T08:00:00Z');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        t.request('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
          token: nis2.token,
          body: { significant: true, awareAt: `2025-03-03T0${n % 4}:00:00Z` },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const live = await t.dataSource.query(
      `SELECT key, count(*)::int AS n FROM obligation WHERE incident_id = $1 AND phase = 'live' GROUP BY key ORDER BY key`,
      [id],
    );
    expect(live).toEqual([
      { key: 'gdpr/notify_authority/de-he', n: 1 },
      { key: 'nis2/early_warning/de-bsi', n: 1 },
      { key: 'nis2/final_report/de-bsi', n: 1 },
      { key: 'nis2/incident_notification/de-bsi', n: 1 },
    ]);
  });

  it('DORA chain: intermediate report 72 h after the initial one, final report a month after the latest (updated) intermediate report', async () => {
    const bank = await controller({ country: 'DE', region: 'DE-HE', dora: true });
    t.clock.set('2025-03-03T12:00:00Z');
    const id = await own(bank.token, '2025-03-03T08:00:00Z');
    const classified = await t.request('PUT', `/api/v1/incidents/${id}/classifications/dora`, {
      token: bank.token,
      body: { major: true, awareAt: '2025-03-03T08:00:00Z', classifiedAt: '2025-03-03T09:00:00Z' },
    });
    const key = (duty: string) => `dora/${duty}/de-bafin`;
    const initial = byKey(classified.body.items, key('initial_notification'));
    expect(initial.dueAt).toBe('2025-03-03T13:00:00.000Z');
    expect(
      (await file(bank.token, id, { obligationId: initial.id, sentAt: '2025-03-03T11:00:00Z', body: 'Initial notification.' })).status,
    ).toBe(201);
    let items = await obligations(bank.token, id);
    const intermediate = byKey(items, key('intermediate_report'));
    expect(intermediate).toMatchObject({ state: 'running', startsAt: '2025-03-03T11:00:00.000Z', dueAt: '2025-03-06T11:00:00.000Z' });
    t.clock.set('2025-03-05T12:00:00Z');
    expect(
      (await file(bank.token, id, { obligationId: intermediate.id, sentAt: '2025-03-05T10:00:00Z', body: 'Intermediate.' })).status,
    ).toBe(201);
    items = await obligations(bank.token, id);
    expect(byKey(items, key('intermediate_report')).state).toBe('met');
    // One month ends with Saturday 5 April (Berlin): DORA Art. 5(4) moves it to noon of Monday 7 April.
    expect(byKey(items, key('final_report'))).toMatchObject({ startsAt: '2025-03-05T10:00:00.000Z', dueAt: '2025-04-07T10:00:00.000Z' });
    // An updated intermediate report is another filing of it: the final report runs from the latest.
    t.clock.set('2025-03-12T12:00:00Z');
    const update = await file(bank.token, id, {
      obligationId: intermediate.id,
      sentAt: '2025-03-12T10:00:00Z',
      body: 'Updated intermediate.',
    });
    expect(update.status).toBe(201);
    items = await obligations(bank.token, id);
    expect(byKey(items, key('intermediate_report'))).toMatchObject({ state: 'met', fulfilledAt: '2025-03-05T10:00:00.000Z' });
    expect(byKey(items, key('final_report'))).toMatchObject({ startsAt: '2025-03-12T10:00:00.000Z', dueAt: '2025-04-14T10:00:00.000Z' });
    // Any other fulfilled duty takes no second filing.
    expect((await file(bank.token, id, { obligationId: initial.id, sentAt: '2025-03-12T10:00:00Z', body: 'Again.' })).status).toBe(409);
  });
});
