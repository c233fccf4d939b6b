import fc from 'fast-check';
import { AssessmentDto } from '../../src/assessments/dto/assessment.dto';
import { DecisionDto } from '../../src/assessments/dto/decision.dto';
import { EscalationSettingsDto } from '../../src/contracts/dto/create-contract.dto';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { CreateApiTokenDto } from '../../src/identity/dto/api-token.dto';
import { InviteUserDto, UpdateUserDto } from '../../src/identity/dto/manage-user.dto';
import { UpdateOrganizationDto } from '../../src/identity/dto/update-organization.dto';
import { IdentityService } from '../../src/identity/identity.service';
import { BatchIncidentDto, CreateBatchDto, PatchBatchDto } from '../../src/incidents/batches/dto/create-batch.dto';
import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { ChangeStatusDto } from '../../src/incidents/dto/change-status.dto';
import { CreateIncidentDto } from '../../src/incidents/dto/create-incident.dto';
import { UpdateIncidentDto } from '../../src/incidents/dto/update-incident.dto';
import { RecordNotificationDto } from '../../src/notifications/dto/record-notification.dto';
import { DoraClassificationDto, Nis2ClassificationDto } from '../../src/obligations/dto/classification.dto';
import { WaiveObligationDto } from '../../src/obligations/dto/waive-obligation.dto';
import { AuditService } from '../../src/audit/audit.service';
import { anyText, bodyOf, encodeForm, formOf, hostileValue } from '../support/arbitraries';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { TEST_ENGINE } from '../support/db';
import { startTestApp, TestApp, TestResponse } from '../support/test-app';

// Every write route of the API and every form of the pages gets generated bodies: derived from the
// route's DTO (valid most of the time, hostile in places) or from the form's fields, plus the hostile
// values of issue 12. Whatever comes, the answer is never a 5xx, and a 4xx writes nothing (nothing
// in any table a write would touch, the audit chain included). A refused sign-in is the exception
// by design: it counts an attempt (sign_in_attempt, not watched here).
// 240 per route on PostgreSQL (10,320 requests, the run of record); the second pass of the e2e suite
// on the embedded PGlite repeats the first 60 per route (same seed), to keep the suite's time.
const RUNS_PER_ROUTE = TEST_ENGINE === 'pglite' ? 60 : 240;
const PASSWORD = 'correct horse battery staple';

interface Route {
  name: string;
  request: fc.Arbitrary<() => Promise<TestResponse>>;
}

describe('fuzz: generated bodies to every write route and form', () => {
  let t: TestApp;
  let tenant: Tenant;
  let ids: string[];
  let incidentIds: string[];
  let routes: Route[];
  const statuses = new Map<string, Map<number, number>>();
  let sent = 0;

  // What any write changes: rows of every written table, and the audit chain's head.
  const fingerprint = async () =>
    JSON.stringify(
      await t.dataSource.query(
        `SELECT (SELECT count(*) FROM incident)::int AS incidents, (SELECT coalesce(sum(version), 0)::int FROM incident) AS versions,
                (SELECT coalesce(max(seq), 0)::text FROM audit_event) AS audit, (SELECT count(*) FROM assessment)::int AS assessments,
                (SELECT count(*) FROM decision)::int AS decisions, (SELECT count(*) FROM notification)::int AS notifications,
                (SELECT count(*) FROM web_session)::int AS sessions, (SELECT count(*) FROM escalation)::int AS escalations,
                (SELECT count(*) FROM obligation)::int AS obligations, (SELECT count(*) FROM contract)::int AS contracts,
                (SELECT md5(string_agg(id || phase || coalesce(due_at::text, ''), ',' ORDER BY id)) FROM obligation) AS duties,
                (SELECT md5(coalesce(string_agg(incident_id || recorded_at::text, ',' ORDER BY incident_id), '')) FROM nis2_classification) AS nis2,
                (SELECT md5(coalesce(string_agg(incident_id || recorded_at::text, ',' ORDER BY incident_id), '')) FROM dora_classification) AS dora,
                (SELECT coalesce(sum(calendar_feed_generation), 0)::int FROM app_user) AS feeds,
                (SELECT count(*)::int FROM api_token) AS tokens, (SELECT count(revoked_at)::int FROM api_token) AS revoked,
                (SELECT md5(string_agg(id || role || active::text, ',' ORDER BY id)) FROM app_user) AS users,
                (SELECT md5(string_agg(to_jsonb(o)::text, ',' ORDER BY id)) FROM organization o) AS organizations,
                (SELECT count(*)::int FROM webhook_endpoint WHERE active) AS webhooks,
                (SELECT md5(string_agg(id || status || updated_at::text, ',' ORDER BY id)) FROM incident_batch) AS batches`,
      ),
    );

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    const other = await makeTenant(t);
    const identity = t.get(IdentityService);
    const web = async (slug: string, email: string, role: 'controller_dpo' | 'processor_staff' | 'org_admin') => {
      await identity.createUser({ organizationSlug: slug, email, role, password: PASSWORD, locale: 'en' }, CLI_ACTOR);
      const res = await t.request('POST', '/login', {
        rawBody: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await t.request('GET', '/settings', { headers: { cookie } })).text)![1];
      return { cookie, csrf };
    };
    const dpo = await web(tenant.controllerSlug, `fuzz-dpo-${tenant.controllerSlug}@controller.example`, 'controller_dpo');
    const staff = await web(tenant.processorSlug, `fuzz-staff-${tenant.processorSlug}@processor.example`, 'processor_staff');
    const pw = await web(tenant.controllerSlug, `fuzz-pw-${tenant.controllerSlug}@controller.example`, 'controller_dpo');
    const admin = await web(tenant.controllerSlug, `fuzz-admin-${tenant.controllerSlug}@controller.example`, 'org_admin');
    const leaving = await web(tenant.controllerSlug, `fuzz-out-${tenant.controllerSlug}@controller.example`, 'controller_dpo');
    // The offboarding forms get an organization of their own: its deletion (the last route) removes
    // nobody the other routes write to.
    const departing = await makeTenant(t);
    const offboarder = await web(departing.controllerSlug, `fuzz-admin-${departing.controllerSlug}@controller.example`, 'org_admin');
    const slug = departing.controllerSlug;
    const nearMisses = [
      tenant.controllerSlug,
      departing.processorSlug,
      slug.toUpperCase(),
      `${slug}x`,
      slug.slice(0, -1),
      `${slug.slice(0, 4)} ${slug.slice(4)}`,
      '',
      'ctrl',
      '*',
      '%',
      departing.controllerId,
    ];

    t.clock.set('2025-06-06T12:00:00Z');
    const file = async (token: string, body: Record<string, unknown>) =>
      (await t.request('POST', '/api/v1/incidents', { token, body })).body.id as string;
    incidentIds = [
      await file(tenant.processorToken, fullReport(tenant.contractId, '2025-06-06T09:00:00Z')),
      await file(tenant.processorToken, fullReport(tenant.contractId, '2025-06-06T09:00:00Z', { draft: true })),
      await file(tenant.dpoToken, fullReport(undefined, '2025-06-06T09:00:00Z')),
      await file(other.processorToken, fullReport(other.contractId, '2025-06-06T09:00:00Z')),
    ];
    const batchIntake = { ...fullReport(undefined, '2025-06-06T09:00:00Z'), contractId: undefined };
    const batch = await t.request('POST', '/api/v1/incidents/batches', {
      token: tenant.processorToken,
      body: { contracts: 'all', incident: batchIntake },
    });
    await t.get(IncidentBatchRunner).runPending();
    const batchIds = [batch.body.id as string, batch.body.id.toUpperCase(), 'not-a-uuid', '0197451c-ba00-7239-93c7-22bc7915b912'];
    // A draft batch for the draft routes (edited, submitted, discarded on the way), beside the filed one.
    const draft = await t.request('POST', '/api/v1/incidents/batches', {
      token: tenant.processorToken,
      body: { contracts: 'all', incident: { ...batchIntake, draft: true } },
    });
    const draftIds = [draft.body.id as string, draft.body.id as string, ...batchIds];
    // Another for the pages' draft forms (the API's routes may have submitted or discarded the first).
    const pageDraft = await t.request('POST', '/api/v1/incidents/batches', {
      token: tenant.processorToken,
      body: { contracts: 'all', incident: { ...batchIntake, draft: true } },
    });
    const pageDraftIds = [pageDraft.body.id as string, pageDraft.body.id as string, ...batchIds];
    const escalations: { id: string }[] = await t.dataSource.query('SELECT id FROM escalation LIMIT 3');
    ids = [tenant.contractId, other.contractId, ...incidentIds, ...escalations.map((e) => e.id)];
    const userIds = ((await t.dataSource.query('SELECT id FROM app_user ORDER BY id')) as { id: string }[]).map((u) => u.id);
    const obligationIds = ((await t.dataSource.query('SELECT id FROM obligation ORDER BY id')) as { id: string }[]).map((o) => o.id);

    const id = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...incidentIds) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...incidentIds.map((i) => i.toUpperCase()), 'not-a-uuid', '%00', '0197451c-ba00-7239-93c7-22bc7915b912'),
      },
    );
    const token = (...preferred: string[]) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...preferred) },
        { weight: 1, arbitrary: fc.constantFrom(tenant.processorToken, tenant.adminToken, other.dpoToken, 'bc_forged') },
      );
    const json = (
      method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: fc.Arbitrary<string>,
      tokens: fc.Arbitrary<string>,
      body: fc.Arbitrary<unknown>,
      headers: fc.Arbitrary<Record<string, string>> = fc.constant({}),
    ) =>
      fc.tuple(path, tokens, body, headers).map(
        ([p, tk, b, h]) =>
          () =>
            t.request(method, p, {
              token: tk,
              rawBody: JSON.stringify(b) ?? 'null',
              headers: { 'content-type': 'application/json', ...h },
            }),
      );
    const ifMatch = fc.constantFrom('"1"', '"2"', '"3"', '"4"', 'W/"1"', '*', '"99999999999"').map((v) => ({ 'if-match': v }));
    const anyBody = fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 4 }));
    type Session = { cookie: string; csrf: string };
    const form = (path: fc.Arbitrary<string>, who: Session, fields: fc.Arbitrary<Record<string, string | string[]>>) =>
      fc
        .tuple(
          path,
          fields,
          fc.oneof({ weight: 8, arbitrary: fc.constant(who.csrf) }, { weight: 1, arbitrary: fc.constantFrom('', 'wrong') }),
          fc.nat(9),
        )
        .map(([p, f, csrf, n]) => () => {
          // Mostly a form as a browser posts it; sometimes JSON, or a body with broken %-escapes.
          if (n === 0)
            return t.request('POST', p, {
              rawBody: JSON.stringify({ ...f, _csrf: csrf }),
              headers: { 'content-type': 'application/json', cookie: who.cookie },
            });
          const raw = encodeForm({ ...f, _csrf: csrf }) + (n === 1 ? '&title=%E0%A4%A&x=%' : '');
          return t.request('POST', p, {
            rawBody: raw,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie },
          });
        });
    const at = (suffix: string) => id.map((i) => `/incidents/${i}${suffix}`);
    const api = (suffix: string) => id.map((i) => `/api/v1/incidents/${i}${suffix}`);
    const assessmentFields = [
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
    ];
    const assessmentValues = {
      category: ['simple', 'financial', 'sensitive'],
      easeOfIdentification: ['negligible', 'maximum'],
      confidentiality: ['not_affected', 'unknown_recipients'],
      integrity: ['not_affected'],
      availability: ['not_affected'],
      maliciousIntent: ['true', 'false'],
      score: ['1', '4', '5', '2.5'],
    };

    routes = [
      {
        name: 'POST /api/v1/incidents',
        request: fc.oneof(
          json('POST', fc.constant('/api/v1/incidents'), token(tenant.processorToken, tenant.dpoToken), bodyOf(CreateIncidentDto, ids)),
          // A complete report with arbitrary text in its free-text fields.
          json(
            'POST',
            fc.constant('/api/v1/incidents'),
            token(tenant.processorToken),
            fc.tuple(anyText(300), anyText(60)).map(([title, text]) =>
              fullReport(tenant.contractId, '2025-06-06T09:00:00Z', {
                title,
                likelyConsequences: text,
                contact: { name: text, email: 'a@b.example' },
              }),
            ),
          ),
        ),
      },
      {
        name: 'POST /api/v1/incidents/batches',
        request: fc.oneof(
          json(
            'POST',
            fc.constant('/api/v1/incidents/batches'),
            token(tenant.processorToken, tenant.dpoToken),
            bodyOf(CreateBatchDto, ids),
          ),
          json(
            'POST',
            fc.constant('/api/v1/incidents/batches'),
            token(tenant.processorToken),
            fc.record({
              contracts: fc.oneof(
                fc.constantFrom('all', [tenant.contractId], [other.contractId], { subProcessor: 'Hosting Sub GmbH' }),
                anyBody,
              ),
              incident: fc.oneof(bodyOf(BatchIncidentDto, ids), anyBody, fc.constant(batchIntake)),
            }),
          ),
        ),
      },
      {
        name: 'PATCH /api/v1/incidents/batches/:id',
        request: fc.oneof(
          json(
            'PATCH',
            fc.constantFrom(...draftIds).map((b) => `/api/v1/incidents/batches/${b}`),
            token(tenant.processorToken, tenant.dpoToken),
            bodyOf(PatchBatchDto, ids),
          ),
          json(
            'PATCH',
            fc.constantFrom(...draftIds).map((b) => `/api/v1/incidents/batches/${b}`),
            token(tenant.processorToken),
            fc.record(
              {
                contracts: fc.oneof(fc.constantFrom('all', [tenant.contractId], [other.contractId], []), anyBody),
                title: fc.oneof(anyText(300), fc.constant(null)),
                discoveredAt: fc.constantFrom('2025-06-06T08:00:00Z', '2025-06-09T08:00:00Z', 'x', null),
              },
              { requiredKeys: [] },
            ),
          ),
        ),
      },
      {
        name: 'POST /api/v1/incidents/batches/:id/submit',
        request: json(
          'POST',
          fc.constantFrom(...draftIds).map((b) => `/api/v1/incidents/batches/${b}/submit`),
          token(tenant.processorToken, tenant.dpoToken),
          anyBody,
        ),
      },
      {
        name: 'DELETE /api/v1/incidents/batches/:id',
        request: json(
          'DELETE',
          fc.constantFrom(...draftIds).map((b) => `/api/v1/incidents/batches/${b}`),
          token(tenant.dpoToken, tenant.processorToken),
          anyBody,
        ),
      },
      {
        name: 'POST /api/v1/incidents/batches/:id/resume',
        request: json(
          'POST',
          fc.constantFrom(...batchIds).map((b) => `/api/v1/incidents/batches/${b}/resume`),
          token(tenant.processorToken, tenant.dpoToken),
          anyBody,
        ),
      },
      {
        name: 'PATCH /api/v1/incidents/:id',
        request: json('PATCH', api(''), token(tenant.processorToken, tenant.dpoToken), bodyOf(UpdateIncidentDto, ids), ifMatch),
      },
      { name: 'POST /api/v1/incidents/:id/submit', request: json('POST', api('/submit'), token(tenant.processorToken), anyBody) },
      {
        name: 'POST /api/v1/incidents/:id/status',
        request: json('POST', api('/status'), token(tenant.dpoToken), bodyOf(ChangeStatusDto, ids)),
      },
      {
        name: 'PUT /api/v1/incidents/:id/assessment',
        request: json('PUT', api('/assessment'), token(tenant.dpoToken), bodyOf(AssessmentDto, ids)),
      },
      {
        name: 'POST /api/v1/incidents/:id/assessment/preview',
        request: json('POST', api('/assessment/preview'), token(tenant.dpoToken), bodyOf(AssessmentDto, ids)),
      },
      {
        name: 'POST /api/v1/incidents/:id/decision',
        request: json('POST', api('/decision'), token(tenant.dpoToken), bodyOf(DecisionDto, ids)),
      },
      {
        name: 'POST /api/v1/incidents/:id/notifications',
        request: json('POST', api('/notifications'), token(tenant.dpoToken, tenant.processorToken), bodyOf(RecordNotificationDto, ids)),
      },
      {
        name: 'POST /api/v1/obligations/:id/waive',
        request: json(
          'POST',
          fc.constantFrom(...obligationIds, ...ids, 'NOT-A-UUID').map((i) => `/api/v1/obligations/${i}/waive`),
          token(tenant.dpoToken),
          bodyOf(WaiveObligationDto, ids),
        ),
      },
      {
        name: 'PUT /api/v1/incidents/:id/classifications/nis2',
        request: json('PUT', api('/classifications/nis2'), token(tenant.dpoToken), bodyOf(Nis2ClassificationDto, ids)),
      },
      {
        name: 'PUT /api/v1/incidents/:id/classifications/dora',
        request: json('PUT', api('/classifications/dora'), token(tenant.dpoToken), bodyOf(DoraClassificationDto, ids)),
      },
      {
        name: 'PUT /api/v1/contracts/:id/escalation',
        request: json(
          'PUT',
          fc.constantFrom(...ids, 'NOT-A-UUID').map((i) => `/api/v1/contracts/${i}/escalation`),
          token(tenant.dpoToken, tenant.adminToken),
          bodyOf(EscalationSettingsDto, ids),
        ),
      },
      {
        name: 'POST /api/v1/contracts/import',
        request: fc.tuple(token(tenant.adminToken), fc.oneof(fc.string({ maxLength: 300 }), fc.constant('controller_slug\n"'))).map(
          ([tk, text]) =>
            () =>
              t.request('POST', '/api/v1/contracts/import', { token: tk, rawBody: text, headers: { 'content-type': 'text/csv' } }),
        ),
      },
      {
        name: 'POST /api/v1/escalations/:id/retry',
        request: json(
          'POST',
          fc.constantFrom(...ids).map((i) => `/api/v1/escalations/${i}/retry`),
          token(tenant.dpoToken, tenant.adminToken),
          anyBody,
        ),
      },
      {
        name: 'POST /login',
        request: fc
          .tuple(
            formOf(['email', 'password'], {
              email: [`fuzz-dpo-${tenant.controllerSlug}@controller.example`, 'nobody@example.com'],
              password: [PASSWORD, 'wrong'],
            }),
            fc.boolean(),
          )
          .map(
            ([f, asJson]) =>
              () =>
                asJson
                  ? t.request('POST', '/login', { rawBody: JSON.stringify(f), headers: { 'content-type': 'application/json' } })
                  : t.request('POST', '/login', {
                      rawBody: encodeForm(f),
                      headers: { 'content-type': 'application/x-www-form-urlencoded' },
                    }),
          ),
      },
      { name: 'POST /logout', request: form(fc.constant('/logout'), leaving, formOf(['x'])) },
      {
        name: 'POST /incidents',
        request: form(
          fc.constant('/incidents'),
          staff,
          formOf(
            [
              'contractId',
              'title',
              'nature.description',
              'nature.types',
              'nature.cause',
              'occurredAt',
              'discoveredAt',
              'controllerAwareAt',
              'dataCategories',
              'dataCategories.other',
              'subjectCategories',
              'approximateSubjects.count',
              'approximateSubjects.isEstimate',
              'approximateRecords.count',
              'contact.name',
              'contact.email',
              'contact.phone',
              'likelyConsequences',
              'measuresTaken',
              'measuresProposed',
              'draft',
            ],
            {
              contractId: [tenant.contractId, tenant.contractId.toUpperCase()],
              discoveredAt: ['2025-06-06T10:00', '2025-13-01T00:00', 'yesterday'],
              'approximateSubjects.count': ['12', '2147483648', '9007199254740993', '-1', '1e3'],
              'nature.types': ['confidentiality', 'integrity'],
              draft: ['true'],
            },
          ),
        ),
      },
      { name: 'POST /incidents/:id/assessment', request: form(at('/assessment'), dpo, formOf(assessmentFields, assessmentValues)) },
      {
        name: 'POST /incidents/:id/assessment/preview',
        request: form(at('/assessment/preview'), dpo, formOf(assessmentFields, assessmentValues)),
      },
      {
        name: 'POST /incidents/:id/decision',
        request: form(
          at('/decision'),
          dpo,
          formOf(['notifyAuthority', 'notifySubjects', 'authorityReason', 'subjectsReason', 'subjectsExemption'], {
            notifyAuthority: ['true', 'false'],
            notifySubjects: ['true', 'false'],
            subjectsExemption: ['34(3)(a)', '34(3)(c)'],
          }),
        ),
      },
      {
        name: 'POST /incidents/:id/facts',
        request: form(
          at('/facts'),
          staff,
          formOf(
            [
              'version',
              'likelyConsequences',
              'measuresTaken',
              'measuresProposed',
              'approximateSubjects.count',
              'approximateSubjects.isEstimate',
            ],
            { version: ['1', '2', '3', '99999999999'], 'approximateSubjects.count': ['5', '2147483648', '999999999999999', 'x'] },
          ),
        ),
      },
      {
        name: 'POST /incidents/:id/notifications',
        request: form(
          at('/notifications'),
          dpo,
          formOf(['kind', 'sentAt', 'channel', 'reference', 'reasonsForDelay'], {
            kind: ['authority_initial', 'data_subjects', 'processor_to_controller'],
            sentAt: ['2025-06-06T11:00', '2025-06-06T15:00', 'now'],
          }),
        ),
      },
      {
        name: 'POST /incidents/batches',
        request: form(
          fc.constant('/incidents/batches'),
          staff,
          formOf(['scope', 'contracts', 'selection.subProcessor', 'title', 'nature.description', 'discoveredAt', 'subProcessor', 'draft'], {
            scope: ['all', 'selected', 'subProcessor', 'some'],
            contracts: [tenant.contractId, tenant.contractId.toUpperCase(), other.contractId, 'not-a-uuid'],
            'selection.subProcessor': ['Mailer Cloud Ltd', '', 'Nobody Ltd'],
            discoveredAt: ['2025-06-06T10:00', '2025-13-01T00:00', 'yesterday'],
            draft: ['true'],
          }),
        ),
      },
      {
        name: 'POST /incidents/batches/new',
        request: form(
          fc.constant('/incidents/batches/new'),
          staff,
          formOf(['scope', 'contracts', 'q', 'from', 'title'], {
            contracts: [tenant.contractId, other.contractId, 'not-a-uuid'],
            from: ['0', '200', '-1', '99999999', 'x'],
          }),
        ),
      },
      {
        name: 'POST /incidents/batches/:id/edit',
        request: form(
          fc.constantFrom(...pageDraftIds).map((b) => `/incidents/batches/${b}/edit`),
          staff,
          formOf(['scope', 'contracts', 'q', 'from'], { contracts: [tenant.contractId, 'not-a-uuid'], from: ['0', '200', 'x'] }),
        ),
      },
      {
        name: 'POST /incidents/batches/:id',
        request: form(
          fc.constantFrom(...pageDraftIds).map((b) => `/incidents/batches/${b}`),
          staff,
          formOf(['scope', 'contracts', 'title', 'nature.description', 'discoveredAt', 'action'], {
            scope: ['all', 'selected', 'some'],
            contracts: [tenant.contractId, other.contractId, 'not-a-uuid'],
            discoveredAt: ['2025-06-06T10:00', '2025-13-01T00:00', '2025-06-09T10:00'],
            action: ['save', 'save', 'submit', 'x'],
          }),
        ),
      },
      {
        name: 'POST /incidents/batches/:id/facts',
        request: form(
          fc.constantFrom(...pageDraftIds).map((b) => `/incidents/batches/${b}/facts`),
          staff,
          formOf(['measuresTaken', 'approximateSubjects.count', 'containedAt', 'ongoing', 'specialCategories'], {
            'approximateSubjects.count': ['12', '-1', 'many'],
            containedAt: ['2025-06-06T10:00', '2025-06-09T10:00', 'x'],
            ongoing: ['true', 'false', 'maybe'],
            specialCategories: ['none', 'health', 'x'],
          }),
        ),
      },
      {
        name: 'POST /incidents/batches/:id/submit',
        request: form(
          fc.constantFrom(...pageDraftIds).map((b) => `/incidents/batches/${b}/submit`),
          staff,
          formOf(['x']),
        ),
      },
      {
        name: 'POST /incidents/batches/:id/discard',
        request: form(
          fc.constantFrom(...pageDraftIds).map((b) => `/incidents/batches/${b}/discard`),
          staff,
          formOf(['x']),
        ),
      },
      {
        name: 'POST /incidents/batches/:id/resume',
        request: form(
          fc.constantFrom(...batchIds).map((b) => `/incidents/batches/${b}/resume`),
          staff,
          formOf(['x']),
        ),
      },
      {
        name: 'POST /settings',
        request: form(
          fc.constant('/settings'),
          dpo,
          formOf(['locale', 'timeZone'], { locale: ['de', 'en', 'fr'], timeZone: ['Europe/Berlin', 'UTC', 'Mars/Olympus'] }),
        ),
      },
      {
        name: 'POST /settings/password',
        request: form(
          fc.constant('/settings/password'),
          pw,
          formOf(['currentPassword', 'newPassword', 'confirmPassword'], { currentPassword: [PASSWORD, 'wrong'] }),
        ),
      },
      { name: 'POST /calendar-feed', request: form(fc.constant('/calendar-feed'), dpo, formOf(['x'])) },
      {
        name: 'POST /admin/contracts',
        request: form(
          fc.constant('/admin/contracts'),
          dpo,
          formOf(['controllerSlug', 'reference', 'processorNoticeHours'], {
            controllerSlug: [tenant.controllerSlug],
            processorNoticeHours: ['24', '0'],
          }),
        ),
      },
      { name: 'POST /admin/contracts/import', request: form(fc.constant('/admin/contracts/import'), dpo, formOf(['csv'])) },
      {
        name: 'POST /admin/contracts/:id',
        request: form(
          fc.constantFrom(...ids, 'NOT-A-UUID').map((i) => `/admin/contracts/${i}`),
          dpo,
          formOf(['processorNoticeHours', 'subProcessors']),
        ),
      },
      {
        name: 'POST /admin/contracts/:id/escalation',
        request: form(
          fc.constantFrom(...ids, 'NOT-A-UUID').map((i) => `/admin/contracts/${i}/escalation`),
          dpo,
          formOf(['milestones', 'deputies', 'deputiesAfter'], { milestones: ['24h,1h', 'x'], deputies: ['Dee | dee@example.com', 'no'] }),
        ),
      },
      {
        name: 'POST /ack/:token',
        request: fc.tuple(anyText(60), hostileValue).map(
          ([tokenText, b]) =>
            () =>
              t.request('POST', `/ack/${encodeURIComponent(tokenText.replace(/[\ud800-\udfff]/g, '')) || 'x'}`, {
                rawBody: JSON.stringify(b) ?? 'null',
                headers: { 'content-type': 'application/json' },
              }),
        ),
      },
      {
        name: 'PATCH /api/v1/organization',
        request: json('PATCH', fc.constant('/api/v1/organization'), token(tenant.adminToken), bodyOf(UpdateOrganizationDto, ids)),
      },
      {
        name: 'POST /admin/organization',
        request: form(
          fc.constant('/admin/organization'),
          admin,
          formOf(
            [
              'name',
              'address',
              'country',
              'region',
              'sector',
              'publicLevel',
              'nis2',
              'dora',
              'telecom',
              'postal',
              'dpoName',
              'dpoEmail',
              'dpoPhone',
            ],
            {
              country: ['DE', 'AT', 'de', 'XX'],
              region: ['DE-HE', 'DE-BY', '', 'DE-XX'],
              sector: ['private', 'public'],
              publicLevel: ['', 'federal', 'state'],
              nis2: ['none', 'essential', 'important', 'x'],
              dora: ['true'],
              telecom: ['true'],
              postal: ['true'],
              dpoEmail: ['dpo@controller.example', 'x'],
            },
          ),
        ),
      },
      {
        name: 'POST /admin/webhooks',
        request: form(
          fc.constant('/admin/webhooks'),
          admin,
          formOf(['url', 'events', 'includeDetails'], {
            url: ['https://hooks.example.org/breachclock', 'http://127.0.0.1/x', 'ftp://x'],
            events: ['incident.created', 'decision.made', 'nope'],
            includeDetails: ['true', 'false'],
          }),
        ),
      },
      // Last: they may change who may do what.
      {
        name: 'POST /api/v1/tokens',
        request: json(
          'POST',
          fc.constant('/api/v1/tokens'),
          token(tenant.dpoToken, tenant.adminToken),
          bodyOf(CreateApiTokenDto, [...ids, ...userIds]),
        ),
      },
      {
        name: 'POST /api/v1/users',
        request: json('POST', fc.constant('/api/v1/users'), token(tenant.adminToken), bodyOf(InviteUserDto, ids)),
      },
      {
        name: 'PATCH /api/v1/users/:id',
        request: json(
          'PATCH',
          fc.constantFrom(...userIds, ...ids, 'NOT-A-UUID').map((i) => `/api/v1/users/${i}`),
          token(tenant.adminToken),
          bodyOf(UpdateUserDto, ids),
        ),
      },
      { name: 'POST /admin/offboarding/export', request: form(fc.constant('/admin/offboarding/export'), offboarder, formOf(['x'])) },
      // The very last: the right slug deletes the departing organization and ends the session; every
      // request after that is sent to /login (303) and writes nothing.
      {
        name: 'POST /admin/offboarding/delete',
        request: form(
          fc.constant('/admin/offboarding/delete'),
          offboarder,
          formOf(['confirm'], {
            // Mostly near misses (other slugs, other case, a letter more or less); the right one seldom, so
            // the refusals get their share of the runs before the deletion.
            confirm: [...nearMisses, ...nearMisses, ...nearMisses, departing.controllerSlug],
          }),
        ),
      },
    ];
  });

  afterAll(async () => {
    // The figures docs/testing.md quotes: how many requests, and what they were answered with.
    const summary = Object.fromEntries(
      [...statuses].map(([route, byStatus]) => [route, Object.fromEntries([...byStatus].sort(([a], [b]) => a - b))]),
    );
    process.stdout.write(`fuzz: ${sent} requests to ${statuses.size} routes ${JSON.stringify(summary)}\n`);
    await t.close();
  });

  it(`sends ${RUNS_PER_ROUTE} generated bodies to each of the 51 write routes and forms: never a 5xx, and a 4xx writes nothing`, async () => {
    expect(routes).toHaveLength(51);
    // Requests go one at a time and nothing else writes, so the state after one is the state before the next.
    let last = await fingerprint();
    for (const route of routes) {
      const seen = new Map<number, number>();
      statuses.set(route.name, seen);
      await fc.assert(
        fc.asyncProperty(route.request, async (send) => {
          const res = await send();
          sent += 1;
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            const logged = t.logs.filter((l) => l.event === 'http.unexpected_error').slice(-1);
            throw new Error(`${route.name} answered ${res.status}: ${res.text.slice(0, 300)} ${JSON.stringify(logged).slice(0, 1500)}`);
          }
          const now = await fingerprint();
          if (res.status >= 400 && now !== last) throw new Error(`${route.name} answered ${res.status} but wrote: ${last} → ${now}`);
          last = now;
        }),
        { numRuns: RUNS_PER_ROUTE, seed: 20261127 },
      );
    }
    expect(sent).toBe(routes.length * RUNS_PER_ROUTE);
    if (TEST_ENGINE === 'postgres') expect(sent).toBeGreaterThanOrEqual(5000);
    // Some bodies got through (the suite does not only knock on closed doors), and the chain still holds.
    const written = [...statuses.values()]
      .flatMap((m) => [...m])
      .filter(([s]) => s < 400)
      .reduce((n, [, c]) => n + c, 0);
    expect(written).toBeGreaterThan(RUNS_PER_ROUTE / 2);
    expect((await t.get(AuditService).verifyChain()).break).toBeNull();
  }, 600_000);
});
