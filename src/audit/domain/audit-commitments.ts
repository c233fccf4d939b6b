import { hash, randomBytes } from 'node:crypto';

// Chain format 2 (docs/architecture.md, "Erasable values"): the hash of an event covers, instead of
// each value that may one day have to be erased, a commitment to it, sha256(salt || canonical JSON of
// the value), with a random salt of its own kept beside the value (so a short value such as an e-mail
// address cannot be found by hashing guesses). Erasing a value replaces it with ERASED and its salt
// with the commitment: every hash still verifies, and nothing of the value is left.
// Committed: the actor's label, the reason, and every value of every field change (changes.<f>.from/to);
// null values are hashed in clear (there is nothing to erase). Everything else (ids, times, action,
// entity, request id) is hashed in clear as in format 1.
export const ERASED = '[erased]';
export const SALT_BYTES = 16;

// One committed value: live (its salt; the commitment follows from the value), erased (the
// commitment; the value is ERASED) or withheld from a reader (the commitment; the value is null).
export type Seal = { s: string } | { c: string; erased: string } | { c: string; withheld: true };

export interface Commitments {
  actor?: Seal;
  reason?: Seal;
  changes?: Record<string, Record<string, Seal>>;
}

export interface CommittedValues {
  actor: string;
  changes: unknown;
  reason: string | null;
  commitments?: Commitments | null;
}

// sha256 of the salt (32 hex digits) followed by the value's canonical JSON, as UTF-8 text; the
// one-shot hash, as the append path computes one per value.
export const commitment = (salt: string, value: unknown, canonical: (v: unknown) => string): string =>
  hash('sha256', salt + canonical(value), 'hex');

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// The places of the committed values of one event, in a fixed order: [path, value].
function committedPlaces(e: CommittedValues): [['actor'] | ['reason'] | ['changes', string, string], unknown][] {
  const out: [['actor'] | ['reason'] | ['changes', string, string], unknown][] = [[['actor'], e.actor]];
  if (e.reason !== null && e.reason !== undefined) out.push([['reason'], e.reason]);
  if (isRecord(e.changes)) {
    for (const [field, change] of Object.entries(e.changes)) {
      if (!isRecord(change)) continue;
      for (const [key, value] of Object.entries(change))
        if (value !== null && value !== undefined) out.push([['changes', field, key], value]);
    }
  }
  return out;
}

// The salts of a new event: one random draw for all of its values (cheap on the append path).
export function sealValues(e: CommittedValues, salts: (n: number) => string[] = randomSalts): Commitments {
  const places = committedPlaces(e);
  const drawn = salts(places.length);
  const out: Commitments = {};
  places.forEach(([path], i) => setSeal(out, path, { s: drawn[i] }));
  return out;
}

export function randomSalts(n: number): string[] {
  const bytes = randomBytes(SALT_BYTES * n).toString('hex');
  return Array.from({ length: n }, (_, i) => bytes.slice(i * SALT_BYTES * 2, (i + 1) * SALT_BYTES * 2));
}

function sealAt(c: Commitments | null | undefined, path: string[]): Seal | undefined {
  if (!c) return undefined;
  if (path[0] === 'changes') return c.changes?.[path[1]]?.[path[2]];
  return c[path[0] as 'actor' | 'reason'];
}

function setSeal(c: Commitments, path: string[], seal: Seal): void {
  if (path[0] !== 'changes') {
    c[path[0] as 'actor' | 'reason'] = seal;
    return;
  }
  c.changes ??= {};
  c.changes[path[1]] ??= {};
  c.changes[path[1]][path[2]] = seal;
}

// The commitment a seal stands for, given the value beside it; null when the two do not belong
// together (a value beside an erased or withheld seal other than its placeholder, an unknown seal).
function commitmentOf(seal: Seal, value: unknown, canonical: (v: unknown) => string): string | null {
  if ('s' in seal && typeof seal.s === 'string' && /^[0-9a-f]{32,}$/.test(seal.s)) return commitment(seal.s, value, canonical);
  if ('c' in seal && typeof seal.c === 'string') {
    if ('erased' in seal && typeof seal.erased === 'string' && value === ERASED) return seal.c;
    if ('withheld' in seal && seal.withheld === true && value === null) return seal.c;
  }
  return null;
}

// What the hash of a format-2 event covers in place of the committed values: each commitment (null
// values in clear). Null when a value and its seal do not agree, or a value has no seal at all.
export function committedForm<T extends CommittedValues>(e: T, canonical: (v: unknown) => string): Omit<T, 'commitments'> | null {
  const { commitments, ...rest } = e;
  const form = { ...rest, changes: isRecord(e.changes) ? { ...e.changes } : e.changes } as Record<string, unknown> & CommittedValues;
  const withheldReason = e.reason === null && commitments?.reason && 'withheld' in commitments.reason;
  const places: [string[], unknown][] = committedPlaces(e);
  if (withheldReason) places.push([['reason'], null]);
  let seals = 0;
  for (const [path, value] of places) {
    const seal = sealAt(commitments, path);
    if (!seal) return null;
    const c = commitmentOf(seal, value, canonical);
    if (c === null) return null;
    seals++;
    if (path[0] === 'changes') {
      const changes = form.changes as Record<string, Record<string, unknown>>;
      changes[path[1]] = { ...changes[path[1]], [path[2]]: c };
    } else form[path[0]] = c;
  }
  // A seal without its value (a value removed, or a seal added): the event does not verify.
  if (seals !== countSeals(commitments)) return null;
  return form as unknown as Omit<T, 'commitments'>;
}

function countSeals(c: Commitments | null | undefined): number {
  if (!c) return 0;
  let n = (c.actor ? 1 : 0) + (c.reason ? 1 : 0);
  for (const change of Object.values(c.changes ?? {})) n += Object.keys(change ?? {}).length;
  return n;
}

// Which values to erase: asked for each live value ("actor", "reason", or a field and "from"/"to").
export type ErasePredicate = (place: { kind: 'actor' | 'reason' | 'change'; field?: string }, value: unknown) => boolean;

export interface Erased<T> {
  event: T;
  erased: number;
}

// Erases the values the predicate names: value → ERASED, salt → commitment and the time. The
// event's hash does not change; erasing an erased value again does nothing.
export function eraseValues<T extends CommittedValues>(
  e: T,
  at: string,
  erase: ErasePredicate,
  canonical: (v: unknown) => string,
): Erased<T> {
  const commitments: Commitments = structuredClone(e.commitments ?? {});
  const out = { ...e, changes: isRecord(e.changes) ? structuredClone(e.changes) : e.changes, commitments } as T & {
    [k: string]: unknown;
  };
  let erased = 0;
  for (const [path, value] of committedPlaces(e)) {
    const seal = sealAt(commitments, path);
    if (!seal || !('s' in seal)) continue;
    const kind = path[0] === 'changes' ? 'change' : path[0];
    if (!erase({ kind, field: path[1] }, value)) continue;
    setSeal(commitments, path, { c: commitment(seal.s, value, canonical), erased: at });
    if (path[0] === 'changes') (out.changes as Record<string, Record<string, unknown>>)[path[1]][path[2]] = ERASED;
    else out[path[0]] = ERASED;
    erased++;
  }
  return { event: out, erased };
}

// The event as a reader who may not see its reason gets it: the reason null, its seal reduced to its
// commitment, so the event's hash can still be recomputed.
export function withholdReason<T extends CommittedValues>(e: T, canonical: (v: unknown) => string): T {
  const seal = e.commitments?.reason;
  if (!seal || !('s' in seal) || e.reason === null) return { ...e, reason: null };
  return { ...e, reason: null, commitments: { ...e.commitments, reason: { c: commitment(seal.s, e.reason, canonical), withheld: true } } };
}

// Values that say nothing about a person: null, numbers, booleans, timestamps and dates, UUIDs, short
// lower-case codes (statuses, bands, kinds, keys), and lists and objects of them.
const SAFE_STRING = [
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{64}$/,
  /^[a-z0-9]+([_./:-][a-z0-9]+)*$/,
];
export function saysNothingOfAPerson(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return true;
  if (typeof value === 'string') return value.length <= 80 && SAFE_STRING.some((r) => r.test(value));
  if (Array.isArray(value)) return value.every(saysNothingOfAPerson);
  if (isRecord(value)) return Object.values(value).every(saysNothingOfAPerson);
  return false;
}
