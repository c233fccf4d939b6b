import data from '../../src/authorities/data/authorities.json';
import { Authority } from '../../src/authorities/domain/authority';
import {
  DecisionFacts,
  deriveObligations,
  Derivation,
  Directory,
  IncidentFacts,
  ObligationFacts,
  ObligationSpec,
  OrganizationProfile,
  RegimeEntry,
  SECTOR_RECIPIENTS,
} from '../../src/obligations/domain';

// Facts for the obligation rules' unit tests: a German private controller (rapidmail, Freiburg, BW)
// with nothing special, which each test changes where its case differs.

export const at = (iso: string): Date => new Date(iso);

export const DIRECTORY: Directory = { authorities: data.authorities as Authority[], recipients: SECTOR_RECIPIENTS };

export function profile(over: Partial<OrganizationProfile> = {}): OrganizationProfile {
  return {
    name: 'rapidmail GmbH',
    country: 'DE',
    region: 'DE-BW',
    sector: 'private',
    publicLevel: null,
    euMainEstablishment: { country: 'DE', region: 'DE-BW' },
    nis2: null,
    trustServiceProvider: false,
    dora: false,
    doraEntityType: null,
    telecom: false,
    authorityOverrideId: null,
    ...over,
  };
}

export interface FactsOverrides {
  organization?: Partial<OrganizationProfile>;
  incident?: Partial<IncidentFacts>;
  decisions?: Partial<DecisionFacts> | null;
  classifications?: Partial<ObligationFacts['classifications']>;
  filings?: ObligationFacts['filings'];
}

export function facts(over: FactsOverrides = {}): ObligationFacts {
  return {
    organization: profile(over.organization),
    incident: {
      submitted: true,
      contract: null,
      discoveredAt: at('2025-06-06T15:42:10Z'),
      controllerAwareAt: at('2025-06-06T15:42:10Z'),
      affectedCountries: ['DE'],
      ...over.incident,
    },
    decisions:
      over.decisions === null || over.decisions === undefined
        ? null
        : { notifyAuthority: null, notifySubjects: null, subjectsExemption: null, highRisk: null, decidedAt: null, ...over.decisions },
    classifications: { nis2: null, dora: null, ...over.classifications },
    filings: over.filings ?? [],
  };
}

export function derive(f: ObligationFacts, regimes?: readonly RegimeEntry[]): Derivation {
  return deriveObligations(f, DIRECTORY, regimes);
}

export const keysOf = (d: Derivation): string[] => d.specs.map((s) => s.key);

export function spec(d: Derivation, key: string): ObligationSpec {
  const found = d.specs.find((s) => s.key === key);
  if (!found) throw new Error(`no obligation ${key}; derived: ${keysOf(d).join(', ')}`);
  return found;
}

export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
