// The incident's life: draft → reported → triage → assessed → notified | not_notifiable → closed.
// Pure: no Nest, no TypeORM. Every transition in the app goes through nextStatus().
export const INCIDENT_STATUSES = ['draft', 'reported', 'triage', 'assessed', 'notified', 'not_notifiable', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

// Recording the initial authority notification is allowed from every open status: under time
// pressure a DPO notifies first and documents the assessment after. A later decision may reopen
// "not notifiable" (new facts, e.g. the key was compromised after all): back to assessed, and the
// authority clock runs again.
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  draft: ['reported'],
  reported: ['triage', 'notified'],
  triage: ['assessed', 'notified'],
  assessed: ['notified', 'not_notifiable'],
  notified: ['closed'],
  not_notifiable: ['closed', 'assessed', 'notified'],
  closed: [],
};

// The way from one status to another through the legal steps, e.g. reported → triage → assessed
// when the first assessment arrives; null when there is none.
export function pathTo(from: IncidentStatus, to: IncidentStatus): IncidentStatus[] | null {
  const queue: IncidentStatus[][] = [[from]];
  const seen = new Set<IncidentStatus>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of TRANSITIONS[path[path.length - 1]]) {
      if (next === to) return [...path.slice(1), next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...path, next]);
      }
    }
  }
  return null;
}

export type TransitionResult = { ok: true; status: IncidentStatus } | { ok: false; allowed: readonly IncidentStatus[] };

export function nextStatus(from: IncidentStatus, to: IncidentStatus): TransitionResult {
  const allowed = TRANSITIONS[from];
  return allowed.includes(to) ? { ok: true, status: to } : { ok: false, allowed };
}

// Follow-up facts may be added until the incident is closed (Art. 33(4), phased reporting).
export function acceptsFollowUps(status: IncidentStatus): boolean {
  return status !== 'closed';
}
