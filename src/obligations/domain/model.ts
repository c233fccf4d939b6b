// The words of the obligation model (issue 14): an obligation is one duty of one incident towards
// one recipient. Names are the API's; see docs/obligations.md.

export const REGIMES = ['contract', 'gdpr', 'uk_gdpr', 'ch_fadp', 'nis2', 'dora', 'eprivacy'] as const;
export type Regime = (typeof REGIMES)[number];

export const DUTIES = [
  'report_to_controller',
  'notify_authority',
  'communicate_to_data_subjects',
  'early_warning',
  'incident_notification',
  'final_report',
  'initial_notification',
  'intermediate_report',
] as const;
export type Duty = (typeof DUTIES)[number];

export const RECIPIENT_KINDS = ['controller', 'authority', 'csirt', 'data_subjects', 'public'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

// pending = its start has not happened yet · running · overdue · open = running without a fixed
// deadline · met · late · waived.
export const OBLIGATION_STATES = ['pending', 'running', 'overdue', 'open', 'met', 'late', 'waived'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

export interface Words {
  en: string;
  de: string;
}

export interface Recipient {
  kind: RecipientKind;
  // Id in the supervisory-authority directory (src/authorities/data) or in the sector recipients
  // (src/obligations/data/recipients.json); absent for the controller, the people, and a recipient
  // the rules could not name (then `country` says where one is needed).
  authorityId?: string;
  name: string;
  country?: string;
}

// What the rules derive for an incident: everything an obligation row needs, no id, no history.
export interface ObligationSpec {
  // regime/duty/recipient: stable across re-derivations, so stored rows can be diffed against it.
  key: string;
  regime: Regime;
  duty: Duty;
  title: Words;
  recipient: Recipient;
  legalBasis: string;
  // The anchor event's instant; null while it has not happened (a chained duty before its filing).
  startsAt: Date | null;
  // null where the law sets no fixed period ("without undue delay", "as soon as possible") or while
  // the start is unknown.
  dueAt: Date | null;
  dueRule: Words;
  // Recording a fulfilment after dueAt needs reasons for the delay (see reasonsForDelayProblem).
  lateNeedsReasons: boolean;
  // Why this recipient (the routing rule), when there was a choice.
  routing: string | null;
  // Set while the duty depends on a question not answered yet (e.g. FDPIC: high risk not assessed);
  // the duty is shown and runs meanwhile, and is waived by the rules if the answer is no.
  provisional: string | null;
  // Set when the recipient could not be named by the rules (to confirm by hand before filing).
  unresolved: string | null;
}

// A stored obligation is one of three phases. The phase decides which fields exist: a fulfilled
// obligation has no live startsAt/dueAt any more, only the values frozen at fulfilment, so no later
// fact change can move its deadline or flip met/late.
export interface LiveObligation extends ObligationSpec {
  phase: 'live';
  id?: string;
}

export interface Fulfilment {
  readonly fulfilledAt: Date;
  // The notification or filing that fulfilled it.
  readonly fulfilledBy: string | null;
  readonly startsAt: Date | null;
  readonly dueAt: Date | null;
  readonly outcome: 'met' | 'late';
  readonly reasonsForDelay: string | null;
}

export interface FulfilledObligation extends Omit<ObligationSpec, 'startsAt' | 'dueAt'> {
  phase: 'fulfilled';
  id?: string;
  readonly frozen: Fulfilment;
}

export interface Waiver {
  reason: string;
  at: Date;
  // 'rules': the facts no longer give the duty (derivation); 'user': waived by hand.
  by: 'rules' | 'user';
}

export interface WaivedObligation extends ObligationSpec {
  phase: 'waived';
  id?: string;
  waiver: Waiver;
}

export type ObligationRecord = LiveObligation | FulfilledObligation | WaivedObligation;

export function obligationKey(regime: Regime, duty: Duty, recipientId: string): string {
  return `${regime}/${duty}/${recipientId}`;
}
