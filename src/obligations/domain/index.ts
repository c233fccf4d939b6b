// Obligations, the pure domain layer (issue 14). An obligation is one duty of one incident towards
// one recipient; docs/obligations.md explains the model, each regime and its source.
//
// Nothing here touches a database, Nest or the clock: the caller passes the facts and "now".
//
// 1. Which duties an incident has
//    deriveObligations(facts: ObligationFacts, directory: Directory, regimes = REGIME_ENTRIES): Derivation
//      facts      organization profile, incident, latest decision, NIS2/DORA classifications, filings
//      directory  { authorities: AuthoritiesService.list(), recipients: SECTOR_RECIPIENTS }
//      → { specs: ObligationSpec[], exclusions: Exclusion[], problems: Problem[] }
//    Each spec has a stable `key` (regime/duty/recipient id), `startsAt` (null while its anchor has
//    not happened: a chained duty before its filing), `dueAt` (null for "without undue delay"),
//    `dueRule` in en/de, `legalBasis`, `routing`, `provisional` (FDPIC before the risk is
//    assessed) and `unresolved` (a recipient the rules could not name, e.g. which German authority
//    for a controller without a German establishment). `euMainEstablishmentOf(country, region)`
//    gives the usual profile value from the seat.
//
// 2. What to store after a fact change
//    diffObligations(stored: Stored[], derivation): ObligationDiff
//      → { create, update (with from/to per field), waive (with reason), unchanged, untouched }
//    Fulfilled obligations are never touched; at most one live obligation per key; a duty closed by
//    a person answers its key until a later start (reopen) makes it a new duty. Store rows with a
//    unique index on key WHERE phase = 'live'.
//
// 3. State, fulfilment and waiving
//    viewObligation(record | spec, now): ObligationView   state pending|running|overdue|open|met|late|waived,
//      secondsLeft (rounded down), openSince (no fixed deadline), fulfilledAt
//    fulfilObligation(live, { at, by, reasonsForDelay }): FulfilledObligation with `frozen`
//      { fulfilledAt, fulfilledBy, startsAt, dueAt, outcome: met|late, reasonsForDelay } — the
//      type has no live startsAt/dueAt, so nothing can move them; met at exactly dueAt, late 1 ms later.
//    reasonsForDelayProblem(spec, at, text) / reasonsProblem(text): the ≥ 20 characters rule as a check
//    waiveObligation(live, { reason, at, by: 'user' | 'rules' }); blockersToClosing(records)
//
// 4. Clock arithmetic (calendar.ts, due.ts)
//    dueAtFor(entry, facts, recipientId) → { startsAt, dueAt, dueRule, legalBasis }
//    addHours (exact on UTC instants), endOfCalendarMonths (Reg. 1182/71 Art. 3(2)(c) in a zone),
//    shiftToNextWorkingDayNoon (DORA Art. 5(4) with the member state's public holidays),
//    memberStateZone, isWorkingDay.
//
// 5. Regimes are data
//    REGIME_ENTRIES: one RegimeEntry per (regime, duty) under regimes/: conditions, anchor, period,
//    cap, variants, calendar rule, recipient rule, legal basis, quote with source, dueRule en/de.
//    A regime of the same shape is one more entry (the ePrivacy entry has no line in the engine).

export * from './model';
export * from './facts';
export type { Anchor, CalendarRule, Cap, Condition, Period, RecipientRule, RegimeEntry, ShiftExemption, Variant } from './regime-entry';
export { REGIME_ENTRIES, regimeEntry } from './regimes';
export { deriveObligations, type Derivation, type Exclusion } from './derive';
export { diffObligations, type ObligationDiff, type ObligationUpdate, type Stored } from './diff';
export {
  blockersToClosing,
  fulfilObligation,
  isLateAt,
  MIN_REASONS_LENGTH,
  reasonsForDelayProblem,
  reasonsProblem,
  viewObligation,
  waiveObligation,
  type FulfilmentInput,
  type FulfilResult,
  type ObligationView,
  type WaiveResult,
} from './state';
export { anchorInstant, dueAtFor, periodEnd, placeOf, type Due, type Place } from './due';
export {
  addHours,
  dayOfDeadline,
  endOfCalendarMonths,
  localDate,
  memberStateZone,
  shiftToNextWorkingDayNoon,
  startOfLocalDay,
} from './calendar';
export { isPublicHoliday, isWorkingDay } from './holidays';
export {
  resolveRecipients,
  SECTOR_RECIPIENTS,
  type Directory,
  type Problem,
  type ResolvedRecipient,
  type SectorRecipient,
} from './recipients';
