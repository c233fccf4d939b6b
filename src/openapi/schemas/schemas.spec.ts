import { toAssessmentResponse, toDecisionResponse } from '../../assessments/dto/assessment.response';
import { toAuthorityResponse } from '../../authorities/dto/authority.response';
import { toContractResponse } from '../../contracts/dto/contract.response';
import { toApiTokenResponse } from '../../identity/dto/api-token.response';
import { toUserResponse } from '../../identity/dto/user.response';
import { toOrganizationResponse } from '../../identity/dto/organization.response';
import { toAuditEventResponse, toIncidentResponse } from '../../incidents/dto/incident.response';
import { toNotificationResponse, toNotificationSummary } from '../../notifications/dto/notification.response';
import { toObligationResponse } from '../../obligations/dto/obligation.response';
import type { Signature } from '../../platform/signing/signatures';
import { AssessmentSchema, DecisionSchema, PublicCommunicationSchema, RecommendationSchema } from './assessment.schema';
import { AuthoritySchema } from './authority.schema';
import { ContractImportSchema, ContractSchema, EscalationSettingsSchema } from './contract.schema';
import { toContractImportResponse } from '../../contracts/dto/contract-import.response';
import { ApiTokenSchema, OrganizationSchema, UserSchema } from './identity.schema';
import { AuditEventSchema, ClockSchema, ContactSchema, IncidentSchema, NatureSchema, NotABreachSchema } from './incident.schema';
import { NotificationSchema, NotificationSummarySchema } from './notification.schema';
import { ObligationSchema, WaivedSchema } from './obligation.schema';
import { RegisterEntrySchema, RegisterStatsSchema } from './register.schema';
import { toRegisterEntryResponse } from '../../register/dto/register-entry.response';
import type { RegisterEvidenceResponse } from '../../evidence/register-evidence.service';
import type { RegisterStats } from '../../register/domain/register-stats';
import { toOpenDutyResponse } from '../../deadlines/dto/open-duty.response';
import { DeadlineSchema } from './deadline.schema';
import { toWebhookDeliveryResponse, toWebhookResponse } from '../../webhooks/dto/webhook.response';
import { WebhookDeliverySchema, WebhookSchema } from './webhook.schema';
import type { EvidenceBundleResponse } from '../../evidence/evidence.service';
import type { EvidenceEvent, FactsAtChange } from '../../evidence/domain/evidence-bundle';
import {
  EvidenceBundleSchema,
  EvidenceEventSchema,
  EvidenceManifestSchema,
  SignatureSchema,
  FactsAtChangeSchema,
  ChainedContentSchema,
  RegisterEvidenceManifestSchema,
  RegisterEvidenceOrganizationSchema,
  RegisterEvidencePeriodSchema,
  RegisterEvidenceSchema,
} from './evidence.schema';
import { toIncidentBatchResponse } from '../../incidents/batches/dto/incident-batch.response';
import type { BatchFollowUpResult } from '../../incidents/batches/incident-batches.service';
import { BatchFollowUpSchema, IncidentBatchSchema } from './incident-batch.schema';

// A schema class fits its mapper when both have the same properties and every value the mapper can
// send is a value of the schema (the mapper's type is assignable to the class). The compiler checks
// this (npm run typecheck, part of npm test): a property added to or dropped from a mapper, or a
// type made wider (a new enum value, a new null), fails to compile until the schema follows.
// Mappers written inline in controllers (escalations) are held to their
// schemas by the e2e test, which validates real answers with additionalProperties: false.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Fits<Schema, Response> = SameKeys<Schema, Response> extends true ? (Response extends Schema ? true : false) : false;
const fits = <Schema, Response>(name: string, ok: Fits<Schema, Response>) => [name, ok] as const;

type Incident = ReturnType<typeof toIncidentResponse>;
type Obligation = ReturnType<typeof toObligationResponse>;
type Assessment = ReturnType<typeof toAssessmentResponse>;
type Decision = ReturnType<typeof toDecisionResponse>;
type Contract = ReturnType<typeof toContractResponse>;

describe('response schemas', () => {
  it('match the response mappers property for property (checked by the compiler)', () => {
    const checks = [
      fits<IncidentSchema, Incident>('incident', true),
      fits<NatureSchema, Incident['nature']>('nature', true),
      fits<ContactSchema, NonNullable<Incident['contact']>>('contact', true),
      fits<NotABreachSchema, NonNullable<Incident['notABreach']>>('notABreach', true),
      fits<ClockSchema, NonNullable<Incident['deadlines']['authority']>>('clock', true),
      fits<AuditEventSchema, ReturnType<typeof toAuditEventResponse>>('audit event', true),
      fits<ObligationSchema, Obligation>('obligation', true),
      fits<WaivedSchema, NonNullable<Obligation['waived']>>('waived', true),
      fits<AssessmentSchema, Assessment>('assessment', true),
      fits<RecommendationSchema, Assessment['recommendation']>('recommendation', true),
      fits<DecisionSchema, Decision>('decision', true),
      fits<PublicCommunicationSchema, NonNullable<Decision['publicCommunication']>>('public communication', true),
      fits<NotificationSummarySchema, ReturnType<typeof toNotificationSummary>>('notification summary', true),
      fits<NotificationSchema, ReturnType<typeof toNotificationResponse>>('notification', true),
      fits<ApiTokenSchema, ReturnType<typeof toApiTokenResponse>>('api token', true),
      fits<UserSchema, ReturnType<typeof toUserResponse>>('user', true),
      fits<OrganizationSchema, ReturnType<typeof toOrganizationResponse>>('organization', true),
      fits<AuthoritySchema, ReturnType<typeof toAuthorityResponse>>('authority', true),
      fits<ContractSchema, Contract>('contract', true),
      fits<IncidentBatchSchema, ReturnType<typeof toIncidentBatchResponse>>('incident batch', true),
      fits<BatchFollowUpSchema, BatchFollowUpResult>('batch follow-up', true),
      fits<EscalationSettingsSchema, Contract['escalation']>('escalation settings', true),
      fits<ContractImportSchema, ReturnType<typeof toContractImportResponse>>('contract import', true),
      fits<DeadlineSchema, ReturnType<typeof toOpenDutyResponse>>('open duty', true),
      fits<EvidenceBundleSchema, EvidenceBundleResponse>('evidence bundle', true),
      fits<EvidenceManifestSchema, EvidenceBundleResponse['manifest']>('evidence manifest', true),
      fits<SignatureSchema, Signature>('signature', true),
      fits<EvidenceEventSchema, EvidenceEvent>('evidence event', true),
      fits<ChainedContentSchema, EvidenceEvent['content']>('chained content', true),
      fits<FactsAtChangeSchema, FactsAtChange>('facts at a change', true),
      fits<RegisterEntrySchema, ReturnType<typeof toRegisterEntryResponse>>('register entry', true),
      fits<RegisterEvidenceSchema, RegisterEvidenceResponse>('register evidence', true),
      fits<RegisterEvidenceManifestSchema, RegisterEvidenceResponse['manifest']>('register evidence manifest', true),
      fits<RegisterEvidencePeriodSchema, RegisterEvidenceResponse['period']>('register evidence period', true),
      fits<RegisterEvidenceOrganizationSchema, RegisterEvidenceResponse['organization']>('register evidence organization', true),
      fits<RegisterStatsSchema, RegisterStats & { generatedAt: string }>('register stats', true),
      fits<WebhookSchema, ReturnType<typeof toWebhookResponse>>('webhook', true),
      fits<WebhookDeliverySchema, ReturnType<typeof toWebhookDeliveryResponse>>('webhook delivery', true),
    ];
    expect(checks.filter(([, ok]) => !ok)).toEqual([]);
  });
});
