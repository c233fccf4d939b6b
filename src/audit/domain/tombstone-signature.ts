import { canonicalJson } from './audit-chain';

// What the installation signs when a chain is deleted with its organization (docs/offboarding.md,
// "Tombstone"): the chain's key, its last hash, how many events it held, and when. The signature
// is kept in the tombstone event's changes ("signature"), so `audit verify` checks it; someone who
// rewrites the system chain can make its hashes agree again, but not this signature.
export interface TombstoneFacts {
  chain: string;
  headHash: string;
  events: number;
  signedAt: string;
}

export const tombstoneSignedBytes = (t: TombstoneFacts): string =>
  canonicalJson({
    purpose: 'breachclock audit chain deleted',
    chain: t.chain,
    headHash: t.headHash,
    events: t.events,
    signedAt: t.signedAt,
  });
