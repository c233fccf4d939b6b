import { checkConditions } from './conditions';
import { dueAtFor } from './due';
import { ObligationFacts } from './facts';
import { Duty, obligationKey, ObligationSpec, Regime } from './model';
import { Directory, Problem, resolveRecipients } from './recipients';
import { RegimeEntry } from './regime-entry';
import { REGIME_ENTRIES } from './regimes';

// Which duties an incident has, from the facts alone: one spec per (regime, duty, recipient) whose
// conditions hold. The engine reads regime entries and knows none of them by name.

// A (regime, duty) that does not apply, and why: the reason a stored duty of it is waived.
export interface Exclusion {
  regime: Regime;
  duty: Duty;
  reason: string;
}

export interface Derivation {
  specs: ObligationSpec[];
  exclusions: Exclusion[];
  // Facts the rules could not use (e.g. a German controller without a Land); the duties still show,
  // with an unresolved recipient.
  problems: Problem[];
}

export function deriveObligations(
  facts: ObligationFacts,
  directory: Directory,
  regimes: readonly RegimeEntry[] = REGIME_ENTRIES,
): Derivation {
  const specs: ObligationSpec[] = [];
  const exclusions: Exclusion[] = [];
  const problems: Problem[] = [];
  for (const entry of regimes) {
    const check = checkConditions(entry.appliesWhen, facts);
    if (!check.holds) {
      exclusions.push({ regime: entry.regime, duty: entry.duty, reason: check.reason });
      continue;
    }
    for (const r of resolveRecipients(entry.recipient, facts, directory, problems)) {
      const due = dueAtFor(entry, facts, r.id);
      specs.push({
        key: obligationKey(entry.regime, entry.duty, r.id),
        regime: entry.regime,
        duty: entry.duty,
        title: entry.title,
        recipient: r.recipient,
        legalBasis: due.legalBasis,
        startsAt: due.startsAt,
        dueAt: due.dueAt,
        dueRule: due.dueRule,
        lateNeedsReasons: entry.lateNeedsReasons,
        routing: r.routing,
        provisional: check.provisional,
        unresolved: r.unresolved,
      });
    }
  }
  return { specs, exclusions, problems: dedupe(problems) };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.path}|${p.message}`) && seen.add(`${p.path}|${p.message}`));
}
