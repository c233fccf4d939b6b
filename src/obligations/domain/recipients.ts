import { Authority } from '../../authorities/domain/authority';
import { resolveTargets } from '../../authorities/domain/resolve-authority';
import data from '../data/recipients.json';
import { isEuEea, memberStateOf, ObligationFacts } from './facts';
import { Recipient } from './model';
import { RecipientRule } from './regime-entry';

// Who receives a duty's report: resolved from the regime entry's recipient rule, the facts and the
// two directories (GDPR supervisory authorities; sector recipients in data/recipients.json).

export interface SectorRecipient {
  id: string;
  roles: string[];
  kind: 'csirt' | 'authority';
  country: string;
  name_local: string;
  name_en: string;
  abbreviation: string | null;
  gdpr_authority_id: string | null;
  website: string | null;
  info_url: string | null;
  reporting_url: string | null;
  reporting_url_status: 'confirmed' | 'secondary' | null;
  sources: string[];
  notes: string | null;
}

export const SECTOR_RECIPIENTS: readonly SectorRecipient[] = data.recipients as SectorRecipient[];

export interface Directory {
  authorities: readonly Authority[];
  recipients: readonly SectorRecipient[];
}

export interface ResolvedRecipient {
  // The recipient part of the obligation key.
  id: string;
  recipient: Recipient;
  routing: string | null;
  unresolved: string | null;
}

export interface Problem {
  path: string;
  message: string;
}

const nameOf = (name: string, abbreviation: string | null) => (abbreviation ? `${name} (${abbreviation})` : name);

function fromAuthority(a: Authority, routing: string | null): ResolvedRecipient {
  return {
    id: a.id,
    recipient: { kind: 'authority', authorityId: a.id, name: nameOf(a.name_en, a.abbreviation), country: a.country },
    routing,
    unresolved: null,
  };
}

function placeholder(kind: Recipient['kind'], country: string, what: string, message: string): ResolvedRecipient {
  return {
    id: `country:${country}`,
    recipient: { kind, name: `${what} in ${country} (to be confirmed)`, country },
    routing: null,
    unresolved: message,
  };
}

// GDPR: the target authorities of the routing rules, EU/EEA only (the ICO and the FDPIC are their
// own regimes). Countries the rules cannot settle get a placeholder so the duty still shows.
function gdprTargets(f: ObligationFacts, directory: Directory, problems: Problem[]): ResolvedRecipient[] {
  const o = f.organization;
  const main = o.euMainEstablishment;
  let override = o.authorityOverrideId ?? null;
  if (override) {
    const chosen = directory.authorities.find((a) => a.id === override);
    if (!chosen || !isEuEea(chosen.country)) {
      problems.push({
        path: 'authorityOverrideId',
        message: `${override} is not an EU/EEA supervisory authority; the routing rules decide the GDPR authority`,
      });
      override = null;
    }
  }
  const result = resolveTargets(directory.authorities, {
    mainEstablishment: main
      ? {
          country: main.country,
          region: main.region,
          sector: o.sector,
          publicLevel: o.publicLevel ?? null,
          telecom: o.telecom,
          postal: o.postal ?? false,
        }
      : null,
    affectedCountries: f.incident.affectedCountries,
    overrideAuthorityId: override,
  });
  if (!('targets' in result)) {
    problems.push({ path: result.path, message: result.message });
    return [placeholder('authority', main!.country, 'the competent supervisory authority', `${result.path} ${result.message}`)];
  }
  const found = result.targets.filter((t) => isEuEea(t.authority.country)).map((t) => fromAuthority(t.authority, t.rule));
  const open = result.unresolved.map((u) => placeholder('authority', u.country, 'a supervisory authority', u.message));
  return [...found, ...open];
}

export function resolveRecipients(rule: RecipientRule, f: ObligationFacts, directory: Directory, problems: Problem[]): ResolvedRecipient[] {
  switch (rule.kind) {
    case 'controller':
      return [{ id: 'controller', recipient: { kind: 'controller', name: f.organization.name }, routing: null, unresolved: null }];
    case 'data_subjects':
      return f.decisions?.subjectsExemption === '34(3)(c)'
        ? [
            {
              id: 'public',
              recipient: { kind: 'public', name: 'the public (Art. 34(3)(c): public communication)' },
              routing: null,
              unresolved: null,
            },
          ]
        : [{ id: 'data_subjects', recipient: { kind: 'data_subjects', name: 'the people affected' }, routing: null, unresolved: null }];
  }
  if (rule.from === 'gdpr_routing') return gdprTargets(f, directory, problems);
  if (rule.from === 'authority') {
    const a = directory.authorities.find((x) => x.id === rule.authorityId);
    return [
      a
        ? fromAuthority(a, null)
        : placeholder(rule.kind, rule.authorityId.toUpperCase(), 'the authority', `${rule.authorityId} is not in the authority directory`),
    ];
  }
  const country = memberStateOf(f.organization);
  const found = directory.recipients.filter((r) => r.roles.includes(rule.role) && r.country === country);
  if (found.length === 0) {
    return [
      placeholder(
        rule.kind,
        country,
        `the ${rule.role} recipient`,
        `no ${rule.role} recipient for ${country} in the directory (src/obligations/data/recipients.json); confirm the national channel before filing`,
      ),
    ];
  }
  return found.map((r) => {
    const id = r.gdpr_authority_id ?? r.id;
    return {
      id,
      recipient: { kind: r.kind, authorityId: id, name: nameOf(r.name_en, r.abbreviation), country: r.country },
      routing: `${rule.role}: the recipient for ${country}`,
      unresolved: null,
    };
  });
}
