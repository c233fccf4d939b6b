// The incident's life: draft → reported → triage → assessed → notified | not_notifiable → closed.
// Pure: no Nest, no TypeORM. Every transition in the app goes through nextStatus().
export const INCIDENT_STATUSES = ['draft', 'reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  draft: ['reported'],
  reported: ['triage'],
  triage: ['assessed'],
  assessed: ['notified', 'not_notifiable'],
  notified: ['closed'],
  not_notifiable: ['closed'],
  closed: [],
};

export type TransitionResult = { ok: true; status: IncidentStatus } | { ok: false; allowed: readonly IncidentStatus[] };

export function nextStatus(from: IncidentStatus, to: IncidentStatus): TransitionResult {
  const allowed = TRANSITIONS[from];
  return allowed.includes(to) ? { ok: true, status: to } : { ok: false, allowed };
}

// Follow-up facts may be added until the incident is closed (Art. 33(4), phased reporting).
export function acceptsFollowUps(status: IncidentStatus): boolean {
  return status !== 'closed';
}
