import type { ObligationState, Recipient, Regime } from './model';

// The open duties of an organization, as GET /deadlines, the board, the calendar and the digest list
// them, and the compatibility summary of the two old clocks on an incident. Pure.

// What a duty is called in the old `kind` field: the processor's report to the controller, a report
// to an authority (supervisory authority, CSIRT, competent authority under NIS2/DORA/ePrivacy), or
// the communication to the people affected (GDPR Art. 34; not an authority's clock).
export const DUTY_KINDS = ['processor_to_controller', 'authority', 'data_subjects'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

// Told apart by the recipient, not the regime's name (the engine knows none): the one duty towards
// the controller is the processor's report under the contract.
export function kindOf(o: { regime: Regime; recipient: Pick<Recipient, 'kind'> }): DutyKind {
  if (o.recipient.kind === 'controller') return 'processor_to_controller';
  if (o.recipient.kind === 'data_subjects' || o.recipient.kind === 'public') return 'data_subjects';
  return 'authority';
}

// The states GET /deadlines lists: started and not yet fulfilled or waived. A pending duty (a chained
// duty before the filing that starts it) has no start and no deadline yet and is not listed.
export const LISTED_STATES: readonly ObligationState[] = ['running', 'overdue', 'open'];

// The order of the list: soonest deadline first; duties without a fixed deadline after them, the
// longest open first; then by id, so that pages are stable. Ids compare by code unit, as PostgreSQL
// orders uuids (lower-case hex): the same order as the statement's ORDER BY, and no collation work.
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function byUrgency(
  a: { dueAt: Date | null; startsAt: Date | null; id: string },
  b: { dueAt: Date | null; startsAt: Date | null; id: string },
): number {
  if (a.dueAt && b.dueAt) return a.dueAt.getTime() - b.dueAt.getTime() || byId(a.id, b.id);
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return (a.startsAt?.getTime() ?? 0) - (b.startsAt?.getTime() ?? 0) || byId(a.id, b.id);
}

// ---- The compatibility summary (docs/api.md "Clocks"): one "clock" per side of an incident. ----

export type SummaryState = 'running' | 'overdue' | 'open' | 'met' | 'late' | 'stopped';

export interface SummaryInput {
  id: string;
  regime: Regime;
  recipient: Pick<Recipient, 'kind'>;
  state: ObligationState;
  startsAt: Date | null;
  dueAt: Date | null;
  secondsLeft: number | null;
  fulfilledAt: Date | null;
  waivedAt: Date | null;
}

export interface ClockSummary {
  obligationId: string;
  startedAt: Date | null;
  dueAt: Date | null;
  secondsLeft: number | null;
  state: SummaryState;
  completedAt: Date | null;
  stoppedAt: Date | null;
}

export interface ClockSummaries {
  processorToController: ClockSummary | null;
  authority: ClockSummary | null;
}

const latest = (a: Date | null, b: Date | null) => (b?.getTime() ?? 0) - (a?.getTime() ?? 0);

// One side's summary: the soonest open duty (running, overdue, or open without a deadline); none
// open: a fulfilled one (late before met, then the last fulfilled: the side's record as it ended);
// only waived ones: `stopped` since the last waiver; no duty at all: null. Pending duties count as
// not started.
export function summaryOfSide(duties: SummaryInput[]): ClockSummary | null {
  const open = duties.filter((d) => LISTED_STATES.includes(d.state)).sort(byUrgency);
  const fulfilled = duties
    .filter((d) => d.state === 'met' || d.state === 'late')
    .sort((a, b) => Number(b.state === 'late') - Number(a.state === 'late') || latest(a.fulfilledAt, b.fulfilledAt));
  const waived = duties.filter((d) => d.state === 'waived').sort((a, b) => latest(a.waivedAt, b.waivedAt));
  const pick = open[0] ?? fulfilled[0] ?? waived[0];
  if (!pick) return null;
  return {
    obligationId: pick.id,
    startedAt: pick.startsAt,
    dueAt: pick.dueAt,
    secondsLeft: pick.secondsLeft,
    state: pick.state === 'waived' ? 'stopped' : (pick.state as Exclude<ObligationState, 'pending' | 'waived'>),
    completedAt: pick.state === 'met' || pick.state === 'late' ? pick.fulfilledAt : null,
    stoppedAt: pick.state === 'waived' ? pick.waivedAt : null,
  };
}

// Both sides: the processor's report to the controller, and the controller's duties towards
// authorities (the Art. 34 duty to tell the people is not an authority's clock).
export function clockSummaries(duties: SummaryInput[]): ClockSummaries {
  return {
    processorToController: summaryOfSide(duties.filter((d) => kindOf(d) === 'processor_to_controller')),
    authority: summaryOfSide(duties.filter((d) => kindOf(d) === 'authority')),
  };
}
