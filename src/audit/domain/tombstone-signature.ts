import { Signature, TrustedKey, checkSignature, signatureHolds, signatureText } from '../../platform/signing/signatures';
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

// A tombstone's signature, as `audit verify` reports it: whether it holds (an unsigned tombstone, made
// before signing, holds unless a trusted key is asked for) and what to say.
export function checkTombstone(
  t: Omit<TombstoneFacts, 'signedAt'> & { signature: (Signature & { signedAt: string }) | null },
  trusted: TrustedKey = {},
): { holds: boolean; text: string } {
  const given = trusted.publicKey !== undefined || trusted.fingerprint !== undefined;
  const bytes = tombstoneSignedBytes({ chain: t.chain, headHash: t.headHash, events: t.events, signedAt: t.signature?.signedAt ?? '' });
  const check = checkSignature(bytes, t.signature ?? undefined, trusted);
  return { holds: signatureHolds(check, given), text: `tombstone ${signatureText(check)}` };
}
