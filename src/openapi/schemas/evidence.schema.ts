import { AssessmentSchema, DecisionSchema } from './assessment.schema';
import { RegisterEntrySchema } from './register.schema';
import { IncidentSchema } from './incident.schema';
import { NotificationSchema } from './notification.schema';
import { ObligationSchema } from './obligation.schema';

// The evidence bundle of one incident (evidence/domain/evidence-bundle.ts; docs/operations.md).
export class ChainedContentSchema {
  id: string;
  occurredAt: string;
  actor: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  incidentId: string | null;
  changes: unknown;
  reason: string | null;
  requestId: string | null;
  /** Chain format: absent or 1 (the hash covers the values), 2 (it covers salted commitments to the actor, the reason and each change value, so those can be erased: "[erased]"). */
  format?: 1 | 2;
  /** Format 2: per committed value its salt {s}, or once erased its commitment {c, erased: time}, or withheld from this side {c, withheld: true}. */
  commitments?: object | null;
}

export class EvidenceEventSchema {
  seq: string;
  /** The audit chain of the event: "org:<id>", "system" or "legacy". */
  chain: string;
  prevHash: string;
  hash: string;
  content: ChainedContentSchema;
  withheld?: string[];
}

export class FactsAtChangeSchema {
  eventId: string;
  at: string;
  action: string;
  actor: string;
  changed: string[];
  facts: Record<string, unknown>;
}

export class EvidenceManifestSectionsSchema {
  incident: string;
  facts: string;
  assessments: string;
  decisions: string;
  notifications: string;
  obligations: string;
  events: string;
}

export class EvidenceManifestSchema {
  algorithm: 'sha256';
  sections: EvidenceManifestSectionsSchema;
}

// The installation's detached Ed25519 signature (platform/signing/signatures.ts).
export class SignatureSchema {
  algorithm: 'ed25519';
  /** SHA-256 of the raw 32-byte public key, hex: compare it with the fingerprint the operator published. */
  keyFingerprint: string;
  /** The public key, PEM (SPKI). */
  publicKey: string;
  /** Base64 Ed25519 signature over the canonical JSON of the bundle without its sections and this field. */
  signature: string;
}

export class EvidenceBundleSchema {
  format: 'breachclock-evidence';
  version: number;
  exportedAt: string;
  exportedBy: string;
  side: 'controller' | 'processor';
  manifest: EvidenceManifestSchema;
  /** Absent inside a register bundle (its signature covers each bundle's hash) and in bundles made before signing. */
  signature?: SignatureSchema;
  incident: IncidentSchema;
  facts: FactsAtChangeSchema[];
  assessments: AssessmentSchema[];
  decisions: DecisionSchema[];
  notifications: NotificationSchema[];
  obligations: ObligationSchema[];
  events: EvidenceEventSchema[];
}

export class RegisterEvidencePeriodSchema {
  /** First day of the period, YYYY-MM-DD. */
  from: string;
  /** Last day of the period (included), YYYY-MM-DD. */
  to: string;
  /** The zone the days are read in: the caller's (UTC for the CLI). */
  timeZone: string;
  /** The date that puts an incident in the period. */
  by: 'discoveredAt';
}

export class RegisterEvidenceOrganizationSchema {
  id: string;
  slug: string;
  name: string;
}

export class RegisterEvidenceManifestSchema {
  algorithm: 'sha256';
  /** SHA-256 of each part's canonical JSON: "head", "register/<reference>", "incidents/<reference>". */
  parts: Record<string, string>;
}

// The register of a period with each incident's bundle (evidence/domain/register-evidence.ts).
export class RegisterEvidenceSchema {
  format: 'breachclock-register-evidence';
  version: number;
  exportedAt: string;
  exportedBy: string;
  organization: RegisterEvidenceOrganizationSchema;
  period: RegisterEvidencePeriodSchema;
  manifest: RegisterEvidenceManifestSchema;
  signature?: SignatureSchema;
  register: RegisterEntrySchema[];
  incidents: EvidenceBundleSchema[];
}
