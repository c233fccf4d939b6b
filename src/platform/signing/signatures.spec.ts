import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { checkSignature, newSigningKeyPem, signWith, signingKeyFromPem } from './signatures';

describe('installation signatures', () => {
  it('names the key by the SHA-256 of its raw 32 bytes', () => {
    const key = signingKeyFromPem(newSigningKeyPem());
    const der = createPublicKey(key.publicKey).export({ type: 'spki', format: 'der' }) as Buffer;
    // SPKI of Ed25519: a 12-byte header, then the raw key.
    expect(der).toHaveLength(44);
    expect(key.fingerprint).toBe(createHash('sha256').update(der.subarray(12)).digest('hex'));
    expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('refuses a key that is not an Ed25519 private key in PEM', () => {
    expect(() => signingKeyFromPem('hello')).toThrow('is not a PEM private key (PKCS#8)');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => signingKeyFromPem(rsa)).toThrow('holds a rsa key, not Ed25519');
  });

  it('a signature holds only over the exact bytes it was made for', () => {
    const key = signingKeyFromPem(newSigningKeyPem());
    const s = signWith(key, '{"a":1}');
    expect(checkSignature('{"a":1}', s)).toEqual({ status: 'valid', fingerprint: key.fingerprint, trusted: false });
    expect(checkSignature('{"a":2}', s)).toMatchObject({ status: 'invalid', reason: 'the signature does not match the signed content' });
    expect(checkSignature('{"a":1}', { ...s, signature: 'AAAA' })).toMatchObject({ status: 'invalid' });
    expect(checkSignature('{"a":1}', { ...s, publicKey: 'x' })).toMatchObject({
      status: 'invalid',
      reason: 'not an Ed25519 signature with its public key',
    });
    expect(checkSignature('{"a":1}', undefined)).toEqual({ status: 'unsigned' });
  });
});
