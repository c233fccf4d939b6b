import { createHash } from 'node:crypto';
import { ChainedContent, canonicalJson, chainHash } from '../../audit/domain/audit-chain';
import type { Signature } from '../../platform/signing/signatures';

// The evidence bundle of one incident (docs/operations.md "Evidence bundle"): one canonical JSON
// file, readable without breachclock, that an auditor can check offline. Its sections hold what the
// caller's side may see; the manifest holds the SHA-256 of each section's canonical JSON; the
// events carry their stored hash and the previous event's hash, so each one's hash is recomputed
// from its content, and the links between events that were consecutive in the chain are proven.
export const EVIDENCE_FORMAT = 'breachclock-evidence';
export const EVIDENCE_VERSION = 1;

export interface EvidenceEvent {
  seq: string;
  // The audit chain the event belongs to ("org:<id>", "system", "legacy"): one per organization, so
  // an incident's events come from the processor's chain and the controller's. Sequence numbers are
  // global and a chain's appends are serialised, so two events of one chain whose numbers follow
  // each other are neighbours in that chain, and the later one must link to the earlier.
  chain: string;
  prevHash: string;
  hash: string;
  // Exactly what the chain hashed.
  content: ChainedContent;
  // Fields the caller's side may not see, left out of `content` (its hash then cannot be recomputed
  // here, but its stored hash still proves the link to the event after it).
  withheld?: string[];
}

export interface FactsAtChange {
  eventId: string;
  at: string;
  action: string;
  actor: string;
  changed: string[];
  facts: Record<string, unknown>;
}

export interface EvidenceSections {
  incident: unknown;
  facts: FactsAtChange[];
  assessments: unknown[];
  decisions: unknown[];
  notifications: unknown[];
  obligations: unknown[];
  events: EvidenceEvent[];
}

export interface EvidenceBundle extends EvidenceSections {
  format: typeof EVIDENCE_FORMAT;
  version: number;
  exportedAt: string;
  exportedBy: string;
  side: 'controller' | 'processor';
  manifest: { algorithm: 'sha256'; sections: Record<keyof EvidenceSections, string> };
  // The installation's signature over the manifest (domain/evidence-signature.ts); absent in bundles made before signing.
  signature?: Signature;
}

export const SECTIONS: (keyof EvidenceSections)[] = [
  'incident',
  'facts',
  'assessments',
  'decisions',
  'notifications',
  'obligations',
  'events',
];

export const sha256 = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

// The report's facts as they stood after each change of the incident, from its verified events.
export function factsHistory(events: EvidenceEvent[]): FactsAtChange[] {
  const facts: Record<string, unknown> = {};
  const out: FactsAtChange[] = [];
  for (const { content: e } of events) {
    if (e.entityType !== 'incident' || e.entityId !== e.incidentId) continue;
    const changes = (e.changes ?? {}) as Record<string, { to: unknown }>;
    for (const [field, change] of Object.entries(changes)) facts[field] = change?.to ?? null;
    out.push({
      eventId: e.id,
      at: e.occurredAt,
      action: e.action,
      actor: e.actor,
      changed: Object.keys(changes).sort(),
      facts: { ...facts },
    });
  }
  return out;
}

export function sealBundle(head: Omit<EvidenceBundle, 'manifest' | keyof EvidenceSections>, sections: EvidenceSections): EvidenceBundle {
  const { format, version, exportedAt, exportedBy, side } = head;
  const only = Object.fromEntries(SECTIONS.map((s) => [s, sections[s]])) as unknown as EvidenceSections;
  const hashes = Object.fromEntries(SECTIONS.map((s) => [s, sha256(only[s])])) as Record<keyof EvidenceSections, string>;
  return { format, version, exportedAt, exportedBy, side, manifest: { algorithm: 'sha256', sections: hashes }, ...only };
}

export interface EvidenceReport {
  ok: boolean;
  intact: string[];
  broken: string[];
  notes: string[];
}

// Checks a bundle without a database: the manifest against every section, every event's hash
// against its content, the links between consecutive events, the facts against the events, and
// that every assessment, decision and notification is anchored in an event of the bundle.
export function verifyEvidence(input: unknown): EvidenceReport {
  const intact: string[] = [];
  const broken: string[] = [];
  const notes: string[] = [];
  const bundle = input as Partial<EvidenceBundle> | null;
  if (!bundle || typeof bundle !== 'object' || bundle.format !== EVIDENCE_FORMAT) {
    return { ok: false, intact, broken: ['not a breachclock evidence bundle'], notes };
  }
  if (bundle.version !== EVIDENCE_VERSION)
    return { ok: false, intact, broken: [`unknown bundle version ${String(bundle.version)}`], notes };
  for (const section of SECTIONS) {
    const expected = bundle.manifest?.sections?.[section];
    if (!Array.isArray(bundle[section]) && section !== 'incident') broken.push(`section ${section}: missing`);
    else if (expected !== sha256(bundle[section])) broken.push(`section ${section}: its SHA-256 differs from the manifest`);
    else intact.push(`section ${section}: matches the manifest`);
  }
  const events = Array.isArray(bundle.events) ? bundle.events : [];
  let recomputed = 0;
  let withheld = 0;
  let links = 0;
  const lastOfChain = new Map<string, EvidenceEvent>();
  events.forEach((event, i) => {
    if (event.withheld?.length) withheld++;
    else if (chainHash(event.prevHash, event.content) === event.hash) recomputed++;
    else broken.push(`event ${event.seq} (${event.content?.action}): its hash does not match its content`);
    const before = events[i - 1];
    if (before && BigInt(event.seq) <= BigInt(before.seq)) broken.push(`event ${event.seq}: out of order`);
    const neighbour = lastOfChain.get(event.chain);
    if (neighbour && BigInt(event.seq) === BigInt(neighbour.seq) + 1n) {
      if (event.prevHash === neighbour.hash) links++;
      else broken.push(`events ${neighbour.seq} → ${event.seq}: consecutive in the chain, but the link does not hold`);
    }
    lastOfChain.set(event.chain, event);
  });
  intact.push(`events: ${recomputed} of ${events.length} hashes recomputed from their content`);
  if (withheld) notes.push(`events: ${withheld} carry fields this side may not see; their stored hashes are shown, not recomputed`);
  intact.push(`events: ${links} links between consecutive events proven`);
  const gaps = events.length - lastOfChain.size - links;
  if (gaps > 0) notes.push(`events: ${gaps} gaps where other events of the chain (other incidents, or not this side's) lie between`);
  if (canonicalJson(factsHistory(events)) === canonicalJson(bundle.facts ?? null)) intact.push('facts: each state agrees with the events');
  else broken.push('facts: the states do not follow from the events');
  const anchored = new Set(events.map((e) => e.content?.entityId));
  for (const section of ['assessments', 'decisions', 'notifications'] as const) {
    const items = (Array.isArray(bundle[section]) ? bundle[section] : []) as { id?: string }[];
    const loose = items.filter((item) => !anchored.has(item.id ?? ''));
    if (loose.length) broken.push(`${section}: ${loose.length} without an event in the bundle`);
    else intact.push(`${section}: ${items.length}, each recorded by an event in the bundle`);
  }
  return { ok: broken.length === 0, intact, broken, notes };
}
