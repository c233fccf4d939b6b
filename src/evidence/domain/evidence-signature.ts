import { canonicalJson } from '../../audit/domain/audit-chain';
import { Signature, SignatureCheck, TrustedKey, checkSignature } from '../../platform/signing/signatures';
import type { EvidenceReport } from './evidence-bundle';

// What the installation signs of a bundle (docs/operations.md "Evidence bundle"): its canonical
// JSON without the sections and without the signature, that is the format, who exported it when,
// and the manifest, which holds the SHA-256 of every section. Changing any byte of a section
// changes its hash; changing the manifest to match breaks the signature.
const UNSIGNED_PARTS: Record<string, string[]> = {
  'breachclock-evidence': ['incident', 'facts', 'assessments', 'decisions', 'notifications', 'obligations', 'events'],
  'breachclock-register-evidence': ['register', 'incidents'],
};

export function evidenceSignedBytes(bundle: object): string {
  const record = bundle as Record<string, unknown>;
  const left = new Set([...(UNSIGNED_PARTS[String(record.format)] ?? []), 'signature']);
  return canonicalJson(Object.fromEntries(Object.entries(record).filter(([k]) => !left.has(k))));
}

export const withSignature = <T extends object>(bundle: T, signature: Signature): T & { signature: Signature } => ({
  ...bundle,
  signature,
});

export function checkEvidenceSignature(bundle: unknown, trusted?: TrustedKey): SignatureCheck {
  if (!bundle || typeof bundle !== 'object') return { status: 'unsigned' };
  return checkSignature(evidenceSignedBytes(bundle), (bundle as { signature?: unknown }).signature, trusted);
}

// The chain heads `audit verify --sign` states (docs/operations.md, "Anchoring the chain heads"): each
// chain's key, last hash and event count at a time, signed, for the operator to keep elsewhere.
export const CHAIN_HEADS_FORMAT = 'breachclock-chain-heads';
export const CHAIN_HEADS_VERSION = 1;

export interface ChainHeads {
  format: typeof CHAIN_HEADS_FORMAT;
  version: number;
  at: string;
  chains: { chain: string; headHash: string | null; events: number; deleted?: boolean }[];
  signature?: Signature;
}

// Its content only (the signature is checked beside it): what it names, readably.
export function verifyChainHeads(input: unknown): EvidenceReport {
  const s = input as Partial<ChainHeads>;
  if (s.version !== CHAIN_HEADS_VERSION || !Array.isArray(s.chains))
    return { ok: false, intact: [], broken: [`unknown chain heads version ${String(s.version)}`], notes: [] };
  const intact = s.chains.map(
    (c) => `chain ${c.chain}: ${c.events} events, head ${c.headHash}${c.deleted ? ' (deleted, as its tombstone names it)' : ''} at ${s.at}`,
  );
  return { ok: true, intact, broken: [], notes: [] };
}
