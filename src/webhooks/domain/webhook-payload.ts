import type { WebhookEventType } from './webhook-events';

// What a receiver gets (docs/webhooks.md): ids and links, never the breach's facts unless the
// endpoint opted in (`details`, the facts the API shows that organization).
export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: {
    incidentId: string;
    reference: string;
    obligationId?: string;
    milestone?: string;
    dueAt?: string | null;
    decisionId?: string;
    links: { self: string; obligation?: string };
    details?: Record<string, unknown>;
  };
}

export function payloadOf(
  type: WebhookEventType,
  at: Date,
  publicUrl: string,
  e: { incidentId: string; reference: string; obligationId?: string; milestone?: string; dueAt?: Date | null; decisionId?: string },
  details?: Record<string, unknown>,
): WebhookPayload {
  const self = `${publicUrl}/api/v1/incidents/${e.incidentId}`;
  return {
    type,
    timestamp: at.toISOString(),
    data: {
      incidentId: e.incidentId,
      reference: e.reference,
      ...(e.obligationId ? { obligationId: e.obligationId } : {}),
      ...(e.milestone ? { milestone: e.milestone } : {}),
      ...(e.dueAt !== undefined ? { dueAt: e.dueAt?.toISOString() ?? null } : {}),
      ...(e.decisionId ? { decisionId: e.decisionId } : {}),
      links: { self, ...(e.obligationId ? { obligation: `${self}/obligations` } : {}) },
      ...(details ? { details } : {}),
    },
  };
}
