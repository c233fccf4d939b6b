// The incident's life: draft → reported → triage → assessed → notified | not_notifiable → closed,
// and at any open step after the report: not_a_breach (the investigation found that no personal data
// were affected, Art. 4(12); kept in the register with its reasons, Art. 33(5)).
// Pure: no Nest, no TypeORM. Every transition in the app goes through nextStatus().
export const INCIDENT_STATUSES = [
  'draft',
  'reported',
  'triage',
  'assessed',
  'notified',
  'not_notifiable',
  'not_a_breach',
  'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

// Recording the initial authority notification is allowed from every open status: under time
// pressure a DPO notifies first and documents the assessment after. A later decision may reopen
// "not notifiable" (new facts, e.g. the key was compromised after all): back to assessed, and the
// authority clock runs again.
// "Not a personal-data breach" may be found at any open step, also after a notification (the
// authority is then told so in a follow-up, EDPB 9/2022 II.B.2). It is left only by closing, or by
// going back to triage with reasons when new facts show that personal data were affected after all.
export const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  draft: ['reported'],
  reported: ['triage', 'notified', 'not_a_breach'],
  triage: ['assessed', 'notified', 'not_a_breach'],
  assessed: ['notified', 'not_notifiable', 'not_a_breach'],
  notified: ['closed', 'not_a_breach'],
  not_notifiable: ['closed', 'assessed', 'notified', 'not_a_breach'],
  not_a_breach: ['triage', 'closed'],
  closed: [],
};

// Steps only a DPO takes by hand, with reasons: never passed through on the way to another status.
export const DELIBERATE_STEPS: readonly IncidentStatus[] = ['not_a_breach'];

// The way from one status to another through the legal steps, e.g. reported → triage → assessed
// when the first assessment arrives; null when there is none.
export function pathTo(from: IncidentStatus, to: IncidentStatus): IncidentStatus[] | null {
  const queue: IncidentStatus[][] = [[from]];
  const seen = new Set<IncidentStatus>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of TRANSITIONS[path[path.length - 1]]) {
      if (next === to) return [...path.slice(1), next];
      if (!seen.has(next) && !DELIBERATE_STEPS.includes(next)) {
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
