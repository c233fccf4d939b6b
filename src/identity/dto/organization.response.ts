import { Organization } from '../organization.entity';

// GET and PATCH /api/v1/organization: the organization as its users see it, in the fields PATCH takes.
export function toOrganizationResponse(o: Organization) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    address: o.address,
    country: o.country,
    region: o.region,
    sector: o.sector,
    publicLevel: o.publicLevel,
    nis2: o.nis2 ?? ('none' as const),
    dora: o.dora,
    telecom: o.telecom,
    postal: o.postal,
    dpoName: o.dpoName,
    dpoEmail: o.dpoEmail,
    dpoPhone: o.dpoPhone,
    timeZone: o.timeZone,
    locale: o.locale,
    createdAt: o.createdAt.toISOString(),
  };
}
