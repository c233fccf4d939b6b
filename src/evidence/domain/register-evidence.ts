import { Signature, SignatureCheck, TrustedKey, signatureHolds, signatureText } from '../../platform/signing/signatures';
import { CHAIN_HEADS_FORMAT, checkEvidenceSignature, verifyChainHeads } from './evidence-signature';
import { readPeriod } from './register-period';
import { EvidenceBundle, EvidenceReport, sha256, verifyEvidence } from './evidence-bundle';

// The evidence of the register of a period (docs/operations.md "Register bundle"): the register
// entries of the period as GET /register shows them, and each incident's evidence bundle as the
// per-incident export builds it, in one canonical JSON file. The manifest holds the SHA-256 of
// each part: "register/<reference>" for an entry, "incidents/<reference>" for a bundle.
export const REGISTER_EVIDENCE_FORMAT = 'breachclock-register-evidence';
export const REGISTER_EVIDENCE_VERSION = 1;

export interface RegisterEvidencePeriod {
  from: string;
  to: string;
  timeZone: string;
  // Which date puts an incident in the period.
  by: 'discoveredAt';
}

interface Referenced {
  id: string;
  reference: string;
  discoveredAt: string | null;
}

export interface RegisterEvidence<E extends Referenced = Referenced, B extends Pick<EvidenceBundle, 'incident'> = EvidenceBundle> {
  format: typeof REGISTER_EVIDENCE_FORMAT;
  version: number;
  exportedAt: string;
  exportedBy: string;
  organization: { id: string; slug: string; name: string };
  period: RegisterEvidencePeriod;
  manifest: { algorithm: 'sha256'; parts: Record<string, string> };
  signature?: Signature;
  register: E[];
  incidents: B[];
}

// What the file says about itself, covered by the manifest's "head" part.
const headOf = ({ exportedAt, exportedBy, organization, period }: Partial<RegisterEvidence>) => ({
  exportedAt,
  exportedBy,
  organization,
  period,
});

const referenceOf = (bundle: Pick<EvidenceBundle, 'incident'>) => (bundle.incident as Referenced).reference;
// What a bundle read from a file says about its incident, if anything.
const incidentOf = (bundle: unknown) => (bundle as { incident?: Partial<Referenced> } | null)?.incident ?? undefined;

export function sealRegisterEvidence<E extends Referenced, B extends Pick<EvidenceBundle, 'incident'>>(
  head: Omit<RegisterEvidence<E, B>, 'format' | 'version' | 'manifest' | 'register' | 'incidents'>,
  register: E[],
  incidents: B[],
): RegisterEvidence<E, B> {
  const parts: Record<string, string> = { head: sha256(headOf(head)) };
  for (const entry of register) parts[`register/${entry.reference}`] = sha256(entry);
  for (const bundle of incidents) parts[`incidents/${referenceOf(bundle)}`] = sha256(bundle);
  return {
    format: REGISTER_EVIDENCE_FORMAT,
    version: REGISTER_EVIDENCE_VERSION,
    ...head,
    manifest: { algorithm: 'sha256', parts },
    register,
    incidents,
  };
}

// Checks a register bundle without a database: every part against the manifest (a part missing
// from the file or the manifest is named), every incident bundle inside as `evidence verify` checks
// one, and that the register entries and the incident bundles name the same incidents.
export function verifyRegisterEvidence(input: Partial<RegisterEvidence>): EvidenceReport {
  const intact: string[] = [];
  const broken: string[] = [];
  const notes: string[] = [];
  if (input.version !== REGISTER_EVIDENCE_VERSION) {
    return { ok: false, intact, broken: [`unknown register bundle version ${String(input.version)}`], notes };
  }
  const register = Array.isArray(input.register) ? input.register : [];
  const incidents = Array.isArray(input.incidents) ? input.incidents : [];
  const expected = new Map(Object.entries(input.manifest?.parts ?? {}));
  const seen = new Set<string>();
  const check = (part: string, value: unknown) => {
    seen.add(part);
    const hash = expected.get(part);
    if (hash === undefined) broken.push(`${part}: not in the manifest`);
    else if (hash !== sha256(value)) broken.push(`${part}: its SHA-256 differs from the manifest`);
    else intact.push(`${part}: matches the manifest`);
  };
  check('head', headOf(input));
  const read = input.period ? readPeriod(input.period.from, input.period.to, input.period.timeZone) : null;
  const period = read && 'period' in read ? read.period : null;
  if (!period) broken.push('head: no readable period');
  for (const entry of register) {
    check(`register/${entry?.reference}`, entry);
    const discovered = Date.parse(entry?.discoveredAt ?? '');
    if (period && !(discovered >= period.start.getTime() && discovered < period.end.getTime())) {
      broken.push(`register/${entry?.reference}: discovered outside the period`);
    }
  }
  for (const bundle of incidents) {
    const reference = incidentOf(bundle)?.reference;
    check(`incidents/${reference}`, bundle);
    const report = verifyEvidence(bundle);
    for (const line of report.broken) broken.push(`incidents/${reference}: ${line}`);
    for (const line of report.notes) notes.push(`incidents/${reference}: ${line}`);
    if (report.ok) intact.push(`incidents/${reference}: evidence bundle intact`);
  }
  for (const part of expected.keys()) if (!seen.has(part)) broken.push(`${part}: in the manifest, missing from the file`);
  const entryIds = new Set<unknown>(register.map((e) => e?.id));
  const bundleIds = new Set<unknown>(incidents.map((b) => incidentOf(b)?.id));
  for (const entry of register)
    if (!bundleIds.has(entry?.id)) broken.push(`register/${entry?.reference}: no evidence bundle of the incident`);
  for (const bundle of incidents)
    if (!entryIds.has(incidentOf(bundle)?.id)) broken.push(`incidents/${incidentOf(bundle)?.reference}: no register entry`);
  intact.push(`register: ${register.length} entries, ${incidents.length} incident bundles`);
  return { ok: broken.length === 0, intact, broken, notes };
}

// `evidence verify` takes any kind of file: one incident's bundle, a register bundle, or the signed
// chain heads of `audit verify --sign`; each is checked, then its signature (against the trusted key if given).
export type EvidenceKind = 'evidence bundle' | 'register evidence bundle' | 'chain heads statement';

export function verifyAnyEvidence(
  input: unknown,
  trusted?: TrustedKey,
): { kind: EvidenceKind; report: EvidenceReport; signature: SignatureCheck } {
  const format = (input as { format?: unknown } | null)?.format;
  const { kind, report } =
    format === REGISTER_EVIDENCE_FORMAT
      ? { kind: 'register evidence bundle' as const, report: verifyRegisterEvidence(input as Partial<RegisterEvidence>) }
      : format === CHAIN_HEADS_FORMAT
        ? { kind: 'chain heads statement' as const, report: verifyChainHeads(input) }
        : { kind: 'evidence bundle' as const, report: verifyEvidence(input) };
  const signature = checkEvidenceSignature(input, trusted);
  const given = trusted?.publicKey !== undefined || trusted?.fingerprint !== undefined;
  const line = `signature: ${signatureText(signature)}`;
  if (!signatureHolds(signature, given)) return { kind, signature, report: { ...report, ok: false, broken: [...report.broken, line] } };
  return {
    kind,
    signature,
    report: signature.status === 'valid' ? { ...report, intact: [...report.intact, line] } : { ...report, notes: [...report.notes, line] },
  };
}
