import fc from 'fast-check';
import { AuditService } from '../../src/audit/audit.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { DomainError } from '../../src/platform/http/domain-error';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../src/platform/validation/input-rules';
import { anyText, encodeForm } from '../support/arbitraries';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp, TestResponse } from '../support/test-app';

// Property: whatever text is written through any audited path — the API, a web form, the command
// line's services — the audit chain verifies afterwards. Text PostgreSQL cannot store as sent (NUL,
// an unpaired surrogate) is refused with a 400 naming the field; any other text (astral planes,
// right-to-left overrides, emoji sequences) is stored and read back exactly as sent.
const PASSWORD = 'correct horse battery staple';
const ASSESSMENT = {
  dataCategories: [{ category: 'financial' }],
  easeOfIdentification: 'maximum',
  confidentiality: 'unknown_recipients',
  integrity: 'not_affected',
  availability: 'not_affected',
  maliciousIntent: true,
};

describe('audit chain property', () => {
  let t: TestApp;
  let tenant: Tenant;
  let cookie: string;
  let csrf: string;
  let runs = 0;
  // Moving the awareness needs reasons of at least 20 characters (issue 14): the arbitrary text comes first.
  const MOVED = ' (the processor phoned an hour earlier)';

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const email = `prop-${tenant.controllerSlug}@controller.example`;
    await t
      .get(IdentityService)
      .createUser({ organizationSlug: tenant.controllerSlug, email, role: 'controller_dpo', password: PASSWORD, locale: 'en' }, CLI_ACTOR);
    const res = await t.request('POST', '/login', {
      rawBody: encodeForm({ email, password: PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    cookie = String(res.headers['set-cookie']).split(';')[0];
    csrf = /name="_csrf" value="([^"]+)"/.exec((await t.request('GET', '/settings', { headers: { cookie } })).text)![1];
    t.clock.set('2025-06-06T12:00:00Z');
  });
  afterAll(() => t.close());

  // A write with this text in `field`: refused naming the field when the text cannot be stored,
  // otherwise accepted (the other fields are valid).
  function expectAnswer(res: TestResponse, text: string, field: string, ok: number) {
    if (isStorableText(text)) {
      expect([field, res.status, res.body?.errors]).toEqual([field, ok, undefined]);
    } else {
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.errors).toContainEqual({ path: field, message: UNSTORABLE_TEXT_MESSAGE });
    }
  }

  it('holds for arbitrary Unicode written through every audited path (API, web form, CLI services)', async () => {
    const text = fc
      .oneof(anyText(20), fc.constantFrom('told by phone \ud800 x', 'a\u0000b', '\u202Eevil\u202C 𝔘𝔫𝔦 👩‍💻', '\udc00'))
      .filter((s) => s.trim().length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 7, maxLength: 7 }),
        async ([title, reason, status, assessment, decision, channel, form]) => {
          runs += 1;
          // POST /incidents (processor): the report's free text.
          const filed = await t.request('POST', '/api/v1/incidents', {
            token: tenant.processorToken,
            body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z', { title }),
          });
          expectAnswer(filed, title, 'title', 201);
          const id: string = isStorableText(title)
            ? filed.body.id
            : (
                await t.request('POST', '/api/v1/incidents', {
                  token: tenant.processorToken,
                  body: fullReport(tenant.contractId, '2025-06-06T09:00:00Z'),
                })
              ).body.id;
          if (isStorableText(title)) expect(filed.body.title).toBe(title.trim());

          // PATCH (DPO): awareness moved earlier with a reason (the finding of issue 12), and follow-up facts.
          const patched = await t.request('PATCH', `/api/v1/incidents/${id}`, {
            token: tenant.dpoToken,
            headers: { 'if-match': '"1"' },
            body: { controllerAwareAt: '2025-06-06T11:00:00Z', reason: reason + MOVED, measuresTaken: reason },
          });
          expectAnswer(patched, reason, 'reason', 200);

          // POST …/status with the DPO's reason, PUT …/assessment with a score's reason (jsonb).
          expectAnswer(
            await t.request('POST', `/api/v1/incidents/${id}/status`, {
              token: tenant.dpoToken,
              body: { status: 'triage', reason: status },
            }),
            status,
            'reason',
            200,
          );
          const scored = await t.request('PUT', `/api/v1/incidents/${id}/assessment`, {
            token: tenant.dpoToken,
            body: { ...ASSESSMENT, dataCategories: [{ category: 'financial', score: 3, reason: assessment }] },
          });
          expectAnswer(scored, assessment, 'dataCategories.0.reason', 200);
          if (scored.status !== 200)
            expect(
              (await t.request('PUT', `/api/v1/incidents/${id}/assessment`, { token: tenant.dpoToken, body: ASSESSMENT })).status,
            ).toBe(200);

          // POST …/decision with reasons, POST …/notifications with channel, reference and the text as sent.
          expectAnswer(
            await t.request('POST', `/api/v1/incidents/${id}/decision`, {
              token: tenant.dpoToken,
              body: { notifyAuthority: true, notifySubjects: true, authorityReason: decision },
            }),
            decision,
            'authorityReason',
            201,
          );
          const notified = await t.request('POST', `/api/v1/incidents/${id}/notifications`, {
            token: tenant.dpoToken,
            body: { kind: 'data_subjects', sentAt: '2025-06-06T12:00:00Z', channel, reference: channel, body: `Dear customer, ${channel}` },
          });
          expectAnswer(notified, channel, 'channel', 201);
          if (notified.status === 201) expect(notified.body.body).toBe(`Dear customer, ${channel}`);

          // PUT /contracts/:id/escalation: a deputy's name (jsonb).
          expectAnswer(
            await t.request('PUT', `/api/v1/contracts/${tenant.contractId}/escalation`, {
              token: tenant.dpoToken,
              body: { deputies: [{ name: channel, email: 'deputy@controller.example' }] },
            }),
            channel,
            'deputies.0.name',
            200,
          );

          // The incident page's follow-up form (urlencoded: a lone surrogate travels as its WTF-8 bytes, which arrive as U+FFFD).
          const version = (await t.request('GET', `/api/v1/incidents/${id}`, { token: tenant.dpoToken })).body.version;
          const posted = await t.request('POST', `/incidents/${id}/facts`, {
            rawBody: encodeForm({ _csrf: csrf, version: String(version), measuresProposed: form }),
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          });
          expect([303, 400]).toContain(posted.status);
          if (form.includes('\u0000')) expect(posted.status).toBe(400);

          // The command line: organizations are created through the same validation (validateInput).
          const created = await t
            .get(IdentityService)
            .createOrganization(
              {
                slug: `prop-${runs}-${tenant.controllerSlug}`.slice(0, 60),
                name: form,
                kind: 'controller',
                country: 'DE',
                region: 'DE-HE',
              },
              CLI_ACTOR,
            )
            .then(
              () => 'created',
              (e: unknown) => (e instanceof DomainError ? e.errors : e),
            );
          expect(created).toEqual(
            isStorableText(form) && form.trim() ? 'created' : expect.arrayContaining([expect.objectContaining({ path: 'name' })]),
          );

          // The trail reads back what was sent, and the chain verifies.
          if (isStorableText(reason)) {
            const trail = await t.request('GET', `/api/v1/incidents/${id}/audit`, { token: tenant.dpoToken });
            expect(trail.body.items.find((e: { action: string }) => e.action === 'incident.updated').reason).toBe((reason + MOVED).trim());
          }
          const verified = await t.get(AuditService).verifyChain();
          expect(verified.break).toBeNull();
        },
      ),
      { numRuns: 40, seed: 20261127 },
    );
    expect(runs).toBe(40);
  }, 300_000);
});
