// The events an endpoint may subscribe to, and who may receive each. Pure.
export const WEBHOOK_EVENTS = [
  'incident.created',
  'incident.updated',
  'obligation.due_soon',
  'obligation.fulfilled',
  'decision.made',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface Parties {
  controllerId: string;
  processorId: string | null;
  // A draft is seen only by the organization that files it (the processor, or the controller for its own).
  draft: boolean;
}

// The audit actions that are webhook events, with the event each becomes for the side that sees it.
// A processor's report reaches the controller when it is submitted: for the controller that is the
// incident's creation, for the processor an update of its own report.
export function incidentEventOf(action: string, parties: Parties): { organizationId: string; type: WebhookEventType }[] {
  const filer = parties.processorId ?? parties.controllerId;
  const sides = parties.draft ? [filer] : [...new Set([parties.controllerId, parties.processorId ?? parties.controllerId])];
  switch (action) {
    case 'incident.drafted':
    case 'incident.reported':
      return sides.map((organizationId) => ({ organizationId, type: 'incident.created' }));
    case 'incident.submitted':
      return sides.map((organizationId) => ({
        organizationId,
        type: organizationId === parties.controllerId && parties.processorId !== null ? 'incident.created' : 'incident.updated',
      }));
    case 'incident.updated':
    case 'incident.status_changed':
    case 'incident.reopened':
      return sides.map((organizationId) => ({ organizationId, type: 'incident.updated' }));
    case 'decision.recorded':
      // The controller's decision: never the processor's.
      return [{ organizationId: parties.controllerId, type: 'decision.made' }];
    default:
      return [];
  }
}

// Who sees an obligation: the processor's report to the controller (regime "contract") both sides;
// the controller's duties to authorities and people the controller alone.
export function obligationAudience(o: { regime: string; controllerId: string; processorId: string | null }): string[] {
  if (o.regime === 'contract' && o.processorId) return [o.controllerId, o.processorId];
  return [o.controllerId];
}
