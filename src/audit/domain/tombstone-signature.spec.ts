import { newSigningKeyPem, signWith, signingKeyFromPem } from '../../platform/signing/signatures';
import { checkTombstone, tombstoneSignedBytes } from './tombstone-signature';

describe('signed tombstones', () => {
  const key = signingKeyFromPem(newSigningKeyPem());
  const facts = {
    chain: 'org:0190aaaa-0000-7000-8000-000000000001',
    headHash: 'a'.repeat(64),
    events: 42,
    signedAt: '2026-11-27T10:00:00.000Z',
  };
  const signed = { ...facts, signature: { ...signWith(key, tombstoneSignedBytes(facts)), signedAt: facts.signedAt } };

  it('holds for the chain, head, count and time it was made for, against the trusted key too', () => {
    expect(checkTombstone(signed)).toEqual({
      holds: true,
      text: `tombstone signature valid for key ${key.fingerprint} (not checked against a trusted key)`,
    });
    expect(checkTombstone(signed, { fingerprint: key.fingerprint })).toEqual({
      holds: true,
      text: `tombstone signed by the trusted key ${key.fingerprint}`,
    });
  });

  it('does not hold when any of the four signed values differs', () => {
    for (const changed of [
      { ...signed, events: 41 },
      { ...signed, headHash: 'b'.repeat(64) },
      { ...signed, chain: 'org:0190aaaa-0000-7000-8000-000000000002' },
      { ...signed, signature: { ...signed.signature, signedAt: '2026-11-27T10:00:01.000Z' } },
    ]) {
      expect(checkTombstone(changed)).toEqual({
        holds: false,
        text: `tombstone signature INVALID for key ${key.fingerprint}: the signature does not match the signed content`,
      });
    }
  });

  it('an unsigned tombstone (made before signing) holds unless a trusted key is asked for; another key never does then', () => {
    const old = { ...facts, signature: null };
    expect(checkTombstone(old)).toEqual({
      holds: true,
      text: 'tombstone unsigned (made before signing): the hashes prove consistency, not origin',
    });
    expect(checkTombstone(old, { fingerprint: key.fingerprint }).holds).toBe(false);
    const other = signingKeyFromPem(newSigningKeyPem());
    expect(checkTombstone(signed, { publicKey: other.publicKey })).toEqual({
      holds: false,
      text: `tombstone signed by key ${key.fingerprint}, NOT by the trusted key ${other.fingerprint}`,
    });
  });
});
