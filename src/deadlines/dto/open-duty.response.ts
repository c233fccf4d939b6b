import type { Actor } from '../../identity/domain/actor';
import { toZonedIso } from '../../platform/clock/zoned-time';
import type { OpenDuty } from '../../obligations/open-duties.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// One item of GET /deadlines: the obligation with its incident, the words in the caller's language,
// instants in UTC and the deadline also in the caller's zone. `startedAt` repeats `startsAt` for
// clients of the two clocks.
export function toOpenDutyResponse(d: OpenDuty, actor: Pick<Actor, 'locale' | 'timeZone'>) {
  return {
    id: d.id,
    incidentId: d.incidentId,
    reference: d.reference,
    title: d.title,
    status: d.status,
    kind: d.kind,
    regime: d.regime,
    duty: d.duty,
    dutyTitle: d.dutyTitle[actor.locale],
    recipient: d.recipient,
    legalBasis: d.legalBasis,
    dueRule: d.dueRule[actor.locale],
    startsAt: d.startsAt.toISOString(),
    startedAt: d.startsAt.toISOString(),
    dueAt: iso(d.dueAt),
    dueAtLocal: d.dueAt ? toZonedIso(d.dueAt, actor.timeZone) : null,
    secondsLeft: d.secondsLeft,
    state: d.state,
    openSince: iso(d.openSince),
  };
}
