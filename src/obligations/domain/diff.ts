import { Derivation } from './derive';
import { ObligationRecord, ObligationSpec } from './model';

// Re-deriving after a fact change, compared with what is stored: which obligations to create,
// which live ones to update (with old and new values for the audit trail), which live ones to
// waive (with the reason), and which stay as they are. Fulfilled obligations are never touched.
//
// Rules, per key (regime/duty/recipient):
// - at most one live obligation; it is updated when its derived values changed;
// - a live obligation whose key is no longer derived is waived by the rules, with the exclusion's
//   reason for its (regime, duty), or a routing reason when only the recipient fell away;
// - a derived key without a live obligation is created, unless an obligation of that key was closed
//   by a person (fulfilled, or waived by hand) at or after the derived start: that answers the duty.
//   A start after that closing is a new duty (a reopen with a new awareness). A duty the rules had
//   waived is created again when the facts bring it back.

export type Stored = ObligationRecord & { id: string };

const FIELDS = [
  'startsAt',
  'dueAt',
  'recipient',
  'legalBasis',
  'dueRule',
  'title',
  'lateNeedsReasons',
  'routing',
  'provisional',
  'unresolved',
] as const;
type Field = (typeof FIELDS)[number];

export interface ObligationUpdate {
  id: string;
  key: string;
  changes: Partial<Record<Field, { from: unknown; to: unknown }>>;
  next: ObligationSpec;
}

export interface ObligationDiff {
  create: ObligationSpec[];
  update: ObligationUpdate[];
  waive: { id: string; key: string; reason: string }[];
  // Live obligations that match the facts as they are.
  unchanged: string[];
  // Fulfilled and waived obligations: left exactly as stored.
  untouched: string[];
}

// Values as text for comparison: instants by their milliseconds, objects with sorted keys (a row read
// back from the database may list them in another order), absent and null alike.
function comparable(v: unknown): string {
  if (v instanceof Date) return String(v.getTime());
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${k}:${comparable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function closedAt(o: Stored): Date | null {
  if (o.phase === 'fulfilled') return o.frozen.fulfilledAt;
  if (o.phase === 'waived' && o.waiver.by === 'user') return o.waiver.at;
  return null;
}

function answeredByClosed(spec: ObligationSpec, closed: Stored[]): boolean {
  return closed.some((o) => {
    const at = closedAt(o);
    return at !== null && (spec.startsAt === null || spec.startsAt.getTime() <= at.getTime());
  });
}

export function diffObligations(stored: readonly Stored[], derivation: Pick<Derivation, 'specs' | 'exclusions'>): ObligationDiff {
  const diff: ObligationDiff = { create: [], update: [], waive: [], unchanged: [], untouched: [] };
  const derivedKeys = new Set(derivation.specs.map((s) => s.key));
  const matched = new Set<string>();

  for (const spec of derivation.specs) {
    const sameKey = stored.filter((o) => o.key === spec.key);
    const live = sameKey.find((o) => o.phase === 'live');
    if (!live) {
      if (!answeredByClosed(spec, sameKey)) diff.create.push(spec);
      continue;
    }
    matched.add(live.id);
    const changes: ObligationUpdate['changes'] = {};
    for (const field of FIELDS) {
      const from = (live as ObligationSpec)[field];
      const to = spec[field];
      if (comparable(from) !== comparable(to)) changes[field] = { from, to };
    }
    if (Object.keys(changes).length) diff.update.push({ id: live.id, key: spec.key, changes, next: spec });
    else diff.unchanged.push(live.id);
  }

  for (const o of stored) {
    if (o.phase !== 'live') {
      diff.untouched.push(o.id);
      continue;
    }
    if (matched.has(o.id)) continue;
    diff.waive.push({ id: o.id, key: o.key, reason: waiverReason(o, derivedKeys, derivation) });
  }
  return diff;
}

function waiverReason(o: Stored, derivedKeys: Set<string>, derivation: Pick<Derivation, 'specs' | 'exclusions'>): string {
  if (derivedKeys.has(o.key)) return `a second live obligation for ${o.key}; the first one stays`;
  const exclusion = derivation.exclusions.find((e) => e.regime === o.regime && e.duty === o.duty);
  if (exclusion) return `no longer applies: ${exclusion.reason}`;
  return `no longer applies: ${o.recipient.name} is no longer a recipient of ${o.regime}/${o.duty} under the current facts (affected countries, establishment or routing changed)`;
}
