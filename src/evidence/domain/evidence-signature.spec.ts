import { auditContent } from '../../../test/support/audit-content';
import { GENESIS_HASH, chainGenesis, chainHash } from '../../audit/domain/audit-chain';
import { buildArchive, checkArchive, archiveSignedBytes, archiveText } from '../../offboarding/domain/organization-archive';
import { newSigningKeyPem, signWith, signingKeyFromPem } from '../../platform/signing/signatures';
import { EVIDENCE_FORMAT, EvidenceBundle, EvidenceEvent, factsHistory, sealBundle } from './evidence-bundle';
import { evidenceSignedBytes } from './evidence-signature';
import { verifyAnyEvidence } from './register-evidence';

const INSTALLATION = signingKeyFromPem(newSigningKeyPem());
const ATTACKER = signingKeyFromPem(newSigningKeyPem());

function unsigned(title = 'Leak'): EvidenceBundle {
  const c = auditContent(1, { title: { from: null, to: title } });
  const events: EvidenceEvent[] = [{ seq: '1', chain: 'legacy', prevHash: GENESIS_HASH, hash: chainHash(GENESIS_HASH, c), content: c }];
  return sealBundle(
    { format: EVIDENCE_FORMAT, version: 1, exportedAt: '2026-11-27T11:00:00.000Z', exportedBy: 'cli', side: 'controller' },
    {
      incident: { id: c.incidentId, title },
      facts: factsHistory(events),
      assessments: [],
      decisions: [],
      notifications: [],
      obligations: [],
      events,
    },
  );
}

const signed = (b: EvidenceBundle, key = INSTALLATION): EvidenceBundle => ({ ...b, signature: signWith(key, evidenceSignedBytes(b)) });
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('signed evidence bundles', () => {
  it('a signed bundle holds; with the trusted key given as PEM or fingerprint it says so', () => {
    const b = copy(signed(unsigned()));
    const open = verifyAnyEvidence(b);
    expect(open.report.ok).toBe(true);
    expect(open.report.intact).toContain(
      `signature: signature valid for key ${INSTALLATION.fingerprint} (not checked against a trusted key)`,
    );
    for (const trusted of [{ publicKey: INSTALLATION.publicKey }, { fingerprint: INSTALLATION.fingerprint.toUpperCase() }]) {
      const r = verifyAnyEvidence(b, trusted);
      expect(r.signature).toEqual({ status: 'valid', fingerprint: INSTALLATION.fingerprint, trusted: true });
      expect(r.report.intact).toContain(`signature: signed by the trusted key ${INSTALLATION.fingerprint}`);
    }
  });

  it('one byte of the manifest changed: the signature is invalid, and the section no longer matches', () => {
    const b = copy(signed(unsigned()));
    const h = b.manifest.sections.incident;
    b.manifest.sections.incident = `${h.slice(0, -1)}${h.endsWith('0') ? '1' : '0'}`;
    const r = verifyAnyEvidence(b);
    expect(r.signature.status).toBe('invalid');
    expect(r.report.ok).toBe(false);
    expect(r.report.broken).toContain('section incident: its SHA-256 differs from the manifest');
    expect(r.report.broken.some((l) => l.startsWith(`signature: signature INVALID for key ${INSTALLATION.fingerprint}`))).toBe(true);
  });

  it('a header field (who exported it) changed: only the signature shows it', () => {
    const b = copy(signed(unsigned()));
    b.exportedBy = 'user:someone-else@example.com';
    const r = verifyAnyEvidence(b);
    expect(r.report.broken).toEqual([
      `signature: signature INVALID for key ${INSTALLATION.fingerprint}: the signature does not match the signed content`,
    ]);
  });

  it('everything re-hashed consistently (an attacker with the database): every hash holds, the signature does not', () => {
    const original = signed(unsigned('Leak'));
    // The attacker rebuilds the bundle from altered data: every event hash, section hash and manifest agree.
    const forged = { ...unsigned('Nothing happened'), signature: original.signature };
    const kept = verifyAnyEvidence(copy(forged));
    expect(kept.report.intact).toEqual(
      expect.arrayContaining(['section incident: matches the manifest', 'events: 1 of 1 hashes recomputed from their content']),
    );
    expect(kept.signature.status).toBe('invalid');
    expect(kept.report.ok).toBe(false);
    // Re-signed with a key of the attacker's own: valid in itself, refused against the trusted key.
    const resigned = copy(signed(unsigned('Nothing happened'), ATTACKER));
    expect(verifyAnyEvidence(resigned).report.ok).toBe(true);
    const against = verifyAnyEvidence(resigned, { fingerprint: INSTALLATION.fingerprint });
    expect(against.signature).toEqual({
      status: 'untrusted',
      fingerprint: ATTACKER.fingerprint,
      trustedFingerprint: INSTALLATION.fingerprint,
    });
    expect(against.report.ok).toBe(false);
    expect(against.report.broken).toEqual([
      `signature: signed by key ${ATTACKER.fingerprint}, NOT by the trusted key ${INSTALLATION.fingerprint}`,
    ]);
  });

  it('a key swapped in under the installation fingerprint is refused', () => {
    const b = copy(signed(unsigned(), ATTACKER));
    b.signature!.keyFingerprint = INSTALLATION.fingerprint;
    const r = verifyAnyEvidence(b, { fingerprint: INSTALLATION.fingerprint });
    expect(r.signature).toEqual({
      status: 'invalid',
      fingerprint: INSTALLATION.fingerprint,
      reason: 'the public key does not have the fingerprint named',
    });
    expect(r.report.ok).toBe(false);
  });

  it('a bundle made before signing is reported unsigned, not broken; with a trusted key asked for it does not pass', () => {
    const old = copy(unsigned());
    const r = verifyAnyEvidence(old);
    expect(r.signature).toEqual({ status: 'unsigned' });
    expect(r.report.ok).toBe(true);
    expect(r.report.notes).toContain('signature: unsigned (made before signing): the hashes prove consistency, not origin');
    expect(verifyAnyEvidence(old, { publicKey: INSTALLATION.publicKey }).report.ok).toBe(false);
  });

  it('a trusted key that is not an Ed25519 public key is refused as such', () => {
    expect(() => verifyAnyEvidence(copy(signed(unsigned())), { fingerprint: 'abc' })).toThrow(/64 hex digits/);
    expect(() => verifyAnyEvidence(copy(signed(unsigned())), { publicKey: 'not a key' })).toThrow(/not an Ed25519 public key/);
  });
});

describe('signed organization archives', () => {
  const archive = () =>
    buildArchive(
      {
        exportedAt: '2026-11-27T11:00:00.000Z',
        organization: { id: 'o', slug: 'acme', name: 'Acme' },
        auditChain: { chain: 'org:o', headHash: '', events: 0 },
      },
      { incidents: [{ id: 'i1', title: 'Leak' }] },
    );
  const genesisHead = (a: ReturnType<typeof archive>) => {
    a.manifest.auditChain.headHash = chainGenesis('org:o');
    return a;
  };

  it('checks the signature over the manifest: valid, tampered, re-hashed by an attacker, unsigned', () => {
    const a = genesisHead(archive());
    const signedArchive = { ...a, signature: signWith(INSTALLATION, archiveSignedBytes(a)) };
    const ok = checkArchive(archiveText(signedArchive), { publicKey: INSTALLATION.publicKey });
    expect(ok.ok).toBe(true);
    expect(ok.signature).toEqual({ status: 'valid', fingerprint: INSTALLATION.fingerprint, trusted: true });

    // Rows changed and the manifest's hash recomputed: the sections agree, the signature does not.
    const forged = genesisHead(buildArchive(a.manifest, { incidents: [{ id: 'i1', title: 'Nothing' }] }));
    const rehashed = checkArchive(archiveText({ ...forged, signature: signedArchive.signature }));
    expect(rehashed.sections.every((s) => s.ok)).toBe(true);
    expect(rehashed.signature.status).toBe('invalid');
    expect(rehashed.ok).toBe(false);

    const wrongKey = checkArchive(archiveText({ ...forged, signature: signWith(ATTACKER, archiveSignedBytes(forged)) }), {
      fingerprint: INSTALLATION.fingerprint,
    });
    expect(wrongKey.signature.status).toBe('untrusted');
    expect(wrongKey.ok).toBe(false);

    const old = checkArchive(archiveText(a));
    expect(old.signature).toEqual({ status: 'unsigned' });
    expect(old.ok).toBe(true);
  });
});
