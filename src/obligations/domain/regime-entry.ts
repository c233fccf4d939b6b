import { Duty, Regime, RecipientKind, Words } from './model';

// The shape of one (regime, duty) entry. A regime is data: the engine (derive.ts, due.ts) reads
// these fields and knows no regime by name, so a regime of the same shape is one more entry.

// When the duty exists. All conditions must hold; each failing one gives the reason the duty does
// not apply (conditions.ts), which becomes the waiver reason when a stored duty falls away.
export type Condition =
  | { fact: 'contract' } // a processor reports under a DPA
  | { fact: 'submitted' } // the controller has been told (not a processor's draft)
  | { fact: 'profile'; flag: 'telecom' | 'dora' | 'nis2' }
  | { fact: 'not_profile'; flag: 'telecom' | 'dora' | 'nis2'; reason: string }
  | { fact: 'territory'; territory: 'EU_EEA' | 'GB' | 'CH' } // the controller is there or people there are affected
  | { fact: 'classified'; scheme: 'nis2' | 'dora' } // significant (NIS2) / major (DORA)
  | { fact: 'authority_not_declined' } // the controller has not decided against notifying the authority
  | { fact: 'high_risk_not_excluded'; provisional: string } // high risk found, or not assessed yet (then provisional)
  | { fact: 'subjects_to_be_told' }; // decided to tell the people (or to tell the public under 34(3)(c))

// The event a period runs from.
export type Anchor =
  | { event: 'discovered' } // the reporting party discovered the breach
  | { event: 'controller_aware' } // the controller became aware (GDPR Art. 33(1))
  | { event: 'detected' } // ePrivacy: the provider detected it (= the controller's awareness, Reg. 611/2013 Art. 2(2))
  | { event: 'subjects_decided' } // the decision to tell the people
  | { event: 'nis2_aware' } // awareness of the significant incident
  | { event: 'dora_aware' } // awareness of the ICT-related incident
  | { event: 'dora_classified' } // classification as major
  | { event: 'filing'; duty: Duty; which: 'first' | 'latest' }; // a filing of another duty of the same regime and recipient

export type Period =
  | { kind: 'hours'; hours: number }
  | { kind: 'contract_hours' } // the DPA's notice hours
  | { kind: 'months'; months: number }
  | { kind: 'none' }; // "without undue delay" / "as soon as possible": no fixed deadline

// "Within N hours of the start, and no later than M hours after another event; when the start is
// itself after that limit, N hours of the start" (DORA initial notification).
export interface Cap {
  anchor: Anchor;
  hours: number;
}

export interface Variant {
  when: { fact: 'profile_flag'; flag: 'trustServiceProvider' };
  period: Period;
  dueRule: Words;
  legalBasis: string;
}

export type ShiftExemption = 'credit_institution' | 'central_counterparty' | 'trading_venue' | 'nis2_entity' | 'entity_type_unknown';

export interface CalendarRule {
  // Hours are always counted exactly on UTC instants (Reg. 1182/71 Art. 3(4) leaves hours alone).
  hours: 'exact_utc';
  // Months: Reg. 1182/71 Art. 3(1) and 3(2)(c): the day of the event is not counted; the period ends
  // with the expiry of the last hour of the day with the same date (or the month's last day).
  months: 'reg_1182_71_art_3_2_c' | null;
  // Whose calendar day ends such a period, and whose weekends and holidays count.
  dayEndsIn: 'member_state' | null;
  // A deadline on a weekend day or bank holiday moves to noon of the next working day.
  shift: { basis: string; notFor: ShiftExemption[] } | null;
}

export type RecipientRule =
  | { kind: 'controller' }
  | { kind: 'data_subjects' } // becomes kind 'public' when the decision chose a public communication (34(3)(c))
  | { kind: 'authority'; from: 'gdpr_routing' } // one per target authority (src/authorities/domain)
  | { kind: 'authority'; from: 'authority'; authorityId: string } // one named authority of the directory
  | { kind: Extract<RecipientKind, 'authority' | 'csirt'>; from: 'sector_directory'; role: string }; // recipients.json by role and member state

export interface RegimeEntry {
  regime: Regime;
  duty: Duty;
  title: Words;
  appliesWhen: Condition[];
  anchor: Anchor;
  period: Period;
  cap?: Cap;
  variants?: Variant[];
  calendar: CalendarRule;
  recipient: RecipientRule;
  legalBasis: string;
  // The deciding wording, short, with where it was read ([S] = secondary source, re-verify).
  quote: { text: string; source: string };
  dueRule: Words;
  lateNeedsReasons: boolean;
}

export const EXACT_HOURS: CalendarRule = { hours: 'exact_utc', months: null, dayEndsIn: null, shift: null };
