import { Condition } from './regime-entry';
import { isEuEea, ObligationFacts } from './facts';

// Whether one condition of a regime entry holds for the facts, and if not, why (in words that
// become the waiver reason of a stored duty that falls away).

export type ConditionResult = { holds: true; provisional: string | null } | { holds: false; reason: string };

const yes = (provisional: string | null = null): ConditionResult => ({ holds: true, provisional });
const no = (reason: string): ConditionResult => ({ holds: false, reason });

const PROFILE_WORDS = {
  telecom: 'a provider of publicly available electronic communications services',
  dora: 'a financial entity under DORA',
  nis2: 'an essential or important entity under NIS2',
} as const;

function hasFlag(f: ObligationFacts, flag: keyof typeof PROFILE_WORDS): boolean {
  const o = f.organization;
  return flag === 'nis2' ? o.nis2 !== null : o[flag];
}

function inTerritory(f: ObligationFacts, territory: 'EU_EEA' | 'GB' | 'CH'): boolean {
  const { organization: o, incident } = f;
  if (territory === 'EU_EEA') return o.euMainEstablishment !== null || isEuEea(o.country) || incident.affectedCountries.some(isEuEea);
  return o.country === territory || incident.affectedCountries.includes(territory);
}

// A decision not to notify taken before the awareness the duties now run from (a reopen after new
// facts, EDPB 01/2021 case 02) does not hold the new duties back.
function declinedAuthority(f: ObligationFacts): boolean {
  const d = f.decisions;
  if (!d || d.notifyAuthority !== false) return false;
  const aware = f.incident.controllerAwareAt;
  return !(d.decidedAt && aware && d.decidedAt.getTime() < aware.getTime());
}

export function evaluateCondition(c: Condition, f: ObligationFacts): ConditionResult {
  switch (c.fact) {
    case 'contract':
      return f.incident.contract
        ? yes()
        : no('no processor reports under a data processing agreement: the controller found the breach itself');
    case 'submitted':
      return f.incident.submitted && f.incident.controllerAwareAt
        ? yes()
        : no("the processor's report is a draft: the controller has not been told yet");
    case 'profile':
      return hasFlag(f, c.flag) ? yes() : no(`the organization is not ${PROFILE_WORDS[c.flag]}`);
    case 'not_profile':
      return hasFlag(f, c.flag) ? no(c.reason) : yes();
    case 'territory': {
      if (inTerritory(f, c.territory)) return yes();
      const where = { EU_EEA: 'in the EU/EEA', GB: 'in the United Kingdom', CH: 'in Switzerland' }[c.territory];
      return no(`the controller is not established ${where} and no people ${where} are affected`);
    }
    case 'classified': {
      const k = f.classifications[c.scheme];
      const held = c.scheme === 'nis2' ? f.classifications.nis2?.significant : f.classifications.dora?.major;
      if (held) return yes();
      const what = c.scheme === 'nis2' ? 'a significant incident under NIS2' : 'a major ICT-related incident under DORA';
      return no(k ? `the incident was classified as not ${what}` : `the incident is not classified as ${what}`);
    }
    case 'authority_not_declined':
      return declinedAuthority(f)
        ? no('the controller decided not to notify: the breach is unlikely to result in a risk (Art. 33(1) GDPR)')
        : yes();
    case 'high_risk_not_excluded': {
      const risk = f.decisions?.highRisk ?? null;
      if (risk === null) return yes(c.provisional);
      return risk ? yes() : no('the breach is assessed as not likely to result in a high risk');
    }
    case 'subjects_to_be_told': {
      const d = f.decisions;
      if (d && (d.notifySubjects === true || d.subjectsExemption === '34(3)(c)') && d.decidedAt) return yes();
      return no(
        d?.notifySubjects === false ? 'the controller decided not to tell the people (Art. 34(3))' : 'no decision to tell the people yet',
      );
    }
  }
}

// All conditions of an entry: the first failing one decides; provisional notes are collected.
export function checkConditions(conditions: readonly Condition[], f: ObligationFacts): ConditionResult {
  const notes: string[] = [];
  for (const c of conditions) {
    const r = evaluateCondition(c, f);
    if (!r.holds) return r;
    if (r.provisional) notes.push(r.provisional);
  }
  return yes(notes.length ? notes.join('; ') : null);
}
