import { MIN_REASONS_LENGTH, reasonsProblem } from '../../obligations/domain';

// The facts that drive the clocks: moving one (not filling it in for the first time) always needs
// reasons of at least 20 characters, which go with the old and new value into the audit trail.
// Fulfilled obligations are frozen and never move with them (obligations/domain/state.ts).
export const CLOCK_FACTS = ['discoveredAt', 'controllerAwareAt', 'occurredAt', 'occurredFrom', 'occurredUntil'] as const;
export type ClockFact = (typeof CLOCK_FACTS)[number];

type Instants = Record<ClockFact, Date | null>;

const time = (d: Date | null) => d?.getTime() ?? null;

// Which clock facts a change moves: known before, and different now.
export function movedClockFacts(before: Instants, after: Instants): ClockFact[] {
  return CLOCK_FACTS.filter((f) => before[f] !== null && time(before[f]) !== time(after[f]));
}

// null when the change may be recorded with this reason, else the problem (field `reason`).
export function redatingProblem(before: Instants, after: Instants, reason: string | null | undefined): string | null {
  const moved = movedClockFacts(before, after);
  if (moved.length === 0) return null;
  const problem = reasonsProblem(reason);
  return problem && `${problem}: moving ${moved.join(', ')} moves deadlines; say why (at least ${MIN_REASONS_LENGTH} characters)`;
}
