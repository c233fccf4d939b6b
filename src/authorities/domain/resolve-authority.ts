import { Authority, EU_EEA } from './authority';

// Which supervisory authority is competent (regulatory/competent-authority.md). Pure.

export type Sector = 'private' | 'public';
export type PublicLevel = 'federal' | 'state';

export interface Establishment {
  country: string; // ISO 3166-1 alpha-2
  region?: string | null; // ISO 3166-2, needed for Germany
  sector: Sector;
  // For public bodies: a body of the Federation or of a Land (municipalities count with their Land).
  // Unknown (older records): read from the region, as before the level was recorded.
  publicLevel?: PublicLevel | null;
  // A provider of telecommunications services, or of postal services: in Germany the BfDI supervises
  // them for those services (§ 9(1) BDSG; § 29 TDDDG, formerly TTDSG; the Postgesetz).
  telecom?: boolean;
  postal?: boolean;
}

export type Resolution = { ok: true; authority: Authority; rule: string } | { ok: false; path: string; message: string };

const isEuEea = (country: string) => (EU_EEA as readonly string[]).includes(country);

export function resolveCompetent(authorities: readonly Authority[], e: Establishment): Resolution {
  const country = e.country.toUpperCase();
  const national = authorities.filter((a) => a.country === country);
  if (national.length === 0) {
    return {
      ok: false,
      path: 'country',
      message: `no supervisory authority is known for ${country}: EU/EEA countries, GB and CH are covered`,
    };
  }
  if (country !== 'DE') {
    return {
      ok: true,
      authority: national[0],
      rule: isEuEea(country)
        ? 'Art. 55(1) GDPR: the national authority'
        : country === 'GB'
          ? 'UK GDPR: the ICO'
          : 'FADP Art. 24: the FDPIC',
    };
  }
  // Germany (competent-authority.md §1): telecommunications and postal providers and federal public
  // bodies → BfDI (§ 9(1) BDSG); a Land's public bodies → that Land's commissioner (Bavaria: BayLfD);
  // everyone else → the authority of the Land of the seat (§ 40 BDSG; Bavaria: BayLDA).
  const region = e.region?.toUpperCase() ?? null;
  const bfdi = national.find((a) => a.id === 'de-bfdi')!;
  if (e.telecom) {
    return { ok: true, authority: bfdi, rule: '§ 9(1) BDSG, § 29 TDDDG (formerly TTDSG): providers of telecommunications services → BfDI' };
  }
  if (e.postal) return { ok: true, authority: bfdi, rule: 'Postgesetz (PostG): providers of postal services, for those services → BfDI' };
  const level = e.sector === 'public' ? (e.publicLevel ?? (region ? 'state' : 'federal')) : null;
  if (level === 'federal') return { ok: true, authority: bfdi, rule: '§ 9(1) BDSG: public bodies of the Federation → BfDI' };
  if (!region) {
    return level === 'state'
      ? {
          ok: false,
          path: 'region',
          message: 'is required for a public body of a Land: the Land (ISO 3166-2, e.g. DE-BY) decides its commissioner',
        }
      : {
          ok: false,
          path: 'region',
          message: 'is required for Germany: the Land (ISO 3166-2, e.g. DE-HE) decides the authority (§ 40 BDSG)',
        };
  }
  const land = national.filter((a) => a.region_code === region && (a.sector_scope === 'both' || a.sector_scope === e.sector));
  if (land.length === 0) return { ok: false, path: 'region', message: `${region} is not a German Land (ISO 3166-2:DE)` };
  return {
    ok: true,
    authority: land[0],
    rule:
      e.sector === 'private'
        ? '§ 40 BDSG: the authority of the Land of the seat'
        : 'Land data-protection act: the Land commissioner for public bodies',
  };
}

export interface TargetQuery {
  // The main establishment in the EU/EEA (Art. 4(16)); null for a controller without one.
  mainEstablishment: Establishment | null;
  affectedCountries: string[];
  overrideAuthorityId?: string | null;
}

export interface Target {
  authority: Authority;
  rule: string;
}

// Everyone to notify for one breach (regulatory.md §4.6–4.7, §9.4 items 21–22):
// - an override chosen by the organization wins;
// - with an EU/EEA main establishment: its authority, which is the lead authority for cross-border
//   private processing (Art. 56); public bodies never use the one-stop-shop (Art. 55(2));
// - without one: one authority per member state where affected people live (EDPB 9/2022 para 73);
// - people in GB or CH add the ICO or the FDPIC, which sit outside the one-stop-shop.
export interface Targets {
  targets: Target[];
  // Countries whose authority the rules cannot name (to confirm by hand), with why.
  unresolved: { country: string; message: string }[];
}

export function resolveTargets(authorities: readonly Authority[], q: TargetQuery): Targets | { path: string; message: string } {
  const targets: Target[] = [];
  const unresolved: Targets['unresolved'] = [];
  const add = (t: Target) => {
    if (!targets.some((x) => x.authority.id === t.authority.id)) targets.push(t);
  };
  if (q.overrideAuthorityId) {
    const chosen = authorities.find((a) => a.id === q.overrideAuthorityId);
    if (!chosen) return { path: 'authorityOverrideId', message: `no authority ${q.overrideAuthorityId}` };
    add({ authority: chosen, rule: 'chosen by the organization (override)' });
  } else if (q.mainEstablishment && (isEuEea(q.mainEstablishment.country) || ['GB', 'CH'].includes(q.mainEstablishment.country))) {
    const own = resolveCompetent(authorities, q.mainEstablishment);
    if (!own.ok) return own;
    const crossBorder = q.affectedCountries.some((c) => c !== q.mainEstablishment!.country && isEuEea(c));
    add({
      authority: own.authority,
      rule:
        crossBorder && q.mainEstablishment.sector === 'private' && isEuEea(q.mainEstablishment.country)
          ? `lead authority of the main establishment (Art. 56(1) GDPR); ${own.rule}`
          : own.rule,
    });
  } else {
    for (const country of q.affectedCountries.filter(isEuEea)) {
      const r = resolveCompetent(authorities, { country, sector: 'private', region: null });
      if (r.ok)
        add({
          authority: r.authority,
          rule: 'no EU establishment: the authority of each member state where affected people live (EDPB 9/2022 para 73)',
        });
      else
        unresolved.push({
          country,
          message:
            'no establishment in this country: which of its authorities is competent is not settled (for Germany: which Land); confirm before filing',
        });
    }
  }
  for (const country of ['GB', 'CH']) {
    if (q.affectedCountries.includes(country)) {
      const r = resolveCompetent(authorities, { country, sector: 'private' });
      if (r.ok) add({ authority: r.authority, rule: `${r.rule}, outside the EU one-stop-shop` });
    }
  }
  return { targets, unresolved };
}
