import { toZonedIso } from '../../platform/clock/zoned-time';
import type { ObligationDetail } from '../obligations.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// One obligation as the API shows it. Instants are UTC; dueAtLocal is the due time in the caller's
// zone. A fulfilled obligation shows the values frozen at fulfilment.
export function toObligationResponse({ obligation: o, view }: ObligationDetail, timeZone: string) {
  return {
    id: o.id,
    key: o.key,
    regime: o.regime,
    duty: o.duty,
    title: o.title,
    recipient: o.recipient,
    legalBasis: o.legalBasis,
    startsAt: iso(view.startsAt),
    dueAt: iso(view.dueAt),
    dueAtLocal: view.dueAt ? toZonedIso(view.dueAt, timeZone) : null,
    dueRule: o.dueRule,
    state: view.state,
    secondsLeft: view.secondsLeft,
    openSince: iso(view.openSince),
    fulfilledAt: iso(o.fulfilledAt),
    fulfilledBy: o.fulfilledBy,
    reasonsForDelay: o.reasonsForDelay,
    waived: o.phase === 'waived' ? { reason: o.waiveReason, at: iso(o.waivedAt), by: o.waivedBy } : null,
    routing: o.routing,
    provisional: o.provisional,
    unresolved: o.unresolved,
    // "I have this" from an escalation mail of this duty: its owner, and when.
    acknowledgedBy: o.acknowledgedBy ?? null,
    acknowledgedAt: iso(o.acknowledgedAt ?? null),
  };
}
