import { addHours, endOfCalendarMonths, memberStateZone, shiftToNextWorkingDayNoon } from './calendar';
import { memberStateOf, ObligationFacts, OrganizationProfile } from './facts';
import { obligationKey, Words } from './model';
import { Anchor, CalendarRule, Period, RegimeEntry, ShiftExemption } from './regime-entry';

// When a duty starts and when it is due, from its regime entry and the facts. Pure.

export interface Due {
  startsAt: Date | null;
  dueAt: Date | null;
  dueRule: Words;
  legalBasis: string;
}

// The instant of an anchor event, or null while it has not happened. Filings are looked up under
// the key of the same regime and recipient with the anchor's duty.
export function anchorInstant(anchor: Anchor, f: ObligationFacts, regime: RegimeEntry['regime'], recipientId: string): Date | null {
  switch (anchor.event) {
    case 'discovered':
      return f.incident.discoveredAt;
    case 'controller_aware':
    case 'detected':
      return f.incident.controllerAwareAt;
    case 'subjects_decided':
      return f.decisions?.decidedAt ?? null;
    case 'nis2_aware':
      return f.classifications.nis2?.awareAt ?? null;
    case 'dora_aware':
      return f.classifications.dora?.awareAt ?? null;
    case 'dora_classified':
      return f.classifications.dora?.classifiedAt ?? null;
    case 'filing': {
      const key = obligationKey(regime, anchor.duty, recipientId);
      const times = f.filings.filter((x) => x.key === key).map((x) => x.filedAt.getTime());
      if (times.length === 0) return null;
      return new Date(anchor.which === 'first' ? Math.min(...times) : Math.max(...times));
    }
  }
}

export interface Place {
  country: string; // whose weekends and holidays count
  zone: string; // whose calendar day ends a period
}

export function placeOf(o: OrganizationProfile): Place {
  const country = memberStateOf(o);
  return { country, zone: memberStateZone(country) };
}

// The end of a period from its start under a calendar rule; null for "no fixed period".
export function periodEnd(period: Period, calendar: CalendarRule, start: Date, place: Place, contractHours: number | null): Date | null {
  switch (period.kind) {
    case 'none':
      return null;
    case 'hours':
      return addHours(start, period.hours);
    case 'contract_hours':
      return contractHours === null ? null : addHours(start, contractHours);
    case 'months':
      return endOfCalendarMonths(start, period.months, calendar.dayEndsIn === 'member_state' ? place.zone : 'UTC');
  }
}

export function shiftExempt(notFor: readonly ShiftExemption[], o: OrganizationProfile): boolean {
  const type = o.doraEntityType ?? null;
  if (type === null) return notFor.includes('entity_type_unknown');
  if (type !== 'other' && notFor.includes(type)) return true;
  return notFor.includes('nis2_entity') && o.nis2 !== null;
}

export function dueAtFor(entry: RegimeEntry, f: ObligationFacts, recipientId: string): Due {
  const o = f.organization;
  const variant = entry.variants?.find((v) => o[v.when.flag] === true);
  const period = variant?.period ?? entry.period;
  const words = { dueRule: variant?.dueRule ?? entry.dueRule, legalBasis: variant?.legalBasis ?? entry.legalBasis };
  const startsAt = anchorInstant(entry.anchor, f, entry.regime, recipientId);
  if (!startsAt) return { startsAt: null, dueAt: null, ...words };
  const place = placeOf(o);
  let dueAt = periodEnd(period, entry.calendar, startsAt, place, f.incident.contract?.noticeHours ?? null);
  if (dueAt && entry.cap) {
    const capFrom = anchorInstant(entry.cap.anchor, f, entry.regime, recipientId);
    const limit = capFrom ? addHours(capFrom, entry.cap.hours) : null;
    // "no later than" the limit, unless the start itself came after it (then the period alone counts).
    if (limit && startsAt.getTime() <= limit.getTime() && limit.getTime() < dueAt.getTime()) dueAt = limit;
  }
  const shift = entry.calendar.shift;
  if (dueAt && shift && !shiftExempt(shift.notFor, o)) dueAt = shiftToNextWorkingDayNoon(dueAt, place.country, place.zone);
  return { startsAt, dueAt, ...words };
}
