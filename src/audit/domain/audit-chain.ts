import { createHash, hash } from 'node:crypto';
import { Commitments, committedForm } from './audit-commitments';

// The hash chain of the audit trail, as pure functions: each event's hash covers its content and
// the previous event's hash, so removing, reordering or editing any event breaks every later link.
export const GENESIS_HASH = '0'.repeat(64);

// One chain per organization (and one for what no organization did, the command line), so that
// appends of different tenants never wait for each other. The events recorded before chains existed
// stay the "legacy" chain, from GENESIS_HASH. Every other chain starts from a hash of its own key:
// prev_hash stays unique across all chains, and an event moved into another chain cannot verify there.
export const LEGACY_CHAIN = 'legacy';
export const SYSTEM_CHAIN = 'system';

export function chainKeyOf(actorOrgId: string | null): string {
  return actorOrgId ? `org:${actorOrgId.toLowerCase()}` : SYSTEM_CHAIN;
}

export function chainGenesis(chain: string): string {
  if (chain === LEGACY_CHAIN) return GENESIS_HASH;
  return createHash('sha256').update('breachclock audit chain\n').update(chain).digest('hex');
}

export interface ChainedContent {
  id: string;
  occurredAt: string; // ISO-8601 UTC
  actor: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  incidentId: string | null;
  changes: unknown;
  reason: string | null;
  requestId: string | null;
  // Format 2 (domain/audit-commitments.ts): the hash covers commitments to the actor, the reason and
  // the change values, which can therefore be erased. Format 1 (absent): it covers the values.
  format?: 1 | 2;
  commitments?: Commitments | null;
}

// What is hashed after the previous hash and a line feed: the canonical JSON of the content (format
// 1), or of the content with each committed value replaced by its commitment and "format": 2.
// Null when a format-2 event's values and commitments do not agree (it cannot verify).
export function hashedText(content: ChainedContent): string | null {
  const { format, commitments, ...rest } = content;
  if (format !== 2) return canonicalJson(rest);
  const form = committedForm({ ...rest, commitments }, canonicalJson);
  return form ? canonicalJson({ ...form, format: 2 }) : null;
}

// JSON with keys sorted at every level, so the same content always hashes the same.
// (Loops rather than entries/filter/map: it runs for every event appended and verified. The default
// sort orders by UTF-16 code units, as the comparison of strings does.)
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  const text = hashedText(content);
  // An event whose values and commitments disagree has no hash: nothing stored can match this.
  if (text === null) return 'values and commitments disagree';
  return hash('sha256', `${prevHash}\n${text}`, 'hex');
}

export interface ChainBreak {
  seq: string;
  id: string;
  reason: 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';
}

// Walks events in sequence order and returns the first break, or null when the chain holds.
export function findChainBreak(
  events: Iterable<ChainedContent & { seq: string; prevHash: string; hash: string }>,
  startHash = GENESIS_HASH,
): ChainBreak | null {
  let expectedPrev = startHash;
  for (const event of events) {
    if (event.prevHash !== expectedPrev) return { seq: event.seq, id: event.id, reason: 'prev_hash_mismatch' };
    const { seq: _seq, prevHash, hash, ...content } = event;
    if (chainHash(prevHash, content) !== hash) return { seq: event.seq, id: event.id, reason: 'hash_mismatch' };
    expectedPrev = hash;
  }
  return null;
}
