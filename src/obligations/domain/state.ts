import { FulfilledObligation, LiveObligation, ObligationRecord, ObligationSpec, ObligationState, WaivedObligation, Waiver } from './model';

// The state of an obligation at a moment, fulfilment (which freezes it) and waiving. Pure.

export interface ObligationView {
  state: ObligationState;
  startsAt: Date | null;
  dueAt: Date | null;
  // Whole seconds until dueAt, rounded down (negative once overdue); null unless running/overdue.
  secondsLeft: number | null;
  // For a duty without a fixed deadline that has started: since when it is open.
  openSince: Date | null;
  fulfilledAt: Date | null;
}

// Same bar as decision reasons: at least 20 characters after trimming (regulatory.md §9.2 item 15).
export const MIN_REASONS_LENGTH = 20;

// null when the text is acceptable reasons (for a delay or a waiver), else what is wrong.
export function reasonsProblem(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  if (trimmed.length === 0) return 'is required';
  if (trimmed.length < MIN_REASONS_LENGTH) return `must be at least ${MIN_REASONS_LENGTH} characters (got ${trimmed.length})`;
  return null;
}

// A fulfilment at `at` is late when the duty has a deadline and `at` is after it: exactly at dueAt
// is met, one millisecond later is late (regulatory.md §9.1 item 4).
export function isLateAt(dueAt: Date | null, at: Date): boolean {
  return dueAt !== null && at.getTime() > dueAt.getTime();
}

// The reasons-for-delay rule as a check: null when a fulfilment at `at` may be recorded with these
// reasons, else the problem (field reasonsForDelay). GDPR Art. 33(1), DORA Del. Reg. 2025/301 Art. 5(3).
export function reasonsForDelayProblem(
  o: Pick<ObligationSpec, 'dueAt' | 'lateNeedsReasons'>,
  at: Date,
  reasonsForDelay: string | null | undefined,
): string | null {
  if (!o.lateNeedsReasons || !isLateAt(o.dueAt, at)) return null;
  const problem = reasonsProblem(reasonsForDelay);
  return problem && `${problem}: filed after the deadline ${o.dueAt!.toISOString()}, the reasons for the delay must be given`;
}

export function viewObligation(o: ObligationRecord | ObligationSpec, now: Date): ObligationView {
  const phase = 'phase' in o ? o.phase : 'live';
  if (phase === 'fulfilled') {
    // Frozen at fulfilment: read, never recomputed.
    const { frozen } = o as FulfilledObligation;
    return {
      state: frozen.outcome,
      startsAt: frozen.startsAt,
      dueAt: frozen.dueAt,
      secondsLeft: null,
      openSince: null,
      fulfilledAt: frozen.fulfilledAt,
    };
  }
  const { startsAt, dueAt } = o as ObligationSpec;
  if (phase === 'waived') return { state: 'waived', startsAt, dueAt, secondsLeft: null, openSince: null, fulfilledAt: null };
  if (startsAt === null || now.getTime() < startsAt.getTime()) {
    return { state: 'pending', startsAt, dueAt, secondsLeft: null, openSince: null, fulfilledAt: null };
  }
  if (dueAt === null) return { state: 'open', startsAt, dueAt, secondsLeft: null, openSince: startsAt, fulfilledAt: null };
  const msLeft = dueAt.getTime() - now.getTime();
  return {
    state: msLeft >= 0 ? 'running' : 'overdue',
    startsAt,
    dueAt,
    secondsLeft: Math.floor(msLeft / 1000),
    openSince: null,
    fulfilledAt: null,
  };
}

export interface FulfilmentInput {
  at: Date;
  by: string | null;
  reasonsForDelay?: string | null;
}

export type FulfilResult = { ok: true; obligation: FulfilledObligation } | { ok: false; path: string; message: string };

// Records the fulfilment and freezes the obligation: startsAt, dueAt, fulfilledAt and met/late are
// copied into `frozen`, and the result has no live deadline left to move.
export function fulfilObligation(o: ObligationRecord, input: FulfilmentInput): FulfilResult {
  if (o.phase !== 'live')
    return { ok: false, path: 'obligationId', message: `is ${o.phase === 'fulfilled' ? 'fulfilled already' : 'waived'}` };
  const problem = reasonsForDelayProblem(o, input.at, input.reasonsForDelay);
  if (problem) return { ok: false, path: 'reasonsForDelay', message: problem };
  const late = isLateAt(o.dueAt, input.at);
  const { phase, startsAt, dueAt, ...rest } = o;
  void phase;
  const reasons = late ? (input.reasonsForDelay ?? '').trim() || null : null;
  const frozen = Object.freeze({
    fulfilledAt: input.at,
    fulfilledBy: input.by,
    startsAt,
    dueAt,
    outcome: late ? ('late' as const) : ('met' as const),
    reasonsForDelay: reasons,
  });
  return { ok: true, obligation: { ...rest, phase: 'fulfilled', frozen } };
}

export type WaiveResult = { ok: true; obligation: WaivedObligation } | { ok: false; path: string; message: string };

// Waives a live obligation (by hand: POST /obligations/:id/waive; or by the rules via the diff).
// A fulfilled obligation is never waived.
export function waiveObligation(o: ObligationRecord, waiver: Waiver): WaiveResult {
  if (o.phase !== 'live')
    return { ok: false, path: 'obligationId', message: `is ${o.phase === 'fulfilled' ? 'fulfilled' : 'waived already'}` };
  const problem = reasonsProblem(waiver.reason);
  if (problem) return { ok: false, path: 'reason', message: problem };
  const { phase, ...spec } = o;
  void phase;
  return { ok: true, obligation: { ...spec, phase: 'waived', waiver: { ...waiver, reason: waiver.reason.trim() } } };
}

// Closing an incident needs every obligation met, late (with reasons) or waived: the live ones
// are what stands in the way (the API answers 409 naming them).
export function blockersToClosing<T extends ObligationRecord>(records: readonly T[]): T[] {
  return records.filter((o): o is T & LiveObligation => o.phase === 'live');
}
