import { Injectable } from '@nestjs/common';
import { Actor } from '../identity/domain/actor';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { SigningKeys } from '../platform/signing/signing-keys';
import { evidenceSignedBytes, withSignature } from './domain/evidence-signature';
import { ValidationError } from '../platform/http/domain-error';
import { toRegisterEntryResponse } from '../register/dto/register-entry.response';
import { RegisterService } from '../register/register.service';
import { RegisterEvidence, sealRegisterEvidence } from './domain/register-evidence';
import { readPeriod } from './domain/register-period';
import { EvidenceBundleResponse, EvidenceService } from './evidence.service';

export type RegisterEvidenceResponse = RegisterEvidence<ReturnType<typeof toRegisterEntryResponse>, EvidenceBundleResponse>;

interface OrganizationRef {
  id: string;
  slug: string;
  name: string;
}

// The register of a period as evidence (docs/operations.md "Register bundle"): the register's own
// entries and, for each incident, the bundle EvidenceService builds for it, sealed by one manifest.
// The register is the controller's (Art. 33(5)): the caller reads as its organization's DPO.
@Injectable()
export class RegisterEvidenceService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly register: RegisterService,
    private readonly evidence: EvidenceService,
    private readonly keys: SigningKeys,
  ) {}

  // `actor` reads as the controller's DPO (the API lets org admins of the controller in too).
  async bundle(actor: Actor, from: unknown, to: unknown, exportedBy: string): Promise<RegisterEvidenceResponse> {
    const read = readPeriod(from, to, actor.timeZone);
    if ('errors' in read) throw new ValidationError(read.errors);
    const { period } = read;
    const organization = await this.organization(actor.organizationId);
    const dpo: Actor = { ...actor, role: 'controller_dpo' };
    const { entries } = await this.register.entries(dpo, period);
    const incidents: EvidenceBundleResponse[] = [];
    // One after another: a year's register should not take every database connection.
    for (const entry of entries) incidents.push((await this.evidence.bundle(dpo, entry.view.incident.id, exportedBy)).bundle);
    const sealed = sealRegisterEvidence(
      {
        exportedAt: this.clock.now().toISOString(),
        exportedBy,
        organization: organization!,
        period: { from: period.from, to: period.to, timeZone: period.timeZone, by: 'discoveredAt' },
      },
      entries.map((e) => toRegisterEntryResponse(e, dpo)),
      incidents,
    );
    return withSignature(sealed, await this.keys.sign(evidenceSignedBytes(sealed)));
  }

  // The CLI names the organization by its slug.
  async organization(idOrSlug: string): Promise<OrganizationRef | null> {
    const rows: OrganizationRef[] = await this.db.read((m) =>
      m.query(`SELECT id, slug, name FROM organization WHERE id::text = lower($1) OR slug = lower($1)`, [idOrSlug]),
    );
    return rows[0] ?? null;
  }
}
