import { EU_EEA } from '../../authorities/domain/authority';

// The facts that decide which duties an incident has and when each is due. Plain data: the
// application reads them from the organization, the incident, the latest decision, the
// classifications and the filings, and hands them over.

export type DoraEntityType = 'credit_institution' | 'central_counterparty' | 'trading_venue' | 'other';

export interface OrganizationProfile {
  // The controller organization (the one the duties to authorities and people belong to).
  name: string;
  country: string; // ISO 3166-1 alpha-2
  region: string | null; // ISO 3166-2; decides the authority in Germany
  sector: 'private' | 'public';
  // For public bodies, where known: federal bodies go to the BfDI in Germany, Land bodies to the Land.
  publicLevel?: 'federal' | 'state' | null;
  // The main establishment in the EU/EEA (Art. 4(16) GDPR); null for a controller without one.
  // euMainEstablishmentOf() gives the usual value from the seat.
  euMainEstablishment: { country: string; region: string | null } | null;
  nis2: 'essential' | 'important' | null;
  // A trust service provider (eIDAS) reports the NIS2 incident notification within 24 h.
  trustServiceProvider?: boolean;
  dora: boolean;
  // Decides DORA's weekend rule (Del. Reg. 2025/301 Art. 5(5)); unknown counts as excepted.
  doraEntityType?: DoraEntityType | null;
  // A provider of publicly available electronic communications services (ePrivacy, Reg. 611/2013;
  // in Germany also the BfDI as GDPR authority, § 9(1) BDSG).
  telecom: boolean;
  // A provider of postal services (in Germany the BfDI as GDPR authority, Postgesetz).
  postal?: boolean;
  // The organization's chosen GDPR authority (wins over the routing rules).
  authorityOverrideId?: string | null;
}

export interface IncidentFacts {
  // false while a processor's report is a draft: the controller has not been told yet.
  submitted: boolean;
  // The DPA between processor and controller, when a processor reports; null for an own breach.
  contract: { noticeHours: number } | null;
  discoveredAt: Date;
  // When the controller became aware (null for a draft).
  controllerAwareAt: Date | null;
  // ISO 3166-1 alpha-2 codes of the countries where affected people live.
  affectedCountries: string[];
}

export interface DecisionFacts {
  // null: not decided yet.
  notifyAuthority: boolean | null;
  notifySubjects: boolean | null;
  // '34(3)(c)' means the people are told by a public communication instead.
  subjectsExemption?: string | null;
  // The assessment's finding of a likely high risk; null: not assessed yet.
  highRisk: boolean | null;
  decidedAt: Date | null;
}

export interface Nis2Classification {
  significant: boolean;
  awareAt: Date;
}

export interface DoraClassification {
  major: boolean;
  awareAt: Date;
  classifiedAt: Date;
}

export interface Filing {
  // The key of the obligation the filing was made for (initial filings and follow-ups alike).
  key: string;
  filedAt: Date;
}

export interface ObligationFacts {
  organization: OrganizationProfile;
  incident: IncidentFacts;
  decisions: DecisionFacts | null;
  classifications: { nis2: Nis2Classification | null; dora: DoraClassification | null };
  filings: Filing[];
}

export const isEuEea = (country: string): boolean => (EU_EEA as readonly string[]).includes(country);

// The usual main establishment: the seat, when it is in the EU/EEA.
export function euMainEstablishmentOf(country: string, region: string | null): OrganizationProfile['euMainEstablishment'] {
  return isEuEea(country) ? { country, region } : null;
}

// The member state whose law, authorities, holidays and days count for NIS2, DORA and ePrivacy:
// the EU/EEA main establishment, else the seat.
export function memberStateOf(o: OrganizationProfile): string {
  return o.euMainEstablishment?.country ?? o.country;
}
