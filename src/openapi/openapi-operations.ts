import { AssessmentHistorySchema, AssessmentPreviewSchema, AssessmentSchema, DecisionSchema } from './schemas/assessment.schema';
import { AuthorityListSchema, AuthoritySchema, AuthorityTargetsSchema, ResolvedAuthoritySchema } from './schemas/authority.schema';
import { ContractImportSchema, ContractListSchema, ContractSchema } from './schemas/contract.schema';
import { DeadlineListSchema } from './schemas/deadline.schema';
import { EvidenceBundleSchema, RegisterEvidenceSchema } from './schemas/evidence.schema';
import { EscalationListSchema, EscalationSchema } from './schemas/escalation.schema';
import { ApiTokenListSchema, CreatedApiTokenSchema, OrganizationSchema, UserListSchema, UserSchema } from './schemas/identity.schema';
import { AuditEventListSchema, IncidentPageSchema, IncidentSchema } from './schemas/incident.schema';
import { BatchFollowUpSchema, DraftBatchListSchema, IncidentBatchSchema } from './schemas/incident-batch.schema';
import { NotificationListSchema, NotificationSchema } from './schemas/notification.schema';
import { ObligationListSchema, ObligationSchema } from './schemas/obligation.schema';
import { HealthSchema, ProblemSchema } from './schemas/problem.schema';
import { RegisterSchema, RegisterStatsSchema } from './schemas/register.schema';
import { CreatedWebhookSchema, WebhookDeliveryListSchema, WebhookDeliverySchema, WebhookListSchema } from './schemas/webhook.schema';

type SchemaClass = abstract new (...args: never[]) => unknown;

// What one API route answers when it succeeds. The request side (path, query, headers, body) comes
// from the router and the DTOs; the answers come from here, because the controllers return what
// their mappers build and the plugin cannot name a mapper's type. openapi.e2e-spec.ts validates real
// answers against these, and fails for a route of the router that is missing here.
export interface OperationAnswer {
  status: number;
  summary: string;
  // JSON body; absent for 204.
  schema?: SchemaClass;
  // Other bodies the route can send instead of JSON (drafts, the register's CSV).
  alternatives?: Record<string, { type: 'string'; format?: string }>;
  // Response headers, and headers the request may carry.
  headers?: Record<string, string>;
  requestHeaders?: Record<string, string>;
  // A body that is not a JSON DTO (the contract import's text/csv), by media type.
  requestBody?: Record<string, { type: 'string'; format?: string }>;
}

const text = { type: 'string' } as const;
const DRAFT = { 'text/markdown': text, 'text/html': text, 'application/pdf': { type: 'string', format: 'binary' } } as const;
const ETAG = { etag: 'The incident version, "<version>"; send it back as If-Match.' };

export const OPERATIONS: Record<string, OperationAnswer> = {
  'GET /health': { status: 200, summary: 'Health of the instance', schema: HealthSchema },
  'GET /api/v1/contracts': { status: 200, summary: "The DPAs the caller's organization is party to", schema: ContractListSchema },
  'POST /api/v1/contracts/import': {
    status: 200,
    summary: "Import the processor's contracts from a CSV file (all or nothing; 422 names every bad line)",
    schema: ContractImportSchema,
    requestBody: { 'text/csv': text },
  },
  'PUT /api/v1/contracts/{id}/escalation': {
    status: 200,
    summary: 'Escalation milestones and deputies of a contract',
    schema: ContractSchema,
  },
  'POST /api/v1/incidents': {
    status: 201,
    summary: 'File a breach',
    schema: IncidentSchema,
    headers: { ...ETAG, location: 'The address of the new incident.' },
  },
  'GET /api/v1/incidents': { status: 200, summary: 'Visible incidents, newest first', schema: IncidentPageSchema },
  'POST /api/v1/incidents/batches': {
    status: 202,
    summary: 'File one processor breach for many contracts (created in the background), or keep it as one draft',
    schema: IncidentBatchSchema,
    headers: { location: 'The address of the batch, to follow its progress.' },
  },
  'GET /api/v1/incidents/batches/{id}': { status: 200, summary: 'Progress of a batch', schema: IncidentBatchSchema },
  'GET /api/v1/incidents/batches/drafts': { status: 200, summary: "The organization's draft batches", schema: DraftBatchListSchema },
  'PATCH /api/v1/incidents/batches/{id}': {
    status: 200,
    summary: 'Follow-up facts for every incident of a batch (closed ones skipped); a draft: its facts and selection',
    schema: BatchFollowUpSchema,
  },
  'DELETE /api/v1/incidents/batches/{id}': { status: 204, summary: 'Discard a draft batch' },
  'POST /api/v1/incidents/batches/{id}/submit': {
    status: 202,
    summary: 'Submit a draft batch: its reports are filed in the background',
    schema: IncidentBatchSchema,
    headers: { location: 'The address of the batch.' },
  },
  'POST /api/v1/incidents/batches/{id}/resume': {
    status: 202,
    summary: 'Create what a batch is still missing',
    schema: IncidentBatchSchema,
    headers: { location: 'The address of the batch.' },
  },
  'GET /api/v1/incidents/{id}': { status: 200, summary: 'One incident', schema: IncidentSchema, headers: ETAG },
  'PATCH /api/v1/incidents/{id}': {
    status: 200,
    summary: 'Follow-up facts (If-Match required)',
    schema: IncidentSchema,
    requestHeaders: { 'if-match': 'The version the change was made on, "<version>": none → 428, stale → 409.' },
    headers: ETAG,
  },
  'POST /api/v1/incidents/{id}/submit': {
    status: 200,
    summary: 'Report a draft to the controller',
    schema: IncidentSchema,
    headers: ETAG,
  },
  'POST /api/v1/incidents/{id}/status': { status: 200, summary: 'A status step by hand', schema: IncidentSchema, headers: ETAG },
  'POST /api/v1/incidents/{id}/reopen': { status: 200, summary: 'Reopen on new facts', schema: IncidentSchema, headers: ETAG },
  'GET /api/v1/incidents/{id}/audit': { status: 200, summary: "The incident's audit events, oldest first", schema: AuditEventListSchema },
  'GET /api/v1/incidents/{id}/obligations': { status: 200, summary: "The incident's obligations", schema: ObligationListSchema },
  'PUT /api/v1/incidents/{id}/classifications/nis2': {
    status: 200,
    summary: 'NIS2 significant incident (or withdrawn)',
    schema: ObligationListSchema,
  },
  'PUT /api/v1/incidents/{id}/classifications/dora': {
    status: 200,
    summary: 'DORA major ICT incident (or withdrawn)',
    schema: ObligationListSchema,
  },
  'POST /api/v1/obligations/{id}/waive': { status: 200, summary: 'Waive a duty that does not apply', schema: ObligationSchema },
  'GET /api/v1/deadlines': {
    status: 200,
    summary: "Open obligations of the caller's organization: soonest deadline first, then those without one",
    schema: DeadlineListSchema,
  },
  'PUT /api/v1/incidents/{id}/assessment': { status: 200, summary: 'ENISA risk assessment (new version)', schema: AssessmentSchema },
  'POST /api/v1/incidents/{id}/assessment/preview': {
    status: 200,
    summary: 'What an assessment would give (stores nothing)',
    schema: AssessmentPreviewSchema,
  },
  'POST /api/v1/incidents/{id}/decision': { status: 201, summary: 'Decide whom to notify, with reasons', schema: DecisionSchema },
  'GET /api/v1/incidents/{id}/assessments': {
    status: 200,
    summary: 'Every assessment version and decision',
    schema: AssessmentHistorySchema,
  },
  'GET /api/v1/register': {
    status: 200,
    summary: 'The Art. 33(5) register (JSON or CSV)',
    schema: RegisterSchema,
    alternatives: { 'text/csv': text },
  },
  'GET /api/v1/incidents/{id}/evidence': {
    status: 200,
    summary:
      "The incident's evidence bundle: facts at each change, assessments, decisions, notifications, obligations, audit events with hashes, manifest",
    schema: EvidenceBundleSchema,
    headers: { 'content-disposition': 'attachment; filename="evidence-<reference>.json"' },
  },
  'GET /api/v1/register/evidence': {
    status: 200,
    summary:
      "The register of a period (incidents discovered from … to, the caller's zone, at most a year) with each incident's evidence bundle, one manifest over all",
    schema: RegisterEvidenceSchema,
    headers: { 'content-disposition': 'attachment; filename="register-evidence-<from>-<to>.json"' },
  },
  'GET /api/v1/register/stats': { status: 200, summary: 'Figures of the register', schema: RegisterStatsSchema },
  'GET /api/v1/authorities': { status: 200, summary: 'The directory of supervisory authorities', schema: AuthorityListSchema },
  'GET /api/v1/authorities/resolve': { status: 200, summary: 'The competent authority', schema: ResolvedAuthoritySchema },
  'GET /api/v1/authorities/{id}': { status: 200, summary: 'One authority', schema: AuthoritySchema },
  'GET /api/v1/incidents/{id}/authorities': { status: 200, summary: 'Whom to notify', schema: AuthorityTargetsSchema },
  'GET /api/v1/obligations/{id}/draft': {
    status: 200,
    summary: 'The draft that fits one duty (authority form, letter, report, or NIS2/DORA/ePrivacy summary)',
    alternatives: DRAFT,
  },
  'GET /api/v1/incidents/{id}/drafts/authority': { status: 200, summary: 'Notification to the authority', alternatives: DRAFT },
  'GET /api/v1/incidents/{id}/drafts/data-subjects': {
    status: 200,
    summary: 'Communication to the people affected',
    alternatives: DRAFT,
  },
  'GET /api/v1/incidents/{id}/drafts/public-communication': {
    status: 200,
    summary: 'Public communication',
    alternatives: DRAFT,
  },
  'GET /api/v1/incidents/{id}/drafts/processor-report': {
    status: 200,
    summary: "The processor's report to the controller",
    alternatives: DRAFT,
  },
  'POST /api/v1/incidents/{id}/notifications': {
    status: 201,
    summary: 'Record what was sent',
    schema: NotificationSchema,
  },
  'GET /api/v1/incidents/{id}/notifications': { status: 200, summary: 'What was sent, with bodies', schema: NotificationListSchema },
  'GET /api/v1/escalations': {
    status: 200,
    summary: "Escalation mails of the organization's clocks",
    schema: EscalationListSchema,
  },
  'POST /api/v1/escalations/{id}/retry': {
    status: 200,
    summary: 'Queue a failed mail again',
    schema: EscalationSchema,
  },
  'GET /ack/{token}': { status: 200, summary: '"I have this": the confirmation page', alternatives: { 'text/html': text } },
  'POST /ack/{token}': { status: 200, summary: '"I have this": record the acknowledgement', alternatives: { 'text/html': text } },
  'GET /api/v1/tokens': {
    status: 200,
    summary: "API tokens (the caller's; an org admin's: the organization's)",
    schema: ApiTokenListSchema,
  },
  'POST /api/v1/tokens': { status: 201, summary: 'A new API token (the secret shown this once)', schema: CreatedApiTokenSchema },
  'DELETE /api/v1/tokens/{id}': { status: 204, summary: 'Revoke an API token' },
  'GET /api/v1/webhooks': { status: 200, summary: "The organization's webhook endpoints", schema: WebhookListSchema },
  'POST /api/v1/webhooks': {
    status: 201,
    summary: 'A new webhook endpoint (its signing secret shown this once)',
    schema: CreatedWebhookSchema,
  },
  'DELETE /api/v1/webhooks/{id}': { status: 204, summary: 'Delete a webhook endpoint (its pending deliveries are cancelled)' },
  'GET /api/v1/webhooks/{id}/deliveries': {
    status: 200,
    summary: "An endpoint's deliveries, newest first",
    schema: WebhookDeliveryListSchema,
  },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry': {
    status: 200,
    summary: 'Queue a failed delivery again',
    schema: WebhookDeliverySchema,
  },
  'GET /api/v1/users': { status: 200, summary: 'The users of the organization', schema: UserListSchema },
  'POST /api/v1/users': { status: 201, summary: 'Add a user to the organization', schema: UserSchema },
  'PATCH /api/v1/users/{id}': { status: 200, summary: 'Change the role, deactivate or reactivate', schema: UserSchema },
  'GET /api/v1/organization': { status: 200, summary: "The caller's organization", schema: OrganizationSchema },
  'PATCH /api/v1/organization': {
    status: 200,
    summary: 'Change the organization (org admins); new regimes hold for incidents filed from now on',
    schema: OrganizationSchema,
  },
};

// Every schema class the document names (the request DTOs come in through the routes).
export const RESPONSE_SCHEMAS: SchemaClass[] = [
  ...new Set(Object.values(OPERATIONS).flatMap((o) => (o.schema ? [o.schema] : []))),
  ProblemSchema,
];
