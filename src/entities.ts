import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { Assessment } from './assessments/assessment.entity';
import { Decision } from './assessments/decision.entity';
import { AuditChain } from './audit/audit-chain.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Contract } from './contracts/contract.entity';
import { ApiToken } from './identity/api-token.entity';
import { Organization } from './identity/organization.entity';
import { User } from './identity/user.entity';
import { Incident } from './incidents/incident.entity';
import { IncidentBatch } from './incidents/batches/incident-batch.entity';
import { Notification } from './notifications/notification.entity';
import { DoraClassification } from './obligations/dora-classification.entity';
import { Nis2Classification } from './obligations/nis2-classification.entity';
import { Obligation } from './obligations/obligation.entity';
import { Digest } from './escalations/digest.entity';
import { Escalation } from './escalations/escalation.entity';
import { AppSetting } from './platform/database/app-setting.entity';
import { SignInAttempt, WebSession } from './identity/web-session.entity';

// Every persisted entity, for the DataSource. The schema itself comes from migrations/.
export const ENTITIES = [
  Organization,
  User,
  ApiToken,
  Contract,
  Incident,
  IncidentBatch,
  AuditChain,
  AuditEvent,
  Assessment,
  Decision,
  Notification,
  Obligation,
  Nis2Classification,
  DoraClassification,
  Escalation,
  Digest,
  AppSetting,
  WebSession,
  SignInAttempt,
  WebhookEndpoint,
  WebhookDelivery,
];
