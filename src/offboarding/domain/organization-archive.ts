import { createHash } from 'node:crypto';
import { ChainedContent, canonicalJson, chainGenesis, findChainBreak } from '../../audit/domain/audit-chain';
import { Signature, SignatureCheck, TrustedKey, checkSignature, signatureHolds } from '../../platform/signing/signatures';

// The archive of one organization (docs/offboarding.md, "Archive format"): one canonical JSON file
// (keys sorted at every level, as the audit chain hashes them) holding a manifest and the sections.
// The manifest names each section's row count and the SHA-256 of its canonical JSON; the audit
// section is the organization's chain itself, which verifies from its genesis to the head the
// manifest names (and the tombstone left after a deletion names too).
export const ARCHIVE_FORMAT = 'breachclock-organization-archive';
export const ARCHIVE_VERSION = 1;

export type ArchiveRow = Record<string, unknown>;
export type ChainedEvent = ChainedContent & { seq: string; prevHash: string; hash: string };

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  organization: { id: string; slug: string; name: string };
  auditChain: { chain: string; headHash: string; events: number };
  sections: Record<string, { rows: number; sha256: string }>;
}

export interface OrganizationArchive {
  manifest: ArchiveManifest;
  // The installation's signature over the canonical JSON of the manifest; absent in archives made before signing.
  signature?: Signature;
  sections: Record<string, ArchiveRow[]>;
}

export const archiveSignedBytes = (archive: Pick<OrganizationArchive, 'manifest'>): string => canonicalJson(archive.manifest);

export const sha256Of = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

export function buildArchive(
  meta: Omit<ArchiveManifest, 'format' | 'version' | 'sections'>,
  sections: Record<string, ArchiveRow[]>,
): OrganizationArchive {
  const described = Object.fromEntries(
    Object.entries(sections).map(([name, rows]) => [name, { rows: rows.length, sha256: sha256Of(rows) }]),
  );
  return { manifest: { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, ...meta, sections: described }, sections };
}

export const archiveText = (archive: OrganizationArchive): string => `${canonicalJson(archive)}\n`;

export interface ArchiveCheck {
  ok: boolean;
  sections: { name: string; rows: number; ok: boolean; problem?: string }[];
  auditChain: { chain: string; events: number; ok: boolean; problem?: string };
  signature: SignatureCheck;
}

// Checks an archive without a database: every section against its hash and count, no section
// unlisted, the audit chain link by link up to the head the manifest names, and the signature over
// the manifest (against the trusted key when one is given; an unsigned archive then fails).
export function checkArchive(text: string, trusted: TrustedKey = {}): ArchiveCheck {
  let parsed: OrganizationArchive;
  try {
    parsed = JSON.parse(text) as OrganizationArchive;
  } catch {
    throw new Error('not JSON: not an organization archive');
  }
  const m = parsed?.manifest;
  if (m?.format !== ARCHIVE_FORMAT || typeof parsed.sections !== 'object' || parsed.sections === null) {
    throw new Error(`not an organization archive (format "${ARCHIVE_FORMAT}" expected)`);
  }
  const names = [...new Set([...Object.keys(m.sections ?? {}), ...Object.keys(parsed.sections)])].sort();
  const sections = names.map((name) => {
    const listed = m.sections?.[name];
    const rows = parsed.sections[name];
    if (!listed) return { name, rows: rows?.length ?? 0, ok: false, problem: 'not in the manifest' };
    if (!Array.isArray(rows)) return { name, rows: 0, ok: false, problem: 'missing' };
    if (rows.length !== listed.rows)
      return { name, rows: rows.length, ok: false, problem: `has ${rows.length} rows, manifest says ${listed.rows}` };
    if (sha256Of(rows) !== listed.sha256) return { name, rows: rows.length, ok: false, problem: 'SHA-256 differs from the manifest' };
    return { name, rows: rows.length, ok: true };
  });
  const events = (parsed.sections.auditEvents ?? []) as unknown as ChainedEvent[];
  const chain = m.auditChain;
  const found = findChainBreak(events, chainGenesis(chain.chain));
  const last = events.length ? events[events.length - 1].hash : chainGenesis(chain.chain);
  const auditChain = found
    ? { chain: chain.chain, events: events.length, ok: false, problem: `${found.reason} at seq ${found.seq}` }
    : last !== chain.headHash || events.length !== chain.events
      ? { chain: chain.chain, events: events.length, ok: false, problem: 'does not end at the head the manifest names' }
      : { chain: chain.chain, events: events.length, ok: true };
  const signature = checkSignature(archiveSignedBytes(parsed), parsed.signature, trusted);
  const given = trusted.publicKey !== undefined || trusted.fingerprint !== undefined;
  return { ok: sections.every((s) => s.ok) && auditChain.ok && signatureHolds(signature, given), sections, auditChain, signature };
}
