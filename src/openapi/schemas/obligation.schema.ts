import type { Duty, ObligationState, RecipientKind, Regime } from '../../obligations/domain/model';

// One obligation as the API sends it (obligations/dto/obligation.response.ts); `T | null` written out
// for the compiler plugin; schemas.spec.ts holds it to the mapper's type.
export class WordsSchema {
  en: string;
  de: string;
}

export class RecipientSchema {
  kind: RecipientKind;
  authorityId?: string;
  name: string;
  country?: string;
}

export class WaivedSchema {
  reason: string | null;
  at: string | null;
  by: 'rules' | 'user' | null;
}

export class ObligationSchema {
  id: string;
  key: string;
  regime: Regime;
  duty: Duty;
  title: WordsSchema;
  recipient: RecipientSchema;
  legalBasis: string;
  startsAt: string | null;
  dueAt: string | null;
  dueAtLocal: string | null;
  dueRule: WordsSchema;
  state: ObligationState;
  secondsLeft: number | null;
  openSince: string | null;
  fulfilledAt: string | null;
  fulfilledBy: string | null;
  reasonsForDelay: string | null;
  waived: WaivedSchema | null;
  routing: string | null;
  provisional: string | null;
  unresolved: string | null;
  // "I have this" from an escalation mail of this duty.
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export class ObligationListSchema {
  items: ObligationSchema[];
}
