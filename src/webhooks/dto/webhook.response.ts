import { WebhookDelivery } from '../webhook-delivery.entity';
import { WebhookEndpoint } from '../webhook-endpoint.entity';

export function toWebhookResponse(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    events: [...e.events],
    includeDetails: e.includeDetails,
    active: e.active,
    createdAt: e.createdAt.toISOString(),
  };
}

export function toWebhookDeliveryResponse(d: WebhookDelivery) {
  return {
    id: d.id,
    endpointId: d.endpointId,
    // The webhook-id header: the same on every attempt.
    eventId: d.messageId,
    type: d.eventType,
    incidentId: d.incidentId,
    obligationId: d.obligationId,
    milestone: d.milestone,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    sentAt: d.sentAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
