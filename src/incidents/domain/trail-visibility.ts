import { canonicalJson } from '../../audit/domain/audit-chain';
import { CommittedValues, withholdReason } from '../../audit/domain/audit-commitments';
// Who sees which event of an incident's audit trail. An incident has two sides: the controller
// (its DPOs and org admins) and the processor that reported it (its staff and org admins). The facts
// of the report are shared (both sides file and add them, Art. 28(3)(f)); the controller's
// assessment, decision and its notifications to authorities and people are the controller's alone.
// The API's trail (GET /incidents/:id/audit) and the incident page's timeline both use this.

export type Side = 'controller' | 'processor';

export interface TrailEvent {
  action: string;
  entityId: string;
  actorOrgId: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  reason: string | null;
}

export interface TrailContext {
  controllerId: string;
  // The incident's obligations by id, as the side they belong to (for acknowledgements of their
  // warning mails): the processor's report to the controller, or one of the controller's duties.
  dutyKinds: Map<string, 'processor_to_controller' | 'authority' | 'data_subjects'>;
}

// What the processor side sees of one event: all of it, the event without its reason, or nothing.
export type ProcessorView = 'full' | 'without_reason' | 'hidden';

// Every obligation event names its key (regime/duty/recipient).
function ofContract(e: TrailEvent): ProcessorView {
  return String(e.changes.key?.to ?? '').startsWith('contract/') ? 'full' : 'hidden';
}

export const PROCESSOR_VIEW_BY_ACTION: Record<string, (event: TrailEvent, context: TrailContext) => ProcessorView> = {
  // The report's facts: filed, drafted, submitted and followed up by either side.
  'incident.drafted': () => 'full',
  'incident.reported': () => 'full',
  'incident.submitted': () => 'full',
  'incident.updated': () => 'full',
  // The status is part of the incident both sides read (design.md); the DPO's words on it are not.
  'incident.status_changed': () => 'without_reason',
  // Reopened by the DPO on new facts: the new awareness is shared, the DPO's words are not.
  'incident.reopened': () => 'without_reason',
  'assessment.recorded': () => 'hidden',
  'decision.recorded': () => 'hidden',
  // The processor's own report to the controller, yes; the controller's notifications, no.
  'notification.recorded': (e) => (e.changes.kind?.to === 'processor_to_controller' ? 'full' : 'hidden'),
  // "I have this" on a warning mail: the processor's report is both sides' business, the controller's duties are not.
  'deadline.acknowledged': (e, c) => (c.dutyKinds.get(e.entityId) === 'processor_to_controller' ? 'full' : 'hidden'),
  // Obligations: the processor sees its own report to the controller (regime contract), no other duty.
  'obligation.created': ofContract,
  'obligation.updated': ofContract,
  'obligation.fulfilled': ofContract,
  'obligation.waived': ofContract,
  // The controller's NIS2 / DORA classification of the incident.
  'classification.recorded': () => 'hidden',
  // A failed warning mail sent again: the processor sees it when it was the processor's doing.
  'escalation.requeued': (e, c) => (e.actorOrgId !== null && e.actorOrgId !== c.controllerId ? 'full' : 'hidden'),
};

// An event of chain format 2 keeps its reason's commitment, so its hash still verifies without it.
function withoutReason<E extends TrailEvent>(event: E): E {
  const e = event as E & Partial<CommittedValues>;
  return e.commitments ? (withholdReason(e as E & CommittedValues, canonicalJson) as E) : { ...event, reason: null };
}

// The trail as one side may see it. The controller sees every event; for the processor side, an
// event type not named above is hidden (a new kind of event is the controller's until decided).
export function trailFor<E extends TrailEvent>(side: Side, events: E[], context: TrailContext): E[] {
  if (side === 'controller') return events;
  const out: E[] = [];
  for (const event of events) {
    const view = PROCESSOR_VIEW_BY_ACTION[event.action]?.(event, context) ?? 'hidden';
    if (view === 'full') out.push(event);
    else if (view === 'without_reason') out.push(withoutReason(event));
  }
  return out;
}
