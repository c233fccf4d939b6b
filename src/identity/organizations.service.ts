import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { Database } from '../platform/database/database';
import { FieldError, ValidationError } from '../platform/http/domain-error';
import { validateInput } from '../platform/validation/validate';
import { Actor, auditActorOf } from './domain/actor';
import { isCountryCode, publicLevelProblems, regionProblem } from './domain/places';
import { UpdateOrganizationDto } from './dto/update-organization.dto';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { IdentityRepository } from './identity.repository';
import { Organization } from './organization.entity';

// The fields of an organization its admins may change (API, page, `breachclock org update`).
export const EDITABLE_FIELDS = [
  'name',
  'address',
  'country',
  'region',
  'sector',
  'publicLevel',
  'nis2',
  'dora',
  'telecom',
  'postal',
  'dpoName',
  'dpoEmail',
  'dpoPhone',
] as const;
type Editable = Pick<Organization, (typeof EDITABLE_FIELDS)[number]>;

// An organization's own profile: every user of it reads it, its org admins change it. Each change is
// one audit event with the old and new value of every changed field. A change of the regimes (NIS2,
// DORA, telecom) holds for incidents filed after it: each incident keeps the regimes it was filed
// under (obligations/, docs/decisions.md).
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: Database,
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
  ) {}

  async ofActor(actor: Actor): Promise<Organization> {
    const organization = await this.db.read((m) => this.repo.findOrganizationById(m, actor.organizationId));
    if (!organization) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Your organization no longer exists.');
    return organization;
  }

  // An org admin changes their own organization.
  async update(actor: Actor, input: unknown): Promise<Organization> {
    if (actor.role !== 'org_admin') {
      throw new IdentityError(IdentityErrorCode.Forbidden, `Changing the organization needs the role org_admin; you are ${actor.role}.`);
    }
    const dto = validateInput(UpdateOrganizationDto, input);
    return this.db.transaction(async (tx) => {
      const organization = await this.repo.findOrganizationById(tx, actor.organizationId);
      if (!organization) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, 'Your organization no longer exists.');
      return this.apply(tx, organization, dto, auditActorOf(actor));
    });
  }

  // The operator changes any organization by its slug (CLI).
  async updateBySlug(slug: string, input: unknown, by: AuditActor): Promise<Organization> {
    const dto = validateInput(UpdateOrganizationDto, input);
    return this.db.transaction(async (tx) => {
      const organization = await this.repo.findOrganizationBySlug(tx, slug);
      if (!organization) throw new IdentityError(IdentityErrorCode.OrganizationNotFound, `No organization with slug "${slug}".`);
      return this.apply(tx, organization, dto, by);
    });
  }

  private async apply(tx: EntityManager, current: Organization, dto: UpdateOrganizationDto, by: AuditActor): Promise<Organization> {
    await this.repo.lockOrganization(tx, current.id);
    const next = merged(current, dto);
    const problems = placeProblems(next, dto);
    if (problems.length) throw new ValidationError(problems);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of EDITABLE_FIELDS) {
      if (current[field] !== next[field]) changes[field] = { from: current[field], to: next[field] };
    }
    if (Object.keys(changes).length === 0) return current;
    await tx.update(Organization, { id: current.id }, next);
    await this.audit.record(tx, by, { action: 'organization.updated', entityType: 'organization', entityId: current.id, changes });
    return { ...current, ...next };
  }
}

// The stored values with the given ones laid over them (text trimmed, codes upper-case, an e-mail
// address lower-case, an empty text as none).
function merged(o: Organization, d: UpdateOrganizationDto): Editable {
  const text = (v: string | null | undefined, was: string | null) => (v === undefined ? was : v === null ? null : v.trim() || null);
  const sector = d.sector ?? o.sector;
  return {
    name: d.name?.trim() || o.name,
    address: text(d.address, o.address),
    country: d.country ?? o.country,
    region: d.region === undefined ? o.region : d.region === null || d.region.trim() === '' ? null : d.region.trim().toUpperCase(),
    sector,
    // A private body has no public level: turning public → private drops it.
    publicLevel: d.publicLevel !== undefined ? d.publicLevel : sector === 'private' ? null : o.publicLevel,
    nis2: d.nis2 === undefined ? o.nis2 : d.nis2 === 'none' ? null : d.nis2,
    dora: d.dora ?? o.dora,
    telecom: d.telecom ?? o.telecom,
    postal: d.postal ?? o.postal,
    dpoName: text(d.dpoName, o.dpoName),
    dpoEmail: text(d.dpoEmail, o.dpoEmail)?.toLowerCase() ?? null,
    dpoPhone: text(d.dpoPhone, o.dpoPhone),
  };
}

// Country, region, sector and public level as a whole (the competent authority follows from them).
function placeProblems(next: Editable, dto: UpdateOrganizationDto): FieldError[] {
  const problems: FieldError[] = [];
  if (dto.name !== undefined && dto.name.trim() === '') problems.push({ path: 'name', message: 'must not be empty' });
  if (!isCountryCode(next.country)) problems.push({ path: 'country', message: 'is not an ISO 3166-1 country code' });
  const region = next.region ? regionProblem(next.country, next.region) : null;
  if (region) problems.push({ path: 'region', message: region });
  if (problems.length) return problems;
  return publicLevelProblems(next.country, next.sector, next.publicLevel, next.region);
}
