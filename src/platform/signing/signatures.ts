import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

// Detached Ed25519 signatures (docs/decisions.md, "Signed evidence"): the installation signs the
// canonical bytes of what it hands out (a bundle's manifest, an archive's manifest, a chain's
// tombstone, the chain heads); the signature names its key by fingerprint and carries the public
// key, so a file can be checked offline, and checked against a key the reader trusts beforehand.
export interface Signature {
  algorithm: 'ed25519';
  // SHA-256 of the raw 32-byte public key, hex.
  keyFingerprint: string;
  // The public key, PEM (SPKI).
  publicKey: string;
  // The signature over the signed bytes, base64.
  signature: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: string;
  fingerprint: string;
}

// What a reader trusts: a public key (PEM) or only its fingerprint.
export interface TrustedKey {
  publicKey?: string;
  fingerprint?: string;
}

export type SignatureCheck =
  | { status: 'unsigned' }
  | { status: 'valid'; fingerprint: string; trusted: boolean }
  | { status: 'untrusted'; fingerprint: string; trustedFingerprint: string }
  | { status: 'invalid'; fingerprint: string; reason: string };

export function fingerprintOf(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return createHash('sha256').update(raw).digest('hex');
}

// A private key read from PEM (PKCS#8); throws with a reason when it is not an Ed25519 private key.
export function signingKeyFromPem(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('is not a PEM private key (PKCS#8)');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: fingerprintOf(publicKey) };
}

// A new key, as PKCS#8 PEM.
export function newSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function signWith(key: SigningKey, bytes: string): Signature {
  return {
    algorithm: 'ed25519',
    keyFingerprint: key.fingerprint,
    publicKey: key.publicKey,
    signature: sign(null, Buffer.from(bytes, 'utf8'), key.privateKey).toString('base64'),
  };
}

const readPublicKey = (pem: unknown): KeyObject | null => {
  try {
    const key = createPublicKey({ key: String(pem), format: 'pem' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
};

// The fingerprint of a trusted key given as PEM or as hex; throws when neither reads.
export function trustedFingerprint(trusted: TrustedKey): string {
  if (trusted.publicKey !== undefined) {
    const key = readPublicKey(trusted.publicKey);
    if (!key) throw new Error('the trusted public key is not an Ed25519 public key in PEM');
    return fingerprintOf(key);
  }
  const hex = String(trusted.fingerprint ?? '')
    .toLowerCase()
    .replace(/:/g, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('the trusted fingerprint must be 64 hex digits (SHA-256 of the raw key)');
  return hex;
}

// Checks a signature over the given bytes: with the key it carries, and, when the reader names a
// trusted key, that it is that key. No signature: "unsigned" (a file made before signing).
export function checkSignature(bytes: string, signature: unknown, trusted?: TrustedKey): SignatureCheck {
  if (signature === undefined || signature === null) return { status: 'unsigned' };
  const s = signature as Partial<Signature>;
  const named = typeof s.keyFingerprint === 'string' ? s.keyFingerprint : '?';
  const key = readPublicKey(s.publicKey);
  if (s.algorithm !== 'ed25519' || !key || typeof s.signature !== 'string')
    return { status: 'invalid', fingerprint: named, reason: 'not an Ed25519 signature with its public key' };
  const fingerprint = fingerprintOf(key);
  if (fingerprint !== named) return { status: 'invalid', fingerprint: named, reason: 'the public key does not have the fingerprint named' };
  const wanted = trusted && (trusted.publicKey !== undefined || trusted.fingerprint !== undefined) ? trustedFingerprint(trusted) : null;
  if (wanted && wanted !== fingerprint) return { status: 'untrusted', fingerprint, trustedFingerprint: wanted };
  if (!verify(null, Buffer.from(bytes, 'utf8'), key, Buffer.from(s.signature, 'base64')))
    return { status: 'invalid', fingerprint, reason: 'the signature does not match the signed content' };
  return { status: 'valid', fingerprint, trusted: wanted !== null };
}

// Whether a check lets the file pass: an unsigned file passes unless a trusted key was asked for.
export const signatureHolds = (check: SignatureCheck, trustedGiven: boolean): boolean =>
  check.status === 'valid' || (check.status === 'unsigned' && !trustedGiven);

export function signatureText(check: SignatureCheck): string {
  switch (check.status) {
    case 'unsigned':
      return 'unsigned (made before signing): the hashes prove consistency, not origin';
    case 'valid':
      return check.trusted
        ? `signed by the trusted key ${check.fingerprint}`
        : `signature valid for key ${check.fingerprint} (not checked against a trusted key)`;
    case 'untrusted':
      return `signed by key ${check.fingerprint}, NOT by the trusted key ${check.trustedFingerprint}`;
    case 'invalid':
      return `signature INVALID for key ${check.fingerprint}: ${check.reason}`;
  }
}
