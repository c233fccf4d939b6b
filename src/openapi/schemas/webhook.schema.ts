import type { WebhookEventType } from '../../webhooks/domain/webhook-events';
import type { DeliveryStatus } from '../../webhooks/webhook-delivery.entity';

// Webhook endpoints and deliveries (webhooks/dto/webhook.response.ts); schemas.spec.ts holds these to the mappers.
export class WebhookSchema {
  id: string;
  url: string;
  events: WebhookEventType[];
  // Payloads also carry the incident's facts.
  includeDetails: boolean;
  active: boolean;
  createdAt: string;
}

export class CreatedWebhookSchema extends WebhookSchema {
  // The signing secret ("whsec_…"), shown this once.
  secret: string;
}

export class WebhookListSchema {
  items: WebhookSchema[];
}

export class WebhookDeliverySchema {
  id: string;
  endpointId: string;
  // The webhook-id header ("msg_…"): the same on every attempt.
  eventId: string;
  type: WebhookEventType;
  incidentId: string;
  obligationId: string | null;
  // obligation.due_soon: the escalation milestone ("T-24h").
  milestone: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  // The HTTP status of the last attempt (null: no answer).
  lastStatus: number | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export class WebhookDeliveryListSchema {
  items: WebhookDeliverySchema[];
}
